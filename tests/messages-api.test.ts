// POST /v1/messages as the official Anthropic SDK sees it: an Anthropic model passed through natively (cache_control
// and anthropic-beta intact, the public model id in the answer), any other model translated to and from the chat
// core (text, streams, tools), errors in Anthropic's shape with the right status, and streams that fail after their
// first byte ending with an `event: error`. Every served answer is charged from the catalog's prices.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  appBaseUrl,
  catalogPrices,
  chargedRow,
  expectedCostMicros,
  send,
  sseEvents,
  type RawResponse,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectAnthropicStandIn, connectStandIn, type RecordedRequest } from "./support/stand-in-client";
import { upstreamAnthropicKey, upstreamOpenAIKey } from "./support/test-environment";

const anthropicStandIn = connectAnthropicStandIn();
const openaiStandIn = connectStandIn();
const nativeModel = "anthropic/claude-sonnet-4";
const nativeUpstreamModel = "claude-sonnet-4-20250514";
const translatedModel = "openai/gpt-4o-mini";
let account: MintedKey;
let initialMicros: bigint;
let client: Anthropic;

type JsonObject = Record<string, unknown>;

const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  input_schema: {
    type: "object" as const,
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
    required: ["city", "unit"],
  },
};

function bodyOf(request: RecordedRequest): JsonObject {
  return request.body as JsonObject;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block) => (typeof (block as JsonObject).text === "string" ? String((block as JsonObject).text) : ""))
    .join("");
}

function messageText(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}

/** A raw POST /v1/messages with the key in x-api-key, as Claude Code sends it. */
function postMessages(body: unknown, apiKey: string = account.key): Promise<RawResponse> {
  return send("/v1/messages", { headers: { "x-api-key": apiKey, "anthropic-version": "2023-06-01" }, body });
}

/** Asserts Anthropic's error shape: JSON `{"type":"error","error":{"type","message"}}` with the status. */
function expectAnthropicError(response: RawResponse, status: number, type: string): { type: string; message: string } {
  const summary = `${response.status} ${response.text.slice(0, 400)}`;
  expect(response.status, summary).toBe(status);
  expect(response.headers.get("content-type") ?? "", summary).toMatch(/^application\/json/);
  const body = JSON.parse(response.text) as { type?: unknown; error?: { type?: unknown; message?: unknown } };
  expect(body.type, summary).toBe("error");
  expect(body.error?.type, summary).toBe(type);
  expect(typeof body.error?.message, summary).toBe("string");
  expect(String(body.error?.message).length, summary).toBeGreaterThan(0);
  expect(response.text).not.toContain(upstreamAnthropicKey);
  expect(response.text).not.toContain(upstreamOpenAIKey);
  return body.error as { type: string; message: string };
}

/** The events of a stream that failed after its first byte: content came, then `event: error` last, no message_stop. */
function expectStreamEndingInError(response: RawResponse): Array<{ event: string | undefined; data: string }> {
  expect(response.status, response.text.slice(0, 400)).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const events = sseEvents(response.text);
  const names = events.map((event) => event.event);
  expect(names[0]).toBe("message_start");
  expect(names).toContain("content_block_delta");
  expect(names.at(-1), `events: ${names.join(", ")}`).toBe("error");
  expect(names).not.toContain("message_stop");
  const error = JSON.parse(events.at(-1)?.data ?? "{}") as {
    type?: string;
    error?: { type?: string; message?: string };
  };
  expect(error.type).toBe("error");
  expect(typeof error.error?.type).toBe("string");
  expect(typeof error.error?.message).toBe("string");
  // No made-up ending: nothing said the answer finished.
  for (const event of events.filter((candidate) => candidate.event === "message_delta")) {
    expect((JSON.parse(event.data) as { delta?: { stop_reason?: unknown } }).delta?.stop_reason ?? null).toBeNull();
  }
  expect(response.text).not.toContain(upstreamAnthropicKey);
  expect(response.text).not.toContain(upstreamOpenAIKey);
  return events;
}

beforeAll(async () => {
  account = await createKey({ credits: 20 });
  initialMicros = await balanceMicros(account.userId);
  client = new Anthropic({ apiKey: account.key, baseURL: appBaseUrl(), maxRetries: 0, timeout: 60_000 });
});

beforeEach(async () => {
  await Promise.all([anthropicStandIn.reset(), openaiStandIn.reset()]);
});

afterAll(async () => {
  await Promise.all([anthropicStandIn.reset(), openaiStandIn.reset()]);
  await closeDatabase();
});

describe("an Anthropic model, passed through", () => {
  it("answers a non-stream request with the public model id, calls Anthropic with the provider's key, and charges", async () => {
    await anthropicStandIn.enqueue({
      usage: { input_tokens: 10_000, cache_read_input_tokens: 2_000, output_tokens: 1_000 },
    });
    const { data: message, response } = await client.messages
      .create({ model: nativeModel, max_tokens: 200, messages: [{ role: "user", content: "hello native" }] })
      .withResponse();
    expect(message.type).toBe("message");
    expect(message.role).toBe("assistant");
    expect(message.model).toBe(nativeModel);
    expect(messageText(message)).toBe("You said: hello native");
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 10_000, cache_read_input_tokens: 2_000, output_tokens: 1_000 });
    expect(response.headers.get("x-switchyard-provider")).toBe("anthropic");
    expect(response.headers.get("x-switchyard-model")).toBe(nativeModel);

    const [upstream, ...others] = await anthropicStandIn.messagesRequests();
    expect(others).toEqual([]);
    expect(upstream.headers["x-api-key"]).toBe(upstreamAnthropicKey);
    // The SDK's own anthropic-version (1.12 sends 2026-10-21) goes along: it selects the API the body is written for.
    expect(upstream.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const direct = await send("/v1/messages", {
      headers: { "x-api-key": account.key, "anthropic-version": "2023-06-01" },
      body: { model: nativeModel, max_tokens: 20, messages: [{ role: "user", content: "versioned" }] },
    });
    expect(direct.status, direct.text).toBe(200);
    expect((await anthropicStandIn.messagesRequests())[1].headers["anthropic-version"]).toBe("2023-06-01");
    expect(JSON.stringify(upstream.headers), "the client's key never reaches the upstream").not.toContain(account.key);
    expect(bodyOf(upstream)).toEqual({
      model: nativeUpstreamModel,
      max_tokens: 200,
      messages: [{ role: "user", content: "hello native" }],
    });

    const expected = expectedCostMicros(await catalogPrices(nativeModel), {
      input: 10_000,
      cacheRead: 2_000,
      output: 1_000,
    });
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row).toMatchObject({ model: nativeModel, providerId: "anthropic", status: 200 });
    expect(row.costMicros).toBe(expected);
  });

  it("streams with messages.stream(): the final message has the text, the usage and the public model id", async () => {
    await anthropicStandIn.enqueue({ usage: { input_tokens: 6_000, output_tokens: 800 } });
    const stream = client.messages.stream({
      model: nativeModel,
      max_tokens: 200,
      messages: [{ role: "user", content: "stream natively" }],
    });
    const pieces: string[] = [];
    stream.on("text", (text) => pieces.push(text));
    const { response } = await stream.withResponse();
    const final = await stream.finalMessage();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe("You said: stream natively");
    expect(messageText(final)).toBe("You said: stream natively");
    expect(final.model).toBe(nativeModel);
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.input_tokens).toBe(6_000);
    expect(final.usage.output_tokens).toBe(800);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);

    const [upstream] = await anthropicStandIn.messagesRequests();
    expect(bodyOf(upstream)).toMatchObject({ model: nativeUpstreamModel, stream: true });
    expect(upstream.headers["x-api-key"]).toBe(upstreamAnthropicKey);

    const expected = expectedCostMicros(await catalogPrices(nativeModel), { input: 6_000, output: 800 });
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    expect(row.stream).toBe(true);
  });

  it("passes cache_control blocks and the anthropic-beta header on unchanged", async () => {
    const system: Anthropic.TextBlockParam[] = [
      { type: "text", text: "You are a librarian." },
      { type: "text", text: "A long reference text worth caching.", cache_control: { type: "ephemeral" } },
    ];
    const content: Anthropic.ContentBlockParam[] = [
      { type: "text", text: "The document:", cache_control: { type: "ephemeral" } },
      { type: "text", text: "what does it say?" },
    ];
    const tools: Anthropic.Tool[] = [{ ...weatherTool, cache_control: { type: "ephemeral" } }];
    const message = await client.messages.create(
      { model: nativeModel, max_tokens: 100, system, tools, messages: [{ role: "user", content }] },
      { headers: { "anthropic-beta": "prompt-caching-2024-07-31,extended-cache-ttl-2025-04-11" } },
    );
    expect(messageText(message)).toBe("You said: The document:what does it say?");
    const [upstream] = await anthropicStandIn.messagesRequests();
    expect(upstream.headers["anthropic-beta"]).toBe("prompt-caching-2024-07-31,extended-cache-ttl-2025-04-11");
    const body = bodyOf(upstream);
    expect(body.system).toEqual(system);
    expect(body.tools).toEqual(tools);
    expect(body.messages).toEqual([{ role: "user", content }]);
  });
});

describe("another provider's model, translated", () => {
  it("answers a non-stream request in Anthropic's shape from an OpenAI-compatible upstream, and charges", async () => {
    await openaiStandIn.enqueue({ usage: { prompt_tokens: 5_000, completion_tokens: 700 } });
    const { data: message, response } = await client.messages
      .create({
        model: translatedModel,
        max_tokens: 150,
        system: "Be terse.",
        messages: [{ role: "user", content: "hello translated" }],
      })
      .withResponse();
    expect(message.type).toBe("message");
    expect(message.role).toBe("assistant");
    expect(message.model).toBe(translatedModel);
    expect(message.content).toEqual([{ type: "text", text: "You said: hello translated" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 5_000, output_tokens: 700 });
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");

    const [upstream, ...others] = await openaiStandIn.chatRequests();
    expect(others).toEqual([]);
    expect(upstream.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    expect(JSON.stringify(upstream.headers)).not.toContain(account.key);
    const body = bodyOf(upstream);
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.max_tokens ?? body.max_completion_tokens).toBe(150);
    const messages = body.messages as JsonObject[];
    expect(messages.map((item) => item.role)).toEqual(["system", "user"]);
    expect(messages.map((item) => textOf(item.content))).toEqual(["Be terse.", "hello translated"]);

    const expected = expectedCostMicros(await catalogPrices(translatedModel), { input: 5_000, output: 700 });
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row).toMatchObject({
      model: translatedModel,
      providerId: "openai",
      status: 200,
      promptTokens: 5_000,
      completionTokens: 700,
    });
    expect(row.costMicros).toBe(expected);
  });

  it("streams text in Anthropic events from an OpenAI-compatible stream", async () => {
    await openaiStandIn.enqueue({ usage: { prompt_tokens: 3_000, completion_tokens: 400 } });
    const stream = client.messages.stream({
      model: translatedModel,
      max_tokens: 150,
      messages: [{ role: "user", content: "stream translated" }],
    });
    const pieces: string[] = [];
    stream.on("text", (text) => pieces.push(text));
    const { response } = await stream.withResponse();
    const final = await stream.finalMessage();
    expect(pieces.length).toBeGreaterThan(1);
    expect(messageText(final)).toBe("You said: stream translated");
    expect(final.model).toBe(translatedModel);
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.output_tokens).toBe(400);

    const [upstream] = await openaiStandIn.chatRequests();
    expect(bodyOf(upstream)).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
    });

    const expected = expectedCostMicros(await catalogPrices(translatedModel), { input: 3_000, output: 400 });
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
  });

  it("turns the upstream's tool calls into tool_use blocks with parsed input, stream or not", async () => {
    const message = await client.messages.create({
      model: translatedModel,
      max_tokens: 150,
      tools: [weatherTool],
      tool_choice: { type: "any" },
      messages: [{ role: "user", content: "Lisbon" }],
    });
    expect(message.stop_reason).toBe("tool_use");
    const toolUse = message.content.find((block) => block.type === "tool_use");
    if (toolUse?.type !== "tool_use")
      throw new Error(`expected a tool_use block, got ${JSON.stringify(message.content)}`);
    expect(toolUse.name).toBe("get_weather");
    expect(toolUse.id).toMatch(/\S+/);
    expect(toolUse.input).toEqual({ city: "Lisbon", unit: "celsius" });

    const [upstream] = await openaiStandIn.chatRequests();
    const body = bodyOf(upstream);
    expect(body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Current weather for a city",
          parameters: weatherTool.input_schema,
        },
      },
    ]);
    expect(body.tool_choice).toBe("required");

    await openaiStandIn.reset();
    const stream = client.messages.stream({
      model: translatedModel,
      max_tokens: 150,
      tools: [weatherTool],
      tool_choice: { type: "any" },
      messages: [{ role: "user", content: "Kyoto" }],
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe("tool_use");
    const streamedToolUse = final.content.find((block) => block.type === "tool_use");
    if (streamedToolUse?.type !== "tool_use")
      throw new Error(`expected a tool_use block, got ${JSON.stringify(final.content)}`);
    expect(streamedToolUse.name).toBe("get_weather");
    expect(streamedToolUse.input).toEqual({ city: "Kyoto", unit: "celsius" });
  });
});

describe("errors in Anthropic's shape", () => {
  it("answers 400 invalid_request_error without max_tokens, before calling any upstream", async () => {
    const response = await postMessages({ model: nativeModel, messages: [{ role: "user", content: "no max_tokens" }] });
    const error = expectAnthropicError(response, 400, "invalid_request_error");
    expect(error.message).toMatch(/max_tokens/);
    expect(await anthropicStandIn.messagesRequests()).toHaveLength(0);

    const viaSdk = await client.messages
      .create({
        model: translatedModel,
        messages: [{ role: "user", content: "no max_tokens" }],
      } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((thrown: unknown) => thrown);
    expect(viaSdk).toBeInstanceOf(Anthropic.BadRequestError);
    expect(await openaiStandIn.chatRequests()).toHaveLength(0);
  });

  it("answers 404 not_found_error for an unknown model", async () => {
    const response = await postMessages({
      model: "anthropic/claude-does-not-exist",
      max_tokens: 10,
      messages: [{ role: "user", content: "hi" }],
    });
    expectAnthropicError(response, 404, "not_found_error");
    const viaSdk = await client.messages
      .create({ model: "nobody/no-such-model", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
      .catch((thrown: unknown) => thrown);
    expect(viaSdk).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it("answers 401 authentication_error for a bad key, whether sent as x-api-key or Bearer", async () => {
    const badKey = `sy-live-${"x".repeat(40)}`;
    const response = await postMessages(
      { model: nativeModel, max_tokens: 10, messages: [{ role: "user", content: "hi" }] },
      badKey,
    );
    const error = expectAnthropicError(response, 401, "authentication_error");
    expect(error.message).not.toContain(badKey);
    const bearer = await send("/v1/messages", {
      apiKey: badKey,
      body: { model: nativeModel, max_tokens: 10, messages: [{ role: "user", content: "hi" }] },
    });
    expectAnthropicError(bearer, 401, "authentication_error");
    const viaSdk = await new Anthropic({ apiKey: badKey, baseURL: appBaseUrl(), maxRetries: 0 }).messages
      .create({ model: nativeModel, max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
      .catch((thrown: unknown) => thrown);
    expect(viaSdk).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(await anthropicStandIn.messagesRequests()).toHaveLength(0);
  });

  it("uses Anthropic's own error types for our errors, non-stream and in stream events, with the SDK's error classes", async () => {
    const broke = await createKey({ credits: 0 });
    const refused = await postMessages(
      { model: translatedModel, max_tokens: 10, messages: [{ role: "user", content: "hi" }] },
      broke.key,
    );
    const creditError = expectAnthropicError(refused, 402, "invalid_request_error");
    expect(creditError).toMatchObject({ code: "insufficient_credits" });
    const brokeClient = new Anthropic({ apiKey: broke.key, baseURL: appBaseUrl(), maxRetries: 0 });
    const viaSdk = await brokeClient.messages
      .create({ model: translatedModel, max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
      .catch((thrown: unknown) => thrown);
    expect(viaSdk).toBeInstanceOf(Anthropic.APIError);
    expect((viaSdk as InstanceType<typeof Anthropic.APIError>).status).toBe(402);

    const limited = await createKey({ credits: 1, rpm: 1 });
    await postMessages(
      { model: translatedModel, max_tokens: 10, messages: [{ role: "user", content: "one" }] },
      limited.key,
    );
    const overLimit = await postMessages(
      { model: translatedModel, max_tokens: 10, messages: [{ role: "user", content: "two" }] },
      limited.key,
    );
    expectAnthropicError(overLimit, 429, "rate_limit_error");
    const limitedClient = new Anthropic({ apiKey: limited.key, baseURL: appBaseUrl(), maxRetries: 0 });
    const viaSdkLimited = await limitedClient.messages
      .create({ model: translatedModel, max_tokens: 10, messages: [{ role: "user", content: "three" }] })
      .catch((thrown: unknown) => thrown);
    expect(viaSdkLimited).toBeInstanceOf(Anthropic.RateLimitError);

    const serverError = {
      status: 500,
      body: { error: { message: "boom", type: "server_error", param: null, code: null } },
    };
    await openaiStandIn.enqueue(serverError, serverError, serverError);
    const upstreamFailed = await postMessages({
      model: translatedModel,
      max_tokens: 10,
      messages: [{ role: "user", content: "hi" }],
    });
    expectAnthropicError(upstreamFailed, 502, "api_error");
    await openaiStandIn.enqueue(serverError, serverError, serverError);
    const viaSdkUpstream = await client.messages
      .create({ model: translatedModel, max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
      .catch((thrown: unknown) => thrown);
    expect(viaSdkUpstream).toBeInstanceOf(Anthropic.InternalServerError);

    await openaiStandIn.enqueue({ cutAfterChunks: 3 });
    const cut = await postMessages({
      model: translatedModel,
      max_tokens: 200,
      stream: true,
      messages: [{ role: "user", content: "cut this stream" }],
    });
    const streamError = JSON.parse(expectStreamEndingInError(cut).at(-1)?.data ?? "{}") as {
      error?: { type?: string };
    };
    expect(streamError.error?.type, "the same type as a non-stream 502").toBe("api_error");
  });

  it("ends a native stream that fails after its first byte with an `event: error`", async () => {
    await anthropicStandIn.enqueue({ errorEventAfterChunks: 2 });
    const response = await postMessages({
      model: nativeModel,
      max_tokens: 200,
      stream: true,
      messages: [{ role: "user", content: "this native stream will be interrupted" }],
    });
    const events = expectStreamEndingInError(response);
    expect((JSON.parse(events[0].data) as { message?: { model?: string } }).message?.model).toBe(nativeModel);
    expect(await anthropicStandIn.messagesRequests(), "not retried after the first byte").toHaveLength(1);

    await anthropicStandIn.enqueue({ errorEventAfterChunks: 2 });
    const stream = client.messages.stream({
      model: nativeModel,
      max_tokens: 200,
      messages: [{ role: "user", content: "the SDK sees the failure" }],
    });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });

  it("ends a translated stream cut after its first byte with an `event: error`", async () => {
    await openaiStandIn.enqueue({ cutAfterChunks: 3 });
    const response = await postMessages({
      model: translatedModel,
      max_tokens: 200,
      stream: true,
      messages: [{ role: "user", content: "this translated stream will be cut off midway" }],
    });
    expectStreamEndingInError(response);
    expect(await openaiStandIn.chatRequests(), "not retried after the first byte").toHaveLength(1);

    await openaiStandIn.enqueue({ cutAfterChunks: 3 });
    const stream = client.messages.stream({
      model: translatedModel,
      max_tokens: 200,
      messages: [{ role: "user", content: "the SDK sees the cut" }],
    });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });
});
