// /docs/chat-completions: a conversation with the common parameters, and what the answer carries.
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const SYSTEM = "You are a concise assistant. Answer in one sentence.";
const QUESTION = "Name three uses of a railway switchyard.";
const LEGACY_PROMPT = "Say this is a test";
const ROUTED = "Route me to the fastest deployment.";

export const samples = {
  conversation: chatSample(
    "chat-completions/conversation",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", {
        model,
        messages: [
          { role: "system", content: SYSTEM },
          { role: "user", content: QUESTION },
        ],
        temperature: 0.7,
        max_completion_tokens: 200,
        seed: 7,
        user: "customer-1234",
      }),
      python: `${pythonClient(origin)}

completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[
        {"role": "system", "content": ${literal(SYSTEM)}},
        {"role": "user", "content": ${literal(QUESTION)}},
    ],
    temperature=0.7,
    max_completion_tokens=200,
    seed=7,
    user="customer-1234",
)
choice = completion.choices[0]
print(choice.message.content)
print("finish reason:", choice.finish_reason)
print("tokens:", completion.usage.prompt_tokens, "in,", completion.usage.completion_tokens, "out")
print("cost (USD):", completion.usage.cost)`,
      node: `${nodeClient(origin)}

const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [
    { role: "system", content: ${literal(SYSTEM)} },
    { role: "user", content: ${literal(QUESTION)} },
  ],
  temperature: 0.7,
  max_completion_tokens: 200,
  seed: 7,
  user: "customer-1234",
});
const [choice] = completion.choices;
console.log(choice.message.content);
console.log("finish reason:", choice.finish_reason);
console.log("tokens:", completion.usage.prompt_tokens, "in,", completion.usage.completion_tokens, "out");
console.log("cost (USD):", completion.usage.cost);`,
    }),
    {
      all: /You said: Name three uses of a railway switchyard\./,
      curl: /"finish_reason":\s*"stop"[\s\S]*"cost":/,
      python: [/finish reason: stop/, /tokens: \d+ in, \d+ out/, /cost \(USD\): [0-9.e-]+/],
      node: [/finish reason: stop/, /tokens: \d+ in, \d+ out/, /cost \(USD\): [0-9.e-]+/],
    },
  ),
  stop: chatSample(
    "chat-completions/stop",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", {
        model,
        messages: [{ role: "user", content: "Count from 1 to 10, one number a line." }],
        stop: ["7"],
        max_tokens: 50,
      }),
      python: `${pythonClient(origin)}

completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": "Count from 1 to 10, one number a line."}],
    stop=["7"],  # up to 4 sequences; the answer ends before the first one
    max_tokens=50,
)
print(completion.choices[0].message.content)
print("finish reason:", completion.choices[0].finish_reason)`,
      node: `${nodeClient(origin)}

const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [{ role: "user", content: "Count from 1 to 10, one number a line." }],
  stop: ["7"], // up to 4 sequences; the answer ends before the first one
  max_tokens: 50,
});
console.log(completion.choices[0].message.content);
console.log("finish reason:", completion.choices[0].finish_reason);`,
    }),
    { all: /You said: Count from 1 to 10/, python: /finish reason: \w+/, node: /finish reason: \w+/ },
  ),
  legacyCompletion: chatSample(
    "chat-completions/legacy-completion",
    ({ origin, model }) => ({
      curl: curl(origin, "completions", { model, prompt: LEGACY_PROMPT, max_tokens: 32 }),
      python: `${pythonClient(origin)}

completion = client.completions.create(
    model=${literal(model)},
    prompt=${literal(LEGACY_PROMPT)},
    max_tokens=32,
)
print(completion.choices[0].text)
print("cost (USD):", completion.usage.cost)`,
      node: `${nodeClient(origin)}

const completion = await client.completions.create({
  model: ${literal(model)},
  prompt: ${literal(LEGACY_PROMPT)},
  max_tokens: 32,
});
console.log(completion.choices[0].text);
console.log("cost (USD):", completion.usage.cost);`,
    }),
    {
      curl: [/"object":\s*"text_completion"/, /You said: Say this is a test/],
      python: [/You said: Say this is a test/, /cost \(USD\): [0-9.e-]+/],
      node: [/You said: Say this is a test/, /cost \(USD\): [0-9.e-]+/],
    },
  ),
  providerRouting: chatSample(
    "chat-completions/provider-routing",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "chat/completions",
        {
          model,
          messages: [{ role: "user", content: ROUTED }],
          provider: { sort: "latency", allow_fallbacks: true },
          top_k: 40,
        },
        { flags: ["-i"] },
      ),
      python: `${pythonClient(origin)}

response = client.chat.completions.with_raw_response.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(ROUTED)}}],
    # Fields the SDK does not know go in extra_body.
    extra_body={"provider": {"sort": "latency", "allow_fallbacks": True}, "top_k": 40},
)
print(response.parse().choices[0].message.content)
print("served by:", response.headers.get("x-switchyard-provider"))
print("dropped:", response.headers.get("x-switchyard-dropped-params"))`,
      node: `${nodeClient(origin)}

const { data, response } = await client.chat.completions
  .create({
    model: ${literal(model)},
    messages: [{ role: "user", content: ${literal(ROUTED)} }],
    // Fields the SDK does not know are sent as they are.
    provider: { sort: "latency", allow_fallbacks: true },
    top_k: 40,
  })
  .withResponse();
console.log(data.choices[0].message.content);
console.log("served by:", response.headers.get("x-switchyard-provider"));
console.log("dropped:", response.headers.get("x-switchyard-dropped-params"));`,
    }),
    {
      curl: [/^x-switchyard-provider: /im, /You said: Route me/],
      python: [/You said: Route me/, /served by: \S+/],
      node: [/You said: Route me/, /served by: \S+/],
    },
  ),
} satisfies Record<string, SiteSample>;
