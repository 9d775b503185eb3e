// The Anthropic stand-in on its own, driven with plain fetch: its answers must match the Messages API's wire format
// for the gateway tests to trust it as an upstream. Starts its own stand-in; needs no app (SKIP_APP=1 is enough).
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAnthropicStandIn, type AnthropicStandIn } from "./support/anthropic-stand-in";
import { connectAnthropicStandIn, type AnthropicStandInClient } from "./support/stand-in-client";

interface ServerSentEvent {
  event: string;
  data: Record<string, unknown>;
}

interface MessagesAnswer {
  status: number;
  headers: Headers;
  text: string;
}

const apiKey = "sk-ant-stand-in-self-test";
const weatherTool = {
  name: "get_weather",
  description: "Current weather for a place",
  input_schema: {
    type: "object",
    properties: {
      location: { type: "string" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      days: { type: "integer" },
    },
    required: ["location", "unit"],
  },
};

let server: AnthropicStandIn;
let standIn: AnthropicStandInClient;

async function postMessages(body: unknown, headers: Record<string, string> = {}): Promise<MessagesAnswer> {
  const response = await fetch(`${server.url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function messagesBody(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: "claude-sonnet-4-5", max_tokens: 256, messages: [{ role: "user", content: text }], ...extra };
}

function parseEvents(text: string): ServerSentEvent[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim().length > 0)
    .map((frame) => {
      const lines = frame.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length) ?? "";
      const data = lines.find((line) => line.startsWith("data: "))?.slice("data: ".length) ?? "null";
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

function deltasOf(events: ServerSentEvent[]): Array<Record<string, unknown>> {
  return events
    .filter((event) => event.event === "content_block_delta")
    .map((event) => event.data.delta as Record<string, unknown>);
}

function expectAnthropicError(answer: MessagesAnswer, status: number, type: string): string {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as {
    type: string;
    error: { type: string; message: string };
    request_id: string;
  };
  expect(body.type).toBe("error");
  expect(body.error.type).toBe(type);
  expect(typeof body.error.message).toBe("string");
  expect(body.request_id).toMatch(/^req_/);
  return body.error.message;
}

beforeAll(async () => {
  server = await startAnthropicStandIn();
  standIn = connectAnthropicStandIn(server.url);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  await standIn.reset();
});

describe("Anthropic stand-in: answers", () => {
  it("answers a message in Anthropic's shape, echoing the last user text (unicode intact) and the model", async () => {
    const answer = await postMessages(messagesBody("héllo 🌍 你好", { system: "Be brief." }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get("request-id")).toMatch(/^req_/);
    const message = JSON.parse(answer.text) as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual([
      "content",
      "id",
      "model",
      "role",
      "stop_reason",
      "stop_sequence",
      "type",
      "usage",
    ]);
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5",
      content: [{ type: "text", text: "You said: héllo 🌍 你好" }],
      stop_reason: "end_turn",
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_/);
    const usage = message.usage as Record<string, unknown>;
    expect(usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: "standard",
    });
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(0);

    const [received] = await standIn.messagesRequests();
    expect(received.headers["x-api-key"]).toBe(apiKey);
    expect(received.headers["anthropic-version"]).toBe("2023-06-01");
    expect(received.body).toMatchObject({ model: "claude-sonnet-4-5", system: "Be brief." });
  });

  it("reads text from content blocks and from tool_result blocks answering the previous tool_use", async () => {
    const answer = await postMessages({
      model: "claude-sonnet-4-5",
      max_tokens: 100,
      tools: [weatherTool],
      messages: [
        { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
        {
          role: "assistant",
          content: [
            { type: "tool_use", id: "toolu_01A", name: "get_weather", input: { location: "Paris", unit: "celsius" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01A", content: "18 degrees" }] },
      ],
    });
    expect(answer.status, answer.text).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ content: [{ type: "text", text: "You said: 18 degrees" }] });
  });

  it("answers a forced tool with a tool_use block built from the schema's required properties", async () => {
    const named = JSON.parse(
      (
        await postMessages(
          messagesBody("Lisbon", { tools: [weatherTool], tool_choice: { type: "tool", name: "get_weather" } }),
        )
      ).text,
    ) as Record<string, unknown>;
    expect(named.stop_reason).toBe("tool_use");
    const [block] = named.content as Array<Record<string, unknown>>;
    expect(block).toMatchObject({
      type: "tool_use",
      name: "get_weather",
      input: { location: "Lisbon", unit: "celsius" },
    });
    expect(block.id).toMatch(/^toolu_/);
    expect(Object.keys(block.input as object).sort()).toEqual(["location", "unit"]);

    const otherTool = {
      name: "get_time",
      input_schema: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
    };
    const any = JSON.parse(
      (await postMessages(messagesBody("UTC", { tools: [otherTool, weatherTool], tool_choice: { type: "any" } }))).text,
    ) as Record<string, unknown>;
    expect(any.content).toMatchObject([{ type: "tool_use", name: "get_time", input: { zone: "UTC" } }]);

    const auto = JSON.parse(
      (await postMessages(messagesBody("hi", { tools: [weatherTool], tool_choice: { type: "auto" } }))).text,
    ) as Record<string, unknown>;
    expect(auto).toMatchObject({ stop_reason: "end_turn", content: [{ type: "text" }] });
  });

  it("stops with max_tokens when the answer does not fit", async () => {
    const message = JSON.parse(
      (await postMessages(messagesBody("a rather long sentence that cannot fit", { max_tokens: 2 }))).text,
    ) as Record<string, unknown>;
    expect(message.stop_reason).toBe("max_tokens");
    expect((message.usage as Record<string, number>).output_tokens).toBeLessThanOrEqual(2);
  });

  it("puts a thinking block with a signature first when thinking is enabled", async () => {
    const message = JSON.parse(
      (
        await postMessages(
          messagesBody("think", { max_tokens: 2048, thinking: { type: "enabled", budget_tokens: 1024 } }),
        )
      ).text,
    ) as Record<string, unknown>;
    const [thinking, text] = message.content as Array<Record<string, unknown>>;
    expect(thinking.type).toBe("thinking");
    expect(thinking.thinking).toContain("think");
    expect(typeof thinking.signature).toBe("string");
    expect(text).toEqual({ type: "text", text: "You said: think" });
  });
});

describe("Anthropic stand-in: streams", () => {
  it("streams named events in Anthropic's order, text in several text_deltas, usage split over start and delta", async () => {
    const answer = await postMessages(messagesBody("stream me a longer sentence 🌍", { stream: true }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(answer.text).not.toContain("[DONE]");
    const events = parseEvents(answer.text);
    for (const event of events) expect(event.data.type).toBe(event.event);
    const names = events.map((event) => event.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(names.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(new Set(names.slice(3, -3))).toEqual(new Set(["content_block_delta"]));

    const start = events[0].data.message as Record<string, unknown>;
    expect(start).toMatchObject({
      type: "message",
      role: "assistant",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      model: "claude-sonnet-4-5",
    });
    expect((start.usage as Record<string, number>).input_tokens).toBeGreaterThan(0);
    expect(events[1].data).toEqual({
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    });

    const deltas = deltasOf(events);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.every((delta) => delta.type === "text_delta")).toBe(true);
    expect(deltas.map((delta) => delta.text).join("")).toBe("You said: stream me a longer sentence 🌍");

    const messageDelta = events.at(-2)?.data as Record<string, unknown>;
    expect(messageDelta.delta).toEqual({ stop_reason: "end_turn", stop_sequence: null });
    expect(Object.keys(messageDelta.usage as object)).toEqual(["output_tokens"]);
  });

  it("streams a forced tool as tool_use with input_json_delta pieces that join into the input", async () => {
    const events = parseEvents(
      (
        await postMessages(
          messagesBody("Reykjavík", { stream: true, tools: [weatherTool], tool_choice: { type: "any" } }),
        )
      ).text,
    );
    const blockStart = events.find((event) => event.event === "content_block_start")?.data.content_block as Record<
      string,
      unknown
    >;
    expect(blockStart).toMatchObject({ type: "tool_use", name: "get_weather", input: {} });
    expect(blockStart.id).toMatch(/^toolu_/);
    const deltas = deltasOf(events);
    expect(deltas.every((delta) => delta.type === "input_json_delta")).toBe(true);
    expect(deltas[0].partial_json).toBe("");
    expect(deltas.length).toBeGreaterThan(3);
    expect(JSON.parse(deltas.map((delta) => delta.partial_json).join(""))).toEqual({
      location: "Reykjavík",
      unit: "celsius",
    });
    expect(events.at(-2)?.data.delta).toMatchObject({ stop_reason: "tool_use" });
  });

  it("streams thinking as thinking_delta and signature_delta before the text block", async () => {
    const events = parseEvents(
      (
        await postMessages(
          messagesBody("ponder", {
            stream: true,
            max_tokens: 4096,
            thinking: { type: "enabled", budget_tokens: 2048 },
          }),
        )
      ).text,
    );
    const starts = events
      .filter((event) => event.event === "content_block_start")
      .map((event) => (event.data.content_block as Record<string, unknown>).type);
    expect(starts).toEqual(["thinking", "text"]);
    const types = new Set(deltasOf(events).map((delta) => delta.type));
    expect(types).toEqual(new Set(["thinking_delta", "signature_delta", "text_delta"]));
  });
});

describe("Anthropic stand-in: the official SDK accepts it", () => {
  it("parses a message, a text stream and a tool stream the SDK way", async () => {
    // SDK 1.x sends API keys as Authorization: Bearer; the stand-in wants x-api-key, the header the gateway sends.
    const client = new Anthropic({
      apiKey: null,
      authToken: null,
      defaultHeaders: { "x-api-key": apiKey },
      baseURL: server.url,
      maxRetries: 0,
    });
    const message = await client.messages.create({
      model: "claude-stand-in",
      max_tokens: 100,
      messages: [{ role: "user", content: "sdk ✓" }],
    });
    expect(message.content).toEqual([{ type: "text", text: "You said: sdk ✓" }]);

    const textStream = client.messages.stream({
      model: "claude-stand-in",
      max_tokens: 100,
      messages: [{ role: "user", content: "streamed ✓" }],
    });
    const streamed = await textStream.finalMessage();
    expect(streamed.content).toMatchObject([{ type: "text", text: "You said: streamed ✓" }]);
    expect(streamed.usage.output_tokens).toBeGreaterThan(1);

    const toolStream = client.messages.stream({
      model: "claude-stand-in",
      max_tokens: 100,
      messages: [{ role: "user", content: "Oslo" }],
      tools: [{ ...weatherTool, input_schema: { ...weatherTool.input_schema, type: "object" as const } }],
      tool_choice: { type: "tool", name: "get_weather" },
    });
    const called = await toolStream.finalMessage();
    expect(called.stop_reason).toBe("tool_use");
    expect(called.content).toMatchObject([
      { type: "tool_use", name: "get_weather", input: { location: "Oslo", unit: "celsius" } },
    ]);

    await standIn.enqueue({ status: 529 });
    await expect(
      client.messages.create({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({
      status: 529,
      error: { type: "error", error: { type: "overloaded_error" } },
    });
  });
});

describe("Anthropic stand-in: refusals like the real API", () => {
  it("answers 401 authentication_error without x-api-key and 400 without anthropic-version", async () => {
    const withoutKey = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify(messagesBody("hi")),
    });
    expect(withoutKey.status).toBe(401);
    expect(await withoutKey.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error", message: "invalid x-api-key" },
    });

    const withoutVersion = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "content-type": "application/json" },
      body: JSON.stringify(messagesBody("hi")),
    });
    expect(withoutVersion.status).toBe(400);
    expect(await withoutVersion.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: expect.stringContaining("anthropic-version") },
    });
  });

  it.each([
    ["no model", { max_tokens: 10, messages: [{ role: "user", content: "hi" }] }, /^model: /],
    ["no max_tokens", { model: "m", messages: [{ role: "user", content: "hi" }] }, /^max_tokens: Field required/],
    ["no messages", { model: "m", max_tokens: 10 }, /^messages: /],
    [
      "a system role message",
      {
        model: "m",
        max_tokens: 10,
        messages: [
          { role: "system", content: "x" },
          { role: "user", content: "hi" },
        ],
      },
      /messages\.0\.role/,
    ],
    ["an OpenAI-only field", { ...messagesBody("hi"), n: 2 }, /^n: Extra inputs are not permitted/],
    ["temperature above 1", { ...messagesBody("hi"), temperature: 1.5 }, /^temperature: .*less than or equal to 1/],
    [
      "an empty user message",
      { model: "m", max_tokens: 10, messages: [{ role: "user", content: "" }] },
      /non-empty content/,
    ],
    [
      "a tool_use without its tool_result",
      {
        model: "m",
        max_tokens: 10,
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "t", input: {} }] },
          { role: "user", content: "b" },
        ],
      },
      /without `tool_result` blocks immediately after: toolu_1/,
    ],
    [
      "a tool_result without its tool_use",
      {
        model: "m",
        max_tokens: 10,
        messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "x" }] }],
      },
      /unexpected `tool_use_id` found in `tool_result` blocks: toolu_9/,
    ],
    [
      "tool_choice naming an unknown tool",
      { ...messagesBody("hi"), tools: [weatherTool], tool_choice: { type: "tool", name: "nope" } },
      /nope/,
    ],
    [
      "a thinking budget not below max_tokens",
      { ...messagesBody("hi"), max_tokens: 1024, thinking: { type: "enabled", budget_tokens: 1024 } },
      /budget_tokens/,
    ],
  ])("answers 400 invalid_request_error for %s", async (_, body, message) => {
    expect(expectAnthropicError(await postMessages(body), 400, "invalid_request_error")).toMatch(message);
  });
});

describe("Anthropic stand-in: scripted faults", () => {
  it("answers scripted statuses with Anthropic's error bodies, a retry-after on 429, and custom bodies as given", async () => {
    await standIn.enqueue(
      { status: 529 },
      { status: 429 },
      { status: 500, body: { custom: true }, headers: { "x-extra": "1" } },
    );
    expect(expectAnthropicError(await postMessages(messagesBody("a")), 529, "overloaded_error")).toBe("Overloaded");
    const limited = await postMessages(messagesBody("b"));
    expectAnthropicError(limited, 429, "rate_limit_error");
    expect(limited.headers.get("retry-after")).toBe("1");
    const custom = await postMessages(messagesBody("c"));
    expect(custom.status).toBe(500);
    expect(JSON.parse(custom.text)).toEqual({ custom: true });
    expect(custom.headers.get("x-extra")).toBe("1");
    expect((await postMessages(messagesBody("d"))).status).toBe(200);
    expect(await standIn.messagesRequests()).toHaveLength(4);
  });

  it("sends event: error (overloaded_error) after n deltas and ends the stream", async () => {
    await standIn.enqueue({ errorEventAfterChunks: 2 });
    const events = parseEvents(
      (await postMessages(messagesBody("a sentence long enough for many deltas", { stream: true }))).text,
    );
    expect(deltasOf(events)).toHaveLength(2);
    expect(events.at(-1)).toEqual({
      event: "error",
      data: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    });
    expect(events.some((event) => event.event === "message_stop")).toBe(false);
  });

  it("overrides usage, including cache reads and writes, in the message and in message_start", async () => {
    const usage = {
      input_tokens: 7,
      output_tokens: 9,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 200,
    };
    await standIn.enqueue({ usage }, { usage });
    const message = JSON.parse((await postMessages(messagesBody("cached"))).text) as Record<string, unknown>;
    expect(message.usage).toMatchObject({
      ...usage,
      cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 0 },
    });
    const events = parseEvents((await postMessages(messagesBody("cached", { stream: true }))).text);
    expect((events[0].data.message as Record<string, unknown>).usage).toMatchObject({
      input_tokens: 7,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 200,
    });
    expect(events.at(-2)?.data.usage).toMatchObject({ output_tokens: 9 });
  });

  it("replaces the text with `content`, also when a tool is forced", async () => {
    await standIn.enqueue({ content: "Scripted ✓" });
    const message = JSON.parse(
      (await postMessages(messagesBody("x", { tools: [weatherTool], tool_choice: { type: "any" } }))).text,
    ) as Record<string, unknown>;
    expect(message).toMatchObject({ stop_reason: "end_turn", content: [{ type: "text", text: "Scripted ✓" }] });
  });

  it("cuts a stream after n events, and a non-stream body midway", async () => {
    await standIn.enqueue({ cutAfterChunks: 4 }, { cutAfterChunks: 1 });
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify(messagesBody("cut me", { stream: true })),
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const decoder = new TextDecoder();
    let received = "";
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += decoder.decode(value, { stream: true });
        }
      })(),
    ).rejects.toThrow();
    expect(parseEvents(received).map((event) => event.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
    ]);

    await expect(postMessages(messagesBody("cut"))).rejects.toThrow();
  });

  it("resets the connection, and delays the first byte", async () => {
    await standIn.enqueue({ resetConnection: true }, { delayFirstByteMs: 300 });
    await expect(postMessages(messagesBody("reset"))).rejects.toThrow();
    const startedAt = Date.now();
    expect((await postMessages(messagesBody("slow"))).status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(280);
  });

  it("paces events and splits them inside multi-byte characters without corrupting them", async () => {
    await standIn.enqueue({ chunkIntervalMs: 20, splitFrameBytes: true });
    const startedAt = Date.now();
    const events = parseEvents((await postMessages(messagesBody("ünïcödé 🌍🌍", { stream: true }))).text);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(20 * 5);
    expect(
      deltasOf(events)
        .map((delta) => delta.text)
        .join(""),
    ).toBe("You said: ünïcödé 🌍🌍");
  });

  it("marks a request whose caller hung up mid-stream", async () => {
    await standIn.enqueue({ chunkIntervalMs: 100 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify(messagesBody("hang up on me", { stream: true })),
      signal: controller.signal,
    });
    await response.body?.getReader().read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [received] = await standIn.messagesRequests();
    expect(received.closedByCaller).toBe(true);
  });
});
