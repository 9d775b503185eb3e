// The ready-to-run request on each model's page, in curl, Python and Node (the official OpenAI SDKs), pointed at this
// site's own origin, with the key read from $SWITCHYARD_API_KEY. Chat models call /v1/chat/completions, embedding
// models /v1/embeddings, image models /v1/images/generations. Pure, so that a test can run every sample as printed.
import type { ModelKind } from "./public-models";

export interface ModelSample {
  /** "curl" | "python" | "node": what CodeTabs remembers the reader's choice by. */
  language: "curl" | "python" | "node";
  label: string;
  code: string;
}

export interface SampleOptions {
  /** Image models: a size the model offers (default 1024x1024). */
  imageSize?: string;
}

const CHAT_PROMPT = "Say hello in one short sentence.";
const EMBEDDING_INPUT = "Switchyard routes every request to the right model.";
const IMAGE_PROMPT = "A watercolor of a railway switchyard at dawn";

/** JSON on one line, spaced as people write it: {"role": "user", "content": "Hi"}. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).map(([name, field]) => `${JSON.stringify(name)}: ${inlineJson(field)}`);
    return `{${fields.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A request body for curl's -d: one field a line, inside single quotes for the shell. A quote in a value would end
 * the quoting, so it is written '\'' (end, an escaped quote, start again).
 */
function shellQuoted(body: Record<string, unknown>): string {
  const fields = Object.entries(body).map(([name, field]) => `    ${JSON.stringify(name)}: ${inlineJson(field)}`);
  return `'${`{\n${fields.join(",\n")}\n  }`.replaceAll("'", `'\\''`)}'`;
}

/** A string literal for Python and JavaScript alike (JSON's escapes are valid in both). */
function literal(value: string): string {
  return JSON.stringify(value);
}

function curl(origin: string, path: string, body: Record<string, unknown>): string {
  return [
    `curl ${origin}/v1/${path} \\`,
    `  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuoted(body)}`,
  ].join("\n");
}

const pythonClient = (origin: string) => `import os
from openai import OpenAI

client = OpenAI(base_url=${literal(`${origin}/v1`)}, api_key=os.environ["SWITCHYARD_API_KEY"])`;

const nodeClient = (origin: string) => `import OpenAI from "openai";

const client = new OpenAI({ baseURL: ${literal(`${origin}/v1`)}, apiKey: process.env.SWITCHYARD_API_KEY });`;

function chatSamples(origin: string, model: string): ModelSample[] {
  const messages = [{ role: "user", content: CHAT_PROMPT }];
  return [
    { language: "curl", label: "curl", code: curl(origin, "chat/completions", { model, messages }) },
    {
      language: "python",
      label: "Python",
      code: `${pythonClient(origin)}
completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(CHAT_PROMPT)}}],
)
print(completion.choices[0].message.content)
print("cost (USD):", completion.usage.cost)`,
    },
    {
      language: "node",
      label: "Node",
      code: `${nodeClient(origin)}
const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [{ role: "user", content: ${literal(CHAT_PROMPT)} }],
});
console.log(completion.choices[0].message.content);
console.log("cost (USD):", completion.usage.cost);`,
    },
  ];
}

function embeddingSamples(origin: string, model: string): ModelSample[] {
  return [
    { language: "curl", label: "curl", code: curl(origin, "embeddings", { model, input: EMBEDDING_INPUT }) },
    {
      language: "python",
      label: "Python",
      code: `${pythonClient(origin)}
result = client.embeddings.create(model=${literal(model)}, input=${literal(EMBEDDING_INPUT)})
print(len(result.data[0].embedding), "dimensions")`,
    },
    {
      language: "node",
      label: "Node",
      code: `${nodeClient(origin)}
const result = await client.embeddings.create({ model: ${literal(model)}, input: ${literal(EMBEDDING_INPUT)} });
console.log(result.data[0].embedding.length, "dimensions");`,
    },
  ];
}

function imageSamples(origin: string, model: string, size: string): ModelSample[] {
  return [
    {
      language: "curl",
      label: "curl",
      code: curl(origin, "images/generations", { model, prompt: IMAGE_PROMPT, size, n: 1 }),
    },
    {
      language: "python",
      label: "Python",
      code: `import base64
${pythonClient(origin)}
result = client.images.generate(model=${literal(model)}, prompt=${literal(IMAGE_PROMPT)}, size=${literal(size)}, n=1)
image = result.data[0]
if image.b64_json:
    with open("image.png", "wb") as file:
        file.write(base64.b64decode(image.b64_json))
    print("saved image.png")
else:
    print(image.url)`,
    },
    {
      language: "node",
      label: "Node",
      code: `import { writeFile } from "node:fs/promises";
${nodeClient(origin)}
const result = await client.images.generate({ model: ${literal(model)}, prompt: ${literal(IMAGE_PROMPT)}, size: ${literal(size)}, n: 1 });
const image = result.data[0];
if (image.b64_json) {
  await writeFile("image.png", Buffer.from(image.b64_json, "base64"));
  console.log("saved image.png");
} else {
  console.log(image.url);
}`,
    },
  ];
}

/**
 * The samples a model's page shows, for the sample-running test too: `origin` is the site's (no trailing slash),
 * `modelId` the catalog id.
 */
export function modelPageSamples(
  origin: string,
  modelId: string,
  kind: ModelKind = "chat",
  options: SampleOptions = {},
): ModelSample[] {
  if (kind === "embedding") return embeddingSamples(origin, modelId);
  if (kind === "image") return imageSamples(origin, modelId, options.imageSize ?? "1024x1024");
  return chatSamples(origin, modelId);
}
