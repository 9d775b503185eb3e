// The samples of /docs/cost-and-usage (each one run by tests/docs-samples.test.ts): usage.cost in an answer and in a
// stream's last chunk, the x-switchyard-* headers, a request looked up by its id, an estimate, and the key's status.
import { chatSample, curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const PROMPT = "What does this request cost?";
const STREAM_PROMPT = "Count to three.";
const HEADERS_PROMPT = "Which provider answers this?";
const LOOKUP_PROMPT = "Look this request up afterwards.";
const ESTIMATE_PROMPT = "Write a short poem about trains.";

/** The curl command's body, in Python and JavaScript alike. */
const userMessage = (prompt: string) => `[{"role": "user", "content": ${literal(prompt)}}]`;

/** Prints the headers of an answer whose name starts with x-switchyard- or is x-request-id (Python). */
const PYTHON_PRINT_HEADERS = `for name, value in raw.headers.items():
    if name.startswith("x-switchyard-") or name == "x-request-id":
        print(f"{name}: {value}")`;

const NODE_PRINT_HEADERS = `for (const [name, value] of response.headers) {
  if (name.startsWith("x-switchyard-") || name === "x-request-id") console.log(\`\${name}: \${value}\`);
}`;

export const samples = {
  usageCost: chatSample(
    "cost-and-usage/usage-cost",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", { model, messages: [{ role: "user", content: PROMPT }] }),
      python: `${pythonClient(origin)}

reply = client.chat.completions.create(
    model=${literal(model)},
    messages=${userMessage(PROMPT)},
)
usage = reply.usage
print(usage.prompt_tokens, "prompt +", usage.completion_tokens, "completion tokens")
print("cost (USD):", usage.cost)`,
      node: `${nodeClient(origin)}

const reply = await client.chat.completions.create({
  model: ${literal(model)},
  messages: ${userMessage(PROMPT)},
});
const { usage } = reply;
console.log(usage.prompt_tokens, "prompt +", usage.completion_tokens, "completion tokens");
console.log("cost (USD):", usage.cost);`,
    }),
    {
      curl: [/"usage":/, /"cost":\s*[0-9.e-]+/],
      python: [/\d+ prompt \+ \d+ completion tokens/, /cost \(USD\): [0-9.e-]+/],
      node: [/\d+ prompt \+ \d+ completion tokens/, /cost \(USD\): [0-9.e-]+/],
    },
  ),

  streamUsage: chatSample(
    "cost-and-usage/stream-usage",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "chat/completions",
        {
          model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: "user", content: STREAM_PROMPT }],
        },
        { flags: ["-N"] },
      ),
      python: `${pythonClient(origin)}

stream = client.chat.completions.create(
    model=${literal(model)},
    messages=${userMessage(STREAM_PROMPT)},
    stream=True,
    stream_options={"include_usage": True},
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
    elif chunk.usage:  # the last chunk: no choices, the usage with its cost
        print(f"\\n{chunk.usage.total_tokens} tokens, cost (USD): {chunk.usage.cost}")`,
      node: `${nodeClient(origin)}

const stream = await client.chat.completions.create({
  model: ${literal(model)},
  messages: ${userMessage(STREAM_PROMPT)},
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  if (chunk.choices.length > 0) process.stdout.write(chunk.choices[0].delta.content ?? "");
  // The last chunk: no choices, the usage with its cost.
  else if (chunk.usage) console.log(\`\\n\${chunk.usage.total_tokens} tokens, cost (USD): \${chunk.usage.cost}\`);
}`,
    }),
    {
      curl: [/"choices":\s*\[\]/, /"usage":\s*\{[^\n]*"cost":/, /data: \[DONE\]/],
      python: [/You said: Count to three\./, /\d+ tokens, cost \(USD\): [0-9.e-]+/],
      node: [/You said: Count to three\./, /\d+ tokens, cost \(USD\): [0-9.e-]+/],
    },
  ),

  headers: chatSample(
    "cost-and-usage/headers",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "chat/completions",
        { model, messages: [{ role: "user", content: HEADERS_PROMPT }] },
        { flags: ["-s", "-o /dev/null", "-D -"] },
      ),
      python: `${pythonClient(origin)}

raw = client.chat.completions.with_raw_response.create(
    model=${literal(model)},
    messages=${userMessage(HEADERS_PROMPT)},
)
${PYTHON_PRINT_HEADERS}
reply = raw.parse()  # the completion itself`,
      node: `${nodeClient(origin)}

const { data: reply, response } = await client.chat.completions
  .create({
    model: ${literal(model)},
    messages: ${userMessage(HEADERS_PROMPT)},
  })
  .withResponse();
${NODE_PRINT_HEADERS}`,
    }),
    {
      all: [
        /x-request-id: req_\S+/i,
        /x-switchyard-provider: \S+/i,
        /x-switchyard-model: \S+\/\S+/i,
        /x-switchyard-attempts: \d+/i,
        /x-switchyard-cost-usd: \d+\.\d{6}/i,
      ],
    },
  ),

  generation: chatSample(
    "cost-and-usage/generation",
    ({ origin, model }) => ({
      curl: `REQUEST_ID=$(${curl(
        origin,
        "chat/completions",
        { model, messages: [{ role: "user", content: LOOKUP_PROMPT }] },
        { flags: ["-s", "-o /dev/null", "-D -"] },
      )} | tr -d '\\r' | awk 'tolower($1) == "x-request-id:" {print $2}')

${curl(origin, "generation/$REQUEST_ID", undefined)}`,
      python: `${pythonClient(origin)}

raw = client.chat.completions.with_raw_response.create(
    model=${literal(model)},
    messages=${userMessage(LOOKUP_PROMPT)},
)
request_id = raw.headers["x-request-id"]

record = client.get(f"/generation/{request_id}", cast_to=object)["data"]
print(record["id"], record["model"], "via", record["provider"])
print("tokens:", record["usage"]["total_tokens"], "cost (USD):", record["cost_usd"])
print("latency (ms):", record["latency_ms"], "attempts:", len(record["attempts"]))`,
      node: `${nodeClient(origin)}

const { response } = await client.chat.completions
  .create({
    model: ${literal(model)},
    messages: ${userMessage(LOOKUP_PROMPT)},
  })
  .withResponse();
const requestId = response.headers.get("x-request-id");

const { data: record } = await client.get(\`/generation/\${requestId}\`);
console.log(record.id, record.model, "via", record.provider);
console.log("tokens:", record.usage.total_tokens, "cost (USD):", record.cost_usd);
console.log("latency (ms):", record.latency_ms, "attempts:", record.attempts.length);`,
    }),
    {
      curl: [/"id":\s*"req_/, /"cost_usd":/, /"attempts":\s*\[/],
      python: [/^req_\S+ \S+\/\S+ via \S+$/m, /tokens: \d+ cost \(USD\): [0-9.e-]+/, /attempts: [1-9]/],
      node: [/^req_\S+ \S+\/\S+ via \S+$/m, /tokens: \d+ cost \(USD\): [0-9.e-]+/, /attempts: [1-9]/],
    },
  ),

  estimate: chatSample(
    "cost-and-usage/estimate",
    ({ origin, model }) => ({
      curl: curl(origin, "estimate", {
        model,
        max_tokens: 500,
        messages: [{ role: "user", content: ESTIMATE_PROMPT }],
      }),
      python: `${pythonClient(origin)}

estimate = client.post(
    "/estimate",
    body={
        "model": ${literal(model)},
        "max_tokens": 500,
        "messages": ${userMessage(ESTIMATE_PROMPT)},
    },
    cast_to=object,
)
print("at most (USD):", estimate["estimated_cost_usd"])
print(estimate["breakdown"])`,
      node: `${nodeClient(origin)}

const estimate = await client.post("/estimate", {
  body: {
    model: ${literal(model)},
    max_tokens: 500,
    messages: ${userMessage(ESTIMATE_PROMPT)},
  },
});
console.log("at most (USD):", estimate.estimated_cost_usd);
console.log(estimate.breakdown);`,
    }),
    {
      curl: [/"estimated_cost_usd":\s*[0-9.e-]+/, /"completion_tokens_max":\s*500/],
      python: [/at most \(USD\): [0-9.e-]+/, /completion_tokens_max'?:\s*500/],
      node: [/at most \(USD\): [0-9.e-]+/, /completion_tokens_max'?:\s*500/],
    },
  ),

  key: fixedModelSample(
    "cost-and-usage/key",
    ({ origin }) => ({
      curl: curl(origin, "key", undefined),
      python: `${pythonClient(origin)}

key = client.get("/key", cast_to=object)["data"]
print("credits (USD):", key["credits_usd"], "spent this month (USD):", key["spend_month_usd"])
print("requests per minute:", key["limits"]["requests_per_minute"])`,
      node: `${nodeClient(origin)}

const { data: key } = await client.get("/key");
console.log("credits (USD):", key.credits_usd, "spent this month (USD):", key.spend_month_usd);
console.log("requests per minute:", key.limits.requests_per_minute);`,
    }),
    {
      curl: [/"credits_usd":\s*[0-9.e-]+/, /"requests_per_minute":\s*\d+/],
      python: [/credits \(USD\): [0-9.e-]+ spent this month \(USD\): [0-9.e-]+/, /requests per minute: \d+/],
      node: [/credits \(USD\): [0-9.e-]+ spent this month \(USD\): [0-9.e-]+/, /requests per minute: \d+/],
    },
  ),
} satisfies Record<string, SiteSample>;
