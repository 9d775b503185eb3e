// Gemini models through POST /v1/chat/completions and /v1/embeddings, as an OpenAI SDK user sees them, and what the
// gateway sends Google: generateContent / streamGenerateContent?alt=sse (CRLF-framed SSE), systemInstruction,
// function declarations, JSON schema output, safety blocks as content_filter, thoughts and cached tokens priced, the
// key only ever in the x-goog-api-key header, retries on 503, and batchEmbedContents for embeddings.
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  catalogPrices,
  chargedRow,
  chatBody,
  expectedCostMicros,
  gatewayClient,
  parseJson,
  postChat,
  send,
  sseData,
  usageCost,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectGeminiStandIn, type GeminiRecordedRequest } from "./support/stand-in-client";
import { upstreamGeminiKey } from "./support/test-environment";

const gemini = connectGeminiStandIn();
const model = "google/gemini-2.5-flash";
const embeddingModel = "google/gemini-embedding-001";
let account: MintedKey;
let initialMicros: bigint;
let client: OpenAI;
let keyInQueryAtStart = 0;

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["city", "unit"],
      additionalProperties: false,
    },
  },
};

type JsonObject = Record<string, unknown>;

function bodyOf(request: GeminiRecordedRequest): JsonObject {
  return request.body as JsonObject;
}

/** A field as Google's parser reads it: lowerCamelCase or the proto's snake_case. */
function field(object: unknown, camelName: string): unknown {
  if (typeof object !== "object" || object === null) return undefined;
  const record = object as JsonObject;
  return record[camelName] ?? record[camelName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
}

function partsText(content: unknown): string {
  const parts = field(content, "parts");
  return Array.isArray(parts)
    ? parts
        .map((part) => (typeof (part as JsonObject).text === "string" ? String((part as JsonObject).text) : ""))
        .join("")
    : "";
}

/** The key travelled in the header, not the URL, and was the provider's. */
function expectKeyInHeaderOnly(request: GeminiRecordedRequest): void {
  expect(request.keyInQuery, request.path).toBe(false);
  expect(request.path).not.toMatch(/[?&]key=/);
  expect(request.headers["x-goog-api-key"]).toBe(upstreamGeminiKey);
  expect(JSON.stringify(request.headers)).not.toContain(account.key);
}

async function onlyGenerateRequest(): Promise<GeminiRecordedRequest> {
  const requests = await gemini.generateRequests();
  expect(requests, "exactly one upstream call").toHaveLength(1);
  expectKeyInHeaderOnly(requests[0]);
  return requests[0];
}

beforeAll(async () => {
  account = await createKey({ credits: 20 });
  initialMicros = await balanceMicros(account.userId);
  client = gatewayClient(account.key);
  keyInQueryAtStart = await gemini.keyInQueryCount();
});

beforeEach(async () => {
  await gemini.reset();
});

afterAll(async () => {
  await gemini.reset();
  await closeDatabase();
});

describe("chat", () => {
  it("answers a non-stream request in OpenAI's shape via generateContent, and charges the catalog price", async () => {
    await gemini.enqueue({ usage: { promptTokenCount: 20_000, candidatesTokenCount: 4_000 } });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "hello gemini" }], max_tokens: 300, temperature: 0.4 })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0].message.role).toBe("assistant");
    expect(data.choices[0].message.content).toBe("You said: hello gemini");
    expect(data.choices[0].finish_reason).toBe("stop");
    expect(data.usage).toMatchObject({ prompt_tokens: 20_000, completion_tokens: 4_000, total_tokens: 24_000 });
    expect(response.headers.get("x-switchyard-provider")).toBe("google");
    expect(response.headers.get("x-switchyard-model")).toBe(model);

    const upstream = await onlyGenerateRequest();
    expect(upstream.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    const body = bodyOf(upstream);
    const contents = field(body, "contents") as JsonObject[];
    expect(contents).toHaveLength(1);
    expect(contents[0].role).toBe("user");
    expect(partsText(contents[0])).toBe("hello gemini");
    expect(field(body, "generationConfig")).toMatchObject({ maxOutputTokens: 300, temperature: 0.4 });

    const expected = expectedCostMicros(await catalogPrices(model), { input: 20_000, output: 4_000 });
    expect(Math.round(usageCost(data.usage) * 1_000_000)).toBe(Number(expected));
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row).toMatchObject({
      model,
      providerId: "google",
      upstreamModel: "gemini-2.5-flash",
      status: 200,
      promptTokens: 20_000,
      completionTokens: 4_000,
    });
    expect(row.costMicros).toBe(expected);
  });

  it("streams text from CRLF-framed SSE, ending with one finish_reason stop and usage", async () => {
    await gemini.enqueue({ usage: { promptTokenCount: 8_000, candidatesTokenCount: 2_000 } });
    const { data: stream, response } = await client.chat.completions
      .create({
        model,
        messages: [{ role: "user", content: "tell me a long story" }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? "") !== "").length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(
      "You said: tell me a long story",
    );
    expect(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual([
      "stop",
    ]);
    const usage = chunks.at(-1)?.usage;
    expect(usage).toMatchObject({ prompt_tokens: 8_000, completion_tokens: 2_000 });

    const upstream = await onlyGenerateRequest();
    expect(upstream.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");

    const expected = expectedCostMicros(await catalogPrices(model), { input: 8_000, output: 2_000 });
    expect(Math.round(usageCost(usage) * 1_000_000)).toBe(Number(expected));
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    expect(row.stream).toBe(true);
  });

  it("sends system messages as systemInstruction and assistant turns with the model role", async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [
        { role: "system", content: "Be terse." },
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        { role: "user", content: "second question" },
      ],
    });
    expect(completion.choices[0].message.content).toBe("You said: second question");
    const body = bodyOf(await onlyGenerateRequest());
    expect(partsText(field(body, "systemInstruction"))).toBe("Be terse.");
    const contents = field(body, "contents") as JsonObject[];
    expect(contents.map((content) => content.role)).toEqual(["user", "model", "user"]);
    expect(contents.map(partsText)).toEqual(["first question", "first answer", "second question"]);
  });

  it("returns tool calls for tool_choice required, stream or not", async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "Lisbon" }],
      tools: [weatherTool],
      tool_choice: "required",
    });
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
    const call = completion.choices[0].message.tool_calls?.[0];
    if (call?.type !== "function")
      throw new Error(`expected a function tool call, got ${JSON.stringify(completion.choices[0].message)}`);
    expect(call.function.name).toBe("get_weather");
    expect(call.id).toMatch(/\S+/);
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Lisbon", unit: "celsius" });

    const body = bodyOf(await onlyGenerateRequest());
    const declarations = (field(body, "tools") as JsonObject[]).flatMap(
      (tool) => (field(tool, "functionDeclarations") as JsonObject[] | undefined) ?? [],
    );
    expect(declarations.map((declaration) => declaration.name)).toEqual(["get_weather"]);
    expect(declarations[0].description).toBe("Current weather for a city");
    expect(field(field(body, "toolConfig"), "functionCallingConfig")).toMatchObject({ mode: "ANY" });

    await gemini.reset();
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "Kyoto" }],
      tools: [weatherTool],
      tool_choice: "required",
      stream: true,
    });
    let name = "";
    let argumentsText = "";
    const finishReasons: string[] = [];
    for await (const chunk of stream) {
      for (const toolCall of chunk.choices[0]?.delta.tool_calls ?? []) {
        expect(toolCall.index).toBe(0);
        name += toolCall.function?.name ?? "";
        argumentsText += toolCall.function?.arguments ?? "";
      }
      if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
    }
    expect(name).toBe("get_weather");
    expect(JSON.parse(argumentsText)).toEqual({ city: "Kyoto", unit: "celsius" });
    expect(finishReasons).toEqual(["tool_calls"]);
    await onlyGenerateRequest();
  });

  it("answers a json_schema response_format with JSON, asking Gemini for application/json with the schema", async () => {
    const schema = {
      type: "object",
      properties: { answer: { type: "string" }, confidence: { type: "number" } },
      required: ["answer", "confidence"],
      additionalProperties: false,
    };
    // The stand-in does not generate from responseSchema, so the JSON Gemini would write is scripted.
    await gemini.enqueue({ content: '{"answer":"structured","confidence":42}' });
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "structured" }],
      response_format: { type: "json_schema", json_schema: { name: "reply", strict: true, schema } },
    });
    expect(JSON.parse(completion.choices[0].message.content ?? "")).toEqual({ answer: "structured", confidence: 42 });
    expect(completion.choices[0].finish_reason).toBe("stop");
    const config = field(bodyOf(await onlyGenerateRequest()), "generationConfig") as JsonObject;
    expect(field(config, "responseMimeType")).toBe("application/json");
    const sentSchema = field(config, "responseJsonSchema") ?? field(config, "responseSchema");
    expect(sentSchema, "the schema goes upstream as responseJsonSchema or responseSchema").toMatchObject({
      properties: { answer: expect.anything(), confidence: expect.anything() },
      required: ["answer", "confidence"],
    });
  });

  it("reports a safety block as finish_reason content_filter, stream or not", async () => {
    await gemini.enqueue({ finishReason: "SAFETY" });
    const blocked = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "something unsafe" }],
    });
    expect(blocked.choices[0].finish_reason).toBe("content_filter");
    expect(blocked.choices[0].message.content ?? "").toBe("");

    await gemini.enqueue({ safetyBlock: true });
    const promptBlocked = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "an unsafe prompt" }],
    });
    expect(promptBlocked.choices[0].finish_reason).toBe("content_filter");
    expect(promptBlocked.choices[0].message.content ?? "").toBe("");

    await gemini.enqueue({ finishReason: "SAFETY" });
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "unsafe stream" }],
      stream: true,
    });
    const finishReasons: string[] = [];
    let text = "";
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
    }
    expect(finishReasons).toEqual(["content_filter"]);
    expect(text).toBe("");
    expect(await gemini.generateRequests()).toHaveLength(3);
  });

  it("bills thoughts as output and cached tokens at the cached price", async () => {
    const usage = {
      promptTokenCount: 100_000,
      cachedContentTokenCount: 40_000,
      candidatesTokenCount: 10_000,
      thoughtsTokenCount: 5_000,
    };
    const prices = await catalogPrices(model);
    expect(prices.cachedInput).not.toBe(prices.input);
    const expected = expectedCostMicros(prices, { input: 60_000, cacheRead: 40_000, output: 15_000 });

    await gemini.enqueue({ usage });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "think" }] })
      .withResponse();
    expect(data.usage).toMatchObject({ prompt_tokens: 100_000, completion_tokens: 15_000, total_tokens: 115_000 });
    expect(data.usage?.prompt_tokens_details?.cached_tokens).toBe(40_000);
    expect(data.usage?.completion_tokens_details?.reasoning_tokens).toBe(5_000);
    expect(Math.round(usageCost(data.usage) * 1_000_000)).toBe(Number(expected));
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    expect(row.promptTokens).toBe(100_000);
    expect(row.completionTokens).toBe(15_000);

    await gemini.enqueue({ usage });
    const streamed = await postChat(
      account.key,
      chatBody(model, "think in a stream", { stream: true, stream_options: { include_usage: true } }),
    );
    expect(streamed.status, streamed.text).toBe(200);
    const frames = sseData(streamed.text);
    expect(frames.at(-1)).toBe("[DONE]");
    const usageChunk = JSON.parse(frames.at(-2) ?? "{}") as { usage?: unknown };
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: 100_000, completion_tokens: 15_000 });
    expect(Math.round(usageCost(usageChunk.usage) * 1_000_000)).toBe(Number(expected));
    const streamedRow = await chargedRow(account.userId, initialMicros, streamed.headers.get("x-request-id"));
    expect(streamedRow.costMicros).toBe(expected);
  });

  it("retries a 503 and serves the answer", async () => {
    await gemini.enqueue({ status: 503 });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "unavailable" }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("You said: unavailable");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    const requests = await gemini.generateRequests();
    expect(requests).toHaveLength(2);
    requests.forEach(expectKeyInHeaderOnly);
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.status).toBe(200);
    expect(row.costMicros).toBeGreaterThan(0n);
  });
});

describe("embeddings", () => {
  it("embeds through batchEmbedContents, as floats or as the SDK's default base64, and charges for it", async () => {
    const inputs = ["alpha ".repeat(700), "beta ".repeat(800)];
    const { data: floats, response } = await client.embeddings
      .create({ model: embeddingModel, input: inputs, encoding_format: "float" })
      .withResponse();
    expect(floats.object).toBe("list");
    expect(floats.data.map((item) => item.index)).toEqual([0, 1]);
    for (const item of floats.data) {
      expect(item.object).toBe("embedding");
      expect(item.embedding.length).toBeGreaterThan(0);
      expect(item.embedding.every((value) => typeof value === "number" && Number.isFinite(value))).toBe(true);
    }
    expect(floats.data[0].embedding).not.toEqual(floats.data[1].embedding);
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-switchyard-provider")).toBe("google");

    const [upstream] = await gemini.embedRequests();
    expectKeyInHeaderOnly(upstream);
    expect(upstream.path).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    const requests = bodyOf(upstream).requests as JsonObject[];
    expect(requests.map((request) => partsText(request.content))).toEqual(inputs);

    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    const expected = expectedCostMicros(await catalogPrices(embeddingModel), { input: floats.usage.prompt_tokens });
    expect(expected).toBeGreaterThan(0n);
    expect(row.costMicros).toBe(expected);

    // The SDK asks for base64 by default and decodes it: the same vectors come back.
    const decoded = await client.embeddings.create({ model: embeddingModel, input: inputs });
    expect(decoded.data.map((item) => item.embedding)).toEqual(
      floats.data.map((item) => item.embedding.map((value) => Math.fround(value))),
    );

    const raw = await send("/v1/embeddings", {
      apiKey: account.key,
      body: { model: embeddingModel, input: "gamma", encoding_format: "base64" },
    });
    expect(raw.status, raw.text).toBe(200);
    const [item] = (parseJson(raw) as { data: Array<{ embedding: unknown }> }).data;
    expect(typeof item.embedding).toBe("string");
    expect(Buffer.from(String(item.embedding), "base64").length % 4).toBe(0);
    expect((await gemini.embedRequests()).length).toBe(3);
  });
});

it("never put the Gemini key in a URL during this file", async () => {
  expect(await gemini.keyInQueryCount()).toBe(keyInQueryAtStart);
  expect(keyInQueryAtStart).toBe(0);
});
