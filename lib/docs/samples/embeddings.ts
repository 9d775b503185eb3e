// /docs/embeddings: one text, then several at once (an embedding model of its own: the picker picks chat models).
import { curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

export const EMBEDDING_MODEL = "openai/text-embedding-3-small";
const TEXT = "Switchyard routes every request to the right model.";
const TEXTS = ["How do I reset my password?", "Where can I see my invoices?", "Which models support tools?"];

export const samples = {
  single: fixedModelSample(
    "embeddings/single",
    ({ origin }) => ({
      curl: curl(origin, "embeddings", { model: EMBEDDING_MODEL, input: TEXT }),
      python: `${pythonClient(origin)}

result = client.embeddings.create(model=${literal(EMBEDDING_MODEL)}, input=${literal(TEXT)})
vector = result.data[0].embedding
print(len(vector), "dimensions, first values:", vector[:3])
print("tokens:", result.usage.prompt_tokens)`,
      node: `${nodeClient(origin)}

const result = await client.embeddings.create({ model: ${literal(EMBEDDING_MODEL)}, input: ${literal(TEXT)} });
const vector = result.data[0].embedding;
console.log(vector.length, "dimensions, first values:", vector.slice(0, 3));
console.log("tokens:", result.usage.prompt_tokens);`,
    }),
    {
      curl: [/"object":\s*"embedding"/, /"embedding":\s*\[/],
      python: [/^\d+ dimensions, first values: \[/m, /tokens: \d+/],
      node: [/^\d+ dimensions, first values: \[/m, /tokens: \d+/],
    },
  ),
  batch: fixedModelSample(
    "embeddings/batch",
    ({ origin }) => ({
      curl: curl(origin, "embeddings", { model: EMBEDDING_MODEL, input: TEXTS, dimensions: 256 }),
      python: `${pythonClient(origin)}

questions = [
${TEXTS.map((text) => `    ${literal(text)},`).join("\n")}
]
result = client.embeddings.create(model=${literal(EMBEDDING_MODEL)}, input=questions, dimensions=256)
for item in result.data:  # in the order of the input
    print(item.index, len(item.embedding), questions[item.index])`,
      node: `${nodeClient(origin)}

const questions = [
${TEXTS.map((text) => `  ${literal(text)},`).join("\n")}
];
const result = await client.embeddings.create({ model: ${literal(EMBEDDING_MODEL)}, input: questions, dimensions: 256 });
for (const item of result.data) {
  // In the order of the input.
  console.log(item.index, item.embedding.length, questions[item.index]);
}`,
    }),
    {
      curl: /"index":\s*2/,
      python: [/^0 256 How do I reset my password\?$/m, /^2 256 Which models support tools\?$/m],
      node: [/^0 256 How do I reset my password\?$/m, /^2 256 Which models support tools\?$/m],
    },
  ),
} satisfies Record<string, SiteSample>;
