// /docs/models: the models a key may call, and one model with its price and limits.
import { chatSample, curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

export const samples = {
  list: fixedModelSample(
    "models/list",
    ({ origin }) => ({
      curl: curl(origin, "models", undefined),
      python: `${pythonClient(origin)}

for model in client.models.list():
    print(model.id)`,
      node: `${nodeClient(origin)}

for await (const model of client.models.list()) {
  console.log(model.id);
}`,
    }),
    {
      curl: /"object":\s*"list"[\s\S]*"id":\s*"openai\/gpt-4o-mini"/,
      python: /^openai\/gpt-4o-mini$/m,
      node: /^openai\/gpt-4o-mini$/m,
    },
  ),
  retrieve: chatSample(
    "models/retrieve",
    ({ origin, model }) => ({
      curl: curl(origin, `models/${model}`, undefined),
      python: `${pythonClient(origin)}

model = client.models.retrieve(${literal(model)})
# Beyond OpenAI's fields: name, status, context length, and the provider's price per 1M tokens
# (USD; our markup, pricing["markup_percent"], is added on top).
print(model.id, "-", model.name, "-", model.status)
print("context:", model.context_length, "tokens")
print("input:", model.pricing["input"], "output:", model.pricing["output"], "USD per 1M tokens")`,
      node: `${nodeClient(origin)}

const model = await client.models.retrieve(${literal(model)});
// Beyond OpenAI's fields: name, status, context length, and the provider's price per 1M tokens
// (USD; our markup, pricing.markup_percent, is added on top).
console.log(model.id, "-", model.name, "-", model.status);
console.log("context:", model.context_length, "tokens");
console.log("input:", model.pricing.input, "output:", model.pricing.output, "USD per 1M tokens");`,
    }),
    {
      curl: [/"id":\s*"openai\/gpt-4o-mini"/, /"pricing":/],
      python: [
        /^openai\/gpt-4o-mini - .+ - (live|free)$/m,
        /context: \d+ tokens/,
        /input: [0-9.]+ output: [0-9.]+ USD/,
      ],
      node: [/^openai\/gpt-4o-mini - .+ - (live|free)$/m, /context: \d+ tokens/, /input: [0-9.]+ output: [0-9.]+ USD/],
    },
  ),
} satisfies Record<string, SiteSample>;
