// Checks bodies against OpenAI's published schemas (openai-schemas.json beside this file: the component schemas of
// openai/openai-openapi, copied unchanged), the way a strict client that validates responses would.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { expect } from "vitest";

export type OpenAISchemaName =
  | "CreateChatCompletionResponse"
  | "CreateChatCompletionStreamResponse"
  | "CreateEmbeddingResponse"
  | "ImagesResponse"
  | "ListModelsResponse"
  | "Model"
  | "ErrorResponse";

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The document is OpenAPI 3.1 (JSON Schema 2020-12) with a few OpenAPI 3.0 `nullable: true` left in, which Ajv reads
 * only beside `type` and never beside `$ref`; `{anyOf: [schema, {type: "null"}]}` says the same in plain JSON Schema.
 */
function withoutNullable(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutNullable);
  if (value === null || typeof value !== "object") return value;
  const { nullable, ...rest } = value;
  const converted: { [key: string]: JsonValue } = {};
  for (const [key, child] of Object.entries(rest)) converted[key] = withoutNullable(child);
  return nullable === true ? { anyOf: [converted, { type: "null" }] } : converted;
}

// OpenAPI's own formats: `unixtime` and `float` say no more than the type beside them.
const formats = {
  unixtime: true,
  float: true,
  uri: (text: string) => URL.canParse(text),
  date: /^\d{4}-\d{2}-\d{2}$/,
} as const;

let ajv: Ajv2020 | undefined;
const validators = new Map<OpenAISchemaName, ValidateFunction>();

function validator(name: OpenAISchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    if (!ajv) {
      const document = JSON.parse(readFileSync(new URL("./openai-schemas.json", import.meta.url), "utf8")) as JsonValue;
      // strict: false lets OpenAPI's keywords (discriminator, x-stainless-*, x-oaiMeta) pass as annotations.
      ajv = new Ajv2020({ strict: false, allErrors: true, formats });
      ajv.addSchema(withoutNullable(document) as object, "openai");
    }
    validate = ajv.compile({ $ref: `openai#/components/schemas/${name}` });
    validators.set(name, validate);
  }
  return validate;
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`;
}

/** What is wrong with `body` as a `name`, one line per problem; empty when it conforms. */
export function schemaProblems(name: OpenAISchemaName, body: unknown): string[] {
  const validate = validator(name);
  return validate(body) ? [] : (validate.errors ?? []).map(describeError);
}

export function expectOpenAISchema(name: OpenAISchemaName, body: unknown): void {
  const problems = schemaProblems(name, body);
  const sample = JSON.stringify(body).slice(0, 1_500);
  expect(problems, `not a valid ${name}: ${problems.join("; ")}\nin ${sample}`).toEqual([]);
}

/**
 * OpenAI answers `encoding_format: "base64"` with each vector as a base64 string of little-endian float32 values,
 * which its SDKs decode; the published schema only describes the float arrays. A base64 body conforms when the same
 * body with its vectors decoded does.
 */
export function decodeBase64Embeddings(body: unknown): unknown {
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data)) return body;
  return {
    ...(body as object),
    data: data.map((item: { embedding?: unknown }) => {
      if (typeof item.embedding !== "string") return item;
      const bytes = Buffer.from(item.embedding, "base64");
      const floats = Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
      return { ...item, embedding: floats };
    }),
  };
}

/**
 * The frames of a chat stream as a strict client reads them: every frame before `[DONE]` is a
 * chat.completion.chunk, or an error body that ends the stream. Returns the chunks and the error, if any.
 */
export function expectOpenAIChatStream(
  payloads: string[],
  options: { failed?: boolean } = {},
): { chunks: Array<Record<string, unknown>>; error?: Record<string, unknown> } {
  const chunks: Array<Record<string, unknown>> = [];
  for (const [position, payload] of payloads.entries()) {
    const last = position === payloads.length - 1;
    if (payload === "[DONE]") {
      expect(last, "[DONE] is the last frame").toBe(true);
      expect(options.failed ?? false, "a completed stream").toBe(false);
      continue;
    }
    const frame = JSON.parse(payload) as Record<string, unknown>;
    if ("error" in frame) {
      expect(last, "an error frame ends the stream").toBe(true);
      expectOpenAISchema("ErrorResponse", frame);
      return { chunks, error: frame };
    }
    expectOpenAISchema("CreateChatCompletionStreamResponse", frame);
    chunks.push(frame);
  }
  expect(options.failed ?? false, `the stream ended without an error frame: ${payloads.at(-1)}`).toBe(false);
  expect(payloads.at(-1), "the stream ends with [DONE]").toBe("[DONE]");
  return { chunks };
}
