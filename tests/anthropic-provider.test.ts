// Anthropic models through POST /v1/chat/completions, as an OpenAI SDK user sees them, and what the gateway sends
// Anthropic: the Messages API shape (system apart, alternating turns, image sources, tools, stop_sequences), the
// provider's key in x-api-key with an anthropic-version, retries on 529, the upstream's 400 returned as is, an error
// event mid-stream turned into an OpenAI error frame, and every answer charged from the catalog's prices.
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
  sseData,
  usageCost,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectAnthropicStandIn, type RecordedRequest } from "./support/stand-in-client";
import { upstreamAnthropicKey } from "./support/test-environment";

const anthropic = connectAnthropicStandIn();
const model = "anthropic/claude-sonnet-4";
const upstreamModel = "claude-sonnet-4-20250514";
let account: MintedKey;
let initialMicros: bigint;
let client: OpenAI;

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["city", "unit"],
    },
  },
};

const pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

type JsonObject = Record<string, unknown>;

function bodyOf(request: RecordedRequest): JsonObject {
  return request.body as JsonObject;
}

/** The text of an Anthropic content value: a string, or its text blocks joined. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter(
      (block): block is JsonObject =>
        typeof block === "object" && block !== null && (block as JsonObject).type === "text",
    )
    .map((block) => String(block.text))
    .join("");
}

function blocksOf(content: unknown): JsonObject[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : (content as JsonObject[]);
}

async function onlyMessagesRequest(): Promise<RecordedRequest> {
  const requests = await anthropic.messagesRequests();
  expect(requests, "exactly one upstream call").toHaveLength(1);
  return requests[0];
}

beforeAll(async () => {
  account = await createKey({ credits: 20 });
  initialMicros = await balanceMicros(account.userId);
  client = gatewayClient(account.key);
});

beforeEach(async () => {
  await anthropic.reset();
});

afterAll(async () => {
  await anthropic.reset();
  await closeDatabase();
});

describe("non-stream", () => {
  it("answers in OpenAI's shape, calls Anthropic with the provider's key and a version, and charges the catalog price", async () => {
    await anthropic.enqueue({ usage: { input_tokens: 12_000, output_tokens: 3_000 } });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "hello claude" }], max_tokens: 200, temperature: 0.5 })
      .withResponse();

    expect(data.object).toBe("chat.completion");
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0].message.role).toBe("assistant");
    expect(data.choices[0].message.content).toBe("You said: hello claude");
    expect(data.choices[0].finish_reason).toBe("stop");
    expect(data.usage).toMatchObject({ prompt_tokens: 12_000, completion_tokens: 3_000, total_tokens: 15_000 });
    expect(response.headers.get("x-switchyard-provider")).toBe("anthropic");
    expect(response.headers.get("x-switchyard-model")).toBe(model);
    expect(response.headers.get("x-switchyard-attempts")).toBe("1");

    const upstream = await onlyMessagesRequest();
    expect(upstream.method).toBe("POST");
    expect(upstream.path.split("?")[0]).toBe("/v1/messages");
    expect(upstream.headers["x-api-key"]).toBe(upstreamAnthropicKey);
    expect(upstream.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(upstream.headers), "the client's key never reaches the upstream").not.toContain(account.key);
    expect(upstream.headers.authorization ?? "").not.toContain(account.key);
    const body = bodyOf(upstream);
    expect(body).toMatchObject({ model: upstreamModel, max_tokens: 200, temperature: 0.5 });
    expect(body.messages).toEqual([{ role: "user", content: expect.anything() }]);
    expect(textOf((body.messages as JsonObject[])[0].content)).toBe("hello claude");
    expect(body).not.toHaveProperty("stream_options");

    const prices = await catalogPrices(model);
    const expected = expectedCostMicros(prices, { input: 12_000, output: 3_000 });
    expect(expected).toBeGreaterThan(0n);
    expect(Math.round(usageCost(data.usage) * 1_000_000)).toBe(Number(expected));
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row).toMatchObject({
      model,
      providerId: "anthropic",
      upstreamModel,
      status: 200,
      promptTokens: 12_000,
      completionTokens: 3_000,
    });
    expect(row.costMicros).toBe(expected);
  });

  it("sends system prompts as Anthropic's system and the turns as alternating user/assistant messages", async () => {
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
    const body = bodyOf(await onlyMessagesRequest());
    expect(textOf(body.system)).toBe("Be terse.");
    const messages = body.messages as JsonObject[];
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(messages.map((message) => textOf(message.content))).toEqual([
      "first question",
      "first answer",
      "second question",
    ]);
    expect(typeof body.max_tokens, "Anthropic requires max_tokens; the gateway supplies one").toBe("number");
  });

  it("sends a data-URL image as a base64 source and an https image as a url source", async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is in these pictures?" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${pngBase64}` } },
            { type: "image_url", image_url: { url: "https://images.example.com/cat.jpg" } },
          ],
        },
      ],
    });
    expect(completion.choices[0].message.content).toBe("You said: What is in these pictures?");
    const body = bodyOf(await onlyMessagesRequest());
    const blocks = blocksOf((body.messages as JsonObject[])[0].content);
    expect(blocks).toEqual([
      { type: "text", text: "What is in these pictures?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: pngBase64 } },
      { type: "image", source: { type: "url", url: "https://images.example.com/cat.jpg" } },
    ]);
  });

  it("returns tool calls for tool_choice required, and takes the tool's result back as a tool_result", async () => {
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
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Lisbon", unit: "celsius" });
    expect(call.id).toMatch(/\S+/);

    const first = bodyOf(await onlyMessagesRequest());
    expect(first.tools).toEqual([
      { name: "get_weather", description: "Current weather for a city", input_schema: weatherTool.function.parameters },
    ]);
    expect(first.tool_choice).toMatchObject({ type: "any" });

    await anthropic.reset();
    const followUp = await client.chat.completions.create({
      model,
      messages: [
        { role: "user", content: "Lisbon" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: call.id, content: '{"temperature": 21}' },
      ],
      tools: [weatherTool],
    });
    expect(followUp.choices[0].finish_reason).toBe("stop");
    const second = bodyOf(await onlyMessagesRequest());
    const messages = second.messages as JsonObject[];
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(blocksOf(messages[1].content)).toContainEqual({
      type: "tool_use",
      id: call.id,
      name: "get_weather",
      input: { city: "Lisbon", unit: "celsius" },
    });
    expect(blocksOf(messages[2].content)).toContainEqual(
      expect.objectContaining({ type: "tool_result", tool_use_id: call.id }),
    );
  });

  it("answers JSON in JSON mode without sending response_format to Anthropic", async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "Reply in JSON." }],
      response_format: { type: "json_object" },
    });
    const content = completion.choices[0].message.content ?? "";
    const parsed: unknown = JSON.parse(content);
    expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed), content).toBe(true);
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.choices[0].message.tool_calls ?? []).toEqual([]);
    expect(bodyOf(await onlyMessagesRequest())).not.toHaveProperty("response_format");
  });

  it("passes stop sequences on as stop_sequences", async () => {
    await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "count" }],
      stop: ["END", "HALT"],
    });
    expect(bodyOf(await onlyMessagesRequest()).stop_sequences).toEqual(["END", "HALT"]);
    await anthropic.reset();
    await client.chat.completions.create({ model, messages: [{ role: "user", content: "count" }], stop: "END" });
    const body = bodyOf(await onlyMessagesRequest());
    expect(body.stop_sequences).toEqual(["END"]);
    expect(body).not.toHaveProperty("stop");
  });

  it("prices cache reads at cached_input and cache writes at cache_write, stream or not", async () => {
    const usage = {
      input_tokens: 1_000,
      cache_read_input_tokens: 50_000,
      cache_creation_input_tokens: 20_000,
      output_tokens: 3_000,
    };
    const prices = await catalogPrices(model);
    const expected = expectedCostMicros(prices, { input: 1_000, cacheRead: 50_000, cacheWrite: 20_000, output: 3_000 });
    // The three prices differ, so a cost that used the wrong one for either cache would not match.
    expect(new Set([prices.input, prices.cachedInput, prices.cacheWrite]).size).toBe(3);

    await anthropic.enqueue({ usage });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "cached" }] })
      .withResponse();
    expect(data.usage).toMatchObject({ prompt_tokens: 71_000, completion_tokens: 3_000, total_tokens: 74_000 });
    expect(data.usage?.prompt_tokens_details?.cached_tokens).toBe(50_000);
    expect(Math.round(usageCost(data.usage) * 1_000_000)).toBe(Number(expected));
    expect(Math.round(Number(response.headers.get("x-switchyard-cost-usd")) * 1_000_000)).toBe(Number(expected));
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    expect(row.promptTokens).toBe(71_000);

    await anthropic.enqueue({ usage });
    const streamed = await postChat(
      account.key,
      chatBody(model, "cached stream", { stream: true, stream_options: { include_usage: true } }),
    );
    expect(streamed.status, streamed.text).toBe(200);
    const frames = sseData(streamed.text);
    expect(frames.at(-1)).toBe("[DONE]");
    const usageChunk = JSON.parse(frames.at(-2) ?? "{}") as {
      usage?: {
        prompt_tokens?: number;
        completion_tokens?: number;
        prompt_tokens_details?: { cached_tokens?: number };
      };
    };
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: 71_000, completion_tokens: 3_000 });
    expect(usageChunk.usage?.prompt_tokens_details?.cached_tokens).toBe(50_000);
    expect(Math.round(usageCost(usageChunk.usage) * 1_000_000)).toBe(Number(expected));
    const streamedRow = await chargedRow(account.userId, initialMicros, streamed.headers.get("x-request-id"));
    expect(streamedRow.costMicros).toBe(expected);
  });
});

describe("streamed", () => {
  it("streams text chunks that add up, one finish_reason stop, with usage when asked", async () => {
    await anthropic.enqueue({ usage: { input_tokens: 4_000, output_tokens: 1_000 } });
    const { data: stream, response } = await client.chat.completions
      .create({
        model,
        messages: [{ role: "user", content: "tell me a story" }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? "") !== "").length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("You said: tell me a story");
    expect(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual([
      "stop",
    ]);
    const usage = chunks.at(-1)?.usage;
    expect(usage).toMatchObject({ prompt_tokens: 4_000, completion_tokens: 1_000 });

    const upstream = await onlyMessagesRequest();
    expect(bodyOf(upstream)).toMatchObject({ model: upstreamModel, stream: true });
    expect(bodyOf(upstream)).not.toHaveProperty("stream_options");
    expect(upstream.headers["x-api-key"]).toBe(upstreamAnthropicKey);

    const expected = expectedCostMicros(await catalogPrices(model), { input: 4_000, output: 1_000 });
    expect(Math.round(usageCost(usage) * 1_000_000)).toBe(Number(expected));
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    expect(row.stream).toBe(true);
  });

  it("streams tool calls whose argument pieces reassemble", async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "Kyoto" }],
      tools: [weatherTool],
      tool_choice: "required",
      stream: true,
    });
    let name = "";
    let id = "";
    let argumentsText = "";
    let pieces = 0;
    const finishReasons: string[] = [];
    for await (const chunk of stream) {
      for (const toolCall of chunk.choices[0]?.delta.tool_calls ?? []) {
        expect(toolCall.index).toBe(0);
        name += toolCall.function?.name ?? "";
        id ||= toolCall.id ?? "";
        if (toolCall.function?.arguments) {
          argumentsText += toolCall.function.arguments;
          pieces += 1;
        }
      }
      if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
    }
    expect(name).toBe("get_weather");
    expect(id).toMatch(/\S+/);
    expect(pieces).toBeGreaterThan(1);
    expect(JSON.parse(argumentsText)).toEqual({ city: "Kyoto", unit: "celsius" });
    expect(finishReasons).toEqual(["tool_calls"]);
    expect(bodyOf(await onlyMessagesRequest())).toMatchObject({ stream: true, tool_choice: { type: "any" } });
  });
});

describe("upstream failures", () => {
  it("retries a 529 overloaded and serves the answer", async () => {
    await anthropic.enqueue({ status: 529 });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "overloaded" }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("You said: overloaded");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    const requests = await anthropic.messagesRequests();
    expect(requests).toHaveLength(2);
    expect(requests.every((request) => request.headers["x-api-key"] === upstreamAnthropicKey)).toBe(true);
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.status).toBe(200);
    expect(row.costMicros).toBeGreaterThan(0n);
  });

  it("ends a stream hit by an error event with an OpenAI error frame, no made-up finish_reason, and charges what was delivered", async () => {
    await anthropic.enqueue({ errorEventAfterChunks: 2 });
    const response = await postChat(
      account.key,
      chatBody(model, "this answer will be interrupted by an overloaded error", {
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = sseData(response.text);
    const withoutDone = frames.at(-1) === "[DONE]" ? frames.slice(0, -1) : frames;
    const parsed = withoutDone.map((frame) => JSON.parse(frame) as JsonObject);
    const errorFrame = parsed.at(-1) as { error?: JsonObject };
    expect(errorFrame.error, `last frames: ${withoutDone.slice(-2).join(" | ")}`).toBeDefined();
    expect(Object.keys(errorFrame.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
    expect(JSON.stringify(errorFrame)).not.toContain(upstreamAnthropicKey);
    const chunks = parsed.slice(0, -1) as Array<{
      choices?: Array<{ finish_reason?: string | null; delta?: { content?: string } }>;
    }>;
    const delivered = chunks
      .flatMap((chunk) => chunk.choices ?? [])
      .map((choice) => choice.delta?.content ?? "")
      .join("");
    expect(delivered.length).toBeGreaterThan(0);
    expect("You said: this answer will be interrupted by an overloaded error".startsWith(delivered)).toBe(true);
    expect(chunks.flatMap((chunk) => chunk.choices ?? []).some((choice) => choice.finish_reason)).toBe(false);
    expect(await anthropic.messagesRequests(), "a stream is not retried after its first byte").toHaveLength(1);

    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros, "what was delivered is charged").toBeGreaterThan(0n);
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.finishReason).toBeNull();
    expect(row.errorCode).not.toBeNull();
  });

  it("returns Anthropic's 400 as a 400 with its reason, without retrying or charging", async () => {
    await anthropic.enqueue({
      status: 400,
      body: {
        type: "error",
        error: {
          type: "invalid_request_error",
          message: "messages.0.content: prompt is too long: 250000 tokens > 200000 maximum",
        },
      },
    });
    const response = await postChat(account.key, chatBody(model, "too long"));
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = parseJson(response) as { error: JsonObject };
    expect(Object.keys(body)).toEqual(["error"]);
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(String(body.error.message)).toContain("prompt is too long");
    expect(response.text).not.toContain(upstreamAnthropicKey);
    expect(await anthropic.messagesRequests()).toHaveLength(1);
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.status).toBe(400);
    expect(row.costMicros).toBe(0n);
  });
});
