// The quickstart's first call: one chat completion, its answer and what it cost.
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const PROMPT = "Hello! What can you do?";

export const samples = {
  firstCall: chatSample(
    "quickstart/first-call",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", { model, messages: [{ role: "user", content: PROMPT }] }),
      python: `${pythonClient(origin)}

reply = client.chat.completions.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(PROMPT)}}],
)
print(reply.choices[0].message.content)
print("cost (USD):", reply.usage.cost)`,
      node: `${nodeClient(origin)}

const reply = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [{ role: "user", content: ${literal(PROMPT)} }],
});
console.log(reply.choices[0].message.content);
console.log("cost (USD):", reply.usage.cost);`,
    }),
    {
      all: /You said: Hello! What can you do\?/,
      curl: /"cost":\s*[0-9.e-]+/,
      python: /cost \(USD\): [0-9.e-]+/,
      node: /cost \(USD\): [0-9.e-]+/,
    },
  ),
} satisfies Record<string, SiteSample>;
