// POST /v1/responses as the official OpenAI SDK sees it (`client.responses.create` and `.stream`): an OpenAI model at
// the upstream's own /v1/responses (relayed, metered from response.completed), other models translated to and from
// chat completions (messages, tools, structured output, reasoning effort, the Responses event sequence); responses
// kept per key for GET/DELETE and previous_response_id; refusals in OpenAI's shape; streams failing after their
// first byte ending with `error` and response.failed. Every answer is charged from the catalog's prices, once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import {
  catalogPrices,
  chargedRow,
  expectedCostMicros,
  expectOpenAIError,
  gatewayClient,
  send,
  sseEvents,
  type RawResponse,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectAnthropicStandIn, connectStandIn, type RecordedRequest } from "./support/stand-in-client";
import { upstreamAnthropicKey, upstreamOpenAIKey } from "./support/test-environment";

const openaiStandIn = connectStandIn();
const anthropicStandIn = connectAnthropicStandIn();
const nativeModel = "openai/gpt-4o-mini";
const chatModel = "deepseek/deepseek-chat";
const anthropicModel = "anthropic/claude-sonnet-4";
let account: MintedKey;
let initialMicros: bigint;
let client: OpenAI;

type JsonObject = Record<string, unknown>;

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Current weather for a city",
  strict: true,
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
};

function bodyOf(request: RecordedRequest): JsonObject {
  return request.body as JsonObject;
}

async function upstreamRequests(path: string): Promise<RecordedRequest[]> {
  return (await openaiStandIn.requests()).filter((request) => request.path === path && request.method === "POST");
}

function postResponses(body: unknown, apiKey: string = account.key): Promise<RawResponse> {
  return send("/v1/responses", { apiKey, body });
}

/** The stream's events, each with its name checked against the `type` inside, in order. */
function responseEvents(response: RawResponse): JsonObject[] {
  expect(response.status, response.text.slice(0, 400)).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return sseEvents(response.text).map((event) => {
    const data = JSON.parse(event.data) as JsonObject;
    expect(event.event).toBe(data.type);
    return data;
  });
}

beforeAll(async () => {
  account = await createKey({ credits: 20 });
  initialMicros = await balanceMicros(account.userId);
  client = gatewayClient(account.key);
});

beforeEach(async () => {
  await Promise.all([openaiStandIn.reset(), anthropicStandIn.reset()]);
});

afterAll(async () => {
  await Promise.all([openaiStandIn.reset(), anthropicStandIn.reset()]);
  await closeDatabase();
});

describe("an OpenAI model, at the upstream's own /v1/responses", () => {
  it("answers client.responses.create with the public model id, sends upstream with store false, and charges once", async () => {
    await openaiStandIn.enqueue({ usage: { prompt_tokens: 12_000, completion_tokens: 800, cached_tokens: 2_000 } });
    const { data: response, response: http } = await client.responses
      .create({ model: nativeModel, instructions: "Be brief.", input: "hello native", prompt_cache_key: "k1" })
      .withResponse();
    expect(response.object).toBe("response");
    expect(response.status).toBe("completed");
    expect(response.model).toBe(nativeModel);
    expect(response.output_text).toBe("You said: hello native");
    expect((response as unknown as JsonObject).store).toBe(true);
    expect(response.usage).toMatchObject({
      input_tokens: 12_000,
      input_tokens_details: { cached_tokens: 2_000 },
      output_tokens: 800,
      total_tokens: 12_800,
    });
    expect(http.headers.get("x-switchyard-provider")).toBe("openai");
    expect(http.headers.get("x-switchyard-model")).toBe(nativeModel);

    const [upstream, ...others] = await upstreamRequests("/v1/responses");
    expect(others).toEqual([]);
    expect(upstream.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    expect(bodyOf(upstream)).toMatchObject({
      model: "gpt-4o-mini",
      input: "hello native",
      instructions: "Be brief.",
      prompt_cache_key: "k1",
      store: false,
    });
    expect(await upstreamRequests("/v1/chat/completions")).toEqual([]);

    const prices = await catalogPrices(nativeModel);
    const expected = expectedCostMicros(prices, { input: 10_000, cacheRead: 2_000, output: 800 });
    const row = await chargedRow(account.userId, initialMicros, http.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    expect(row.promptTokens).toBe(12_000);
    expect(row.completionTokens).toBe(800);
    expect((response.usage as unknown as JsonObject).cost).toBeCloseTo(Number(expected) / 1e6, 6);
    expect(http.headers.get("x-switchyard-cost-usd")).toBe((Number(expected) / 1e6).toFixed(6));
  });

  it("relays client.responses.stream event by event and meters response.completed's usage", async () => {
    await openaiStandIn.enqueue({ usage: { prompt_tokens: 3_000, completion_tokens: 300 } });
    const stream = client.responses.stream({ model: nativeModel, input: "stream native" });
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(text).toBe("You said: stream native");
    // The SDK's stream gives the final Response as response.completed carried it (output_text is added by create()).
    expect(final.output[0]).toMatchObject({
      type: "message",
      content: [{ type: "output_text", text: "You said: stream native" }],
    });
    expect(final.model).toBe(nativeModel);
    expect(final.usage).toMatchObject({ input_tokens: 3_000, output_tokens: 300 });
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    const [upstream] = await upstreamRequests("/v1/responses");
    expect(bodyOf(upstream)).toMatchObject({ model: "gpt-4o-mini", stream: true, store: false });
    const prices = await catalogPrices(nativeModel);
    expect((final.usage as unknown as JsonObject).cost).toBeCloseTo(
      Number(expectedCostMicros(prices, { input: 3_000, output: 300 })) / 1e6,
      6,
    );
  });

  it("ends a stream cut after its first byte with an error event and response.failed, and charges what came", async () => {
    await openaiStandIn.enqueue({ cutAfterChunks: 5 });
    const response = await postResponses({ model: nativeModel, input: "cut me off please", stream: true });
    const events = responseEvents(response);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
    expect(types.slice(-2)).toEqual(["error", "response.failed"]);
    expect(types).not.toContain("response.completed");
    const numbers = events.map((event) => event.sequence_number);
    expect(numbers).toEqual(numbers.map((_, index) => index));
    const failed = events.at(-1)?.response as JsonObject;
    expect(failed.status).toBe("failed");
    expect((failed.error as JsonObject).code).toBe("upstream_error");
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.status).toBe(502);
    expect(row.costMicros).toBeGreaterThan(0n);
  });
});

describe("a model that is not OpenAI's, translated to chat completions", () => {
  it("turns instructions, messages, function tools and reasoning into a chat request, and answers a Response", async () => {
    await openaiStandIn.enqueue({ usage: { prompt_tokens: 5_000, completion_tokens: 500 } });
    const { data: response, response: http } = await client.responses
      .create({
        model: chatModel,
        instructions: "Be brief.",
        input: [
          { role: "developer", content: "Answer in English." },
          { role: "user", content: [{ type: "input_text", text: "hello chat" }] },
        ],
        tools: [weatherTool],
        tool_choice: "auto",
        parallel_tool_calls: false,
        reasoning: { effort: "low", summary: "auto" },
        include: ["reasoning.encrypted_content"],
        store: false,
        max_output_tokens: 300,
        prompt_cache_key: "codex-session",
      })
      .withResponse();
    expect(response.status).toBe("completed");
    expect(response.model).toBe(chatModel);
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(response.output).toHaveLength(1);
    expect(response.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
    expect(response.output_text).toBe("You said: hello chat");
    expect(response.usage).toMatchObject({ input_tokens: 5_000, output_tokens: 500, total_tokens: 5_500 });
    expect(http.headers.get("x-switchyard-provider")).toBe("deepseek");

    const [upstream] = await upstreamRequests("/v1/chat/completions");
    expect(bodyOf(upstream)).toEqual({
      model: "deepseek-chat",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: "Answer in English." },
        { role: "user", content: [{ type: "text", text: "hello chat" }] },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Current weather for a city",
            parameters: weatherTool.parameters,
            strict: true,
          },
        },
      ],
      tool_choice: "auto",
      parallel_tool_calls: false,
      max_tokens: 300,
      reasoning_effort: "low",
    });
    const prices = await catalogPrices(chatModel);
    const row = await chargedRow(account.userId, initialMicros, http.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expectedCostMicros(prices, { input: 5_000, output: 500 }));
    // store: false keeps nothing.
    const stored = await send(`/v1/responses/${response.id}`, { apiKey: account.key });
    expectOpenAIError(stored, 404, "not_found");
  });

  it("answers a function call, and takes its output back as a tool message", async () => {
    await openaiStandIn.enqueue({ toolCall: { name: "get_weather", arguments: '{"city":"Hanoi"}' } });
    const first = await client.responses.create({ model: chatModel, input: "weather in Hanoi?", tools: [weatherTool] });
    expect(first.output).toHaveLength(1);
    const call = first.output[0];
    expect(call).toMatchObject({
      type: "function_call",
      name: "get_weather",
      arguments: '{"city":"Hanoi"}',
      status: "completed",
    });
    if (call.type !== "function_call") throw new Error("expected a function call");
    expect(call.id).toMatch(/^fc_/);

    const second = await client.responses.create({
      model: chatModel,
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "31°C and sunny" }],
      tools: [weatherTool],
    });
    expect(second.previous_response_id).toBe(first.id);
    const [, upstream] = await upstreamRequests("/v1/chat/completions");
    expect(bodyOf(upstream).messages).toEqual([
      { role: "user", content: "weather in Hanoi?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: call.call_id, type: "function", function: { name: "get_weather", arguments: '{"city":"Hanoi"}' } },
        ],
      },
      { role: "tool", tool_call_id: call.call_id, content: "31°C and sunny" },
    ]);
  });

  it("maps text.format json_schema to response_format", async () => {
    const schema = {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    };
    const response = await client.responses.create({
      model: chatModel,
      input: "a city",
      text: { format: { type: "json_schema", name: "place", schema, strict: true } },
    });
    const [upstream] = await upstreamRequests("/v1/chat/completions");
    expect(bodyOf(upstream).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "place", schema, strict: true },
    });
    expect(Object.keys(JSON.parse(response.output_text) as JsonObject)).toEqual(["city"]);
  });

  it("streams the Responses event sequence from an Anthropic model, with sequence numbers and usage", async () => {
    await anthropicStandIn.enqueue({ usage: { input_tokens: 4_000, output_tokens: 400 } });
    const response = await postResponses({ model: anthropicModel, input: "stream anthropic", stream: true });
    const events = responseEvents(response);
    const types = events.map((event) => event.type);
    const deltas = types.filter((type) => type === "response.output_text.delta").length;
    expect(deltas).toBeGreaterThan(1);
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      ...Array(deltas).fill("response.output_text.delta"),
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const text = events
      .filter((event) => event.type === "response.output_text.delta")
      .map((event) => event.delta)
      .join("");
    expect(text).toBe("You said: stream anthropic");
    const done = events.find((event) => event.type === "response.output_text.done");
    expect(done?.text).toBe(text);
    const completed = events.at(-1)?.response as JsonObject;
    expect(completed).toMatchObject({ status: "completed", model: anthropicModel, store: true });
    expect(completed.usage).toMatchObject({ input_tokens: 4_000, output_tokens: 400, total_tokens: 4_400 });
    const prices = await catalogPrices(anthropicModel);
    const expected = expectedCostMicros(prices, { input: 4_000, output: 400 });
    expect((completed.usage as JsonObject).cost).toBeCloseTo(Number(expected) / 1e6, 6);
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(expected);
    const [upstream] = (await anthropicStandIn.requests()).filter((request) => request.method === "POST");
    expect(upstream.headers["x-api-key"]).toBe(upstreamAnthropicKey);

    // Kept for the key (store defaults to true): GET answers the completed response.
    const stored = await client.responses.retrieve(String(completed.id));
    expect(stored.output_text).toBe(text);
    expect(stored.usage).toMatchObject({ input_tokens: 4_000, output_tokens: 400 });
  });

  it("streams a function call as function_call_arguments deltas through the SDK's .stream", async () => {
    await openaiStandIn.enqueue({ toolCall: { name: "get_weather", arguments: '{"city":"Hue, Vietnam"}' } });
    const stream = client.responses.stream({ model: chatModel, input: "weather?", tools: [weatherTool] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    expect(types).toContain("response.function_call_arguments.delta");
    expect(types).toContain("response.function_call_arguments.done");
    expect(final.output[0]).toMatchObject({
      type: "function_call",
      name: "get_weather",
      arguments: '{"city":"Hue, Vietnam"}',
    });
  });

  it("ends a translated stream cut after its first byte with error and response.failed, never response.completed", async () => {
    await openaiStandIn.enqueue({ cutAfterChunks: 4 });
    const response = await postResponses({ model: chatModel, input: "cut this translated stream", stream: true });
    const types = responseEvents(response).map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
    expect(types.slice(-2)).toEqual(["error", "response.failed"]);
    expect(types).not.toContain("response.completed");
  });
});

describe("failover and refunds", () => {
  it("fails a translated request over to the next key before the first byte, and charges the one answer once", async () => {
    const serverError = {
      status: 500,
      body: { error: { message: "boom", type: "server_error", param: null, code: null } },
    };
    await openaiStandIn.enqueue(serverError, { usage: { prompt_tokens: 1_000, completion_tokens: 100 } });
    const response = await postResponses({ model: chatModel, input: "fail over", stream: true });
    const events = responseEvents(response);
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    const calls = await upstreamRequests("/v1/chat/completions");
    expect(calls).toHaveLength(2);
    expect(calls[0].headers.authorization).not.toBe(calls[1].headers.authorization);
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.status).toBe(200);
    expect(row.costMicros).toBe(expectedCostMicros(await catalogPrices(chatModel), { input: 1_000, output: 100 }));
  });

  it("answers an OpenAI model's upstream refusal in OpenAI's shape and charges nothing", async () => {
    await openaiStandIn.enqueue({
      status: 400,
      body: {
        error: {
          message: "Unknown parameter: 'bogus'.",
          type: "invalid_request_error",
          param: "bogus",
          code: "unknown_parameter",
        },
      },
    });
    const response = await postResponses({ model: nativeModel, input: "x", bogus: true });
    expect(response.status, response.text).toBe(400);
    const body = JSON.parse(response.text) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(body.error.message).toContain("Unknown parameter: 'bogus'");
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBe(0n);
    expect(await upstreamRequests("/v1/responses")).toHaveLength(1);
  });

  it("refuses a body over the size limit with 413, never a 500", async () => {
    const response = await postResponses({ model: chatModel, input: "x".repeat(11 * 1024 * 1024) });
    expectOpenAIError(response, 413, "request_too_large");
    expect(await upstreamRequests("/v1/chat/completions")).toEqual([]);
  });
});

describe("stored responses", () => {
  it("continues a conversation with previous_response_id on an OpenAI model, expanded by the gateway", async () => {
    const first = await client.responses.create({ model: nativeModel, input: "my name is Lan" });
    const second = await client.responses.create({
      model: nativeModel,
      previous_response_id: first.id,
      input: "what is my name?",
    });
    expect(second.previous_response_id).toBe(first.id);
    const [, upstream] = await upstreamRequests("/v1/responses");
    const body = bodyOf(upstream);
    expect(body.previous_response_id).toBeUndefined();
    expect(body.store).toBe(false);
    expect(body.input).toEqual([
      { type: "message", role: "user", content: "my name is Lan" },
      first.output[0],
      { type: "message", role: "user", content: "what is my name?" },
    ]);
  });

  it("lists a response's input items (the conversation it answered) through the SDK, a page at a time", async () => {
    const first = await client.responses.create({ model: chatModel, input: "one" });
    const second = await client.responses.create({
      model: chatModel,
      previous_response_id: first.id,
      input: [{ role: "user", content: "two" }],
    });
    const newestFirst = await client.responses.inputItems.list(second.id);
    expect(newestFirst.data.map((item) => (item as { role?: string }).role)).toEqual(["user", "assistant", "user"]);
    expect(newestFirst.data[1].id).toBe(first.output[0].id);
    const ids = newestFirst.data.map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
    const firstPage = await send(`/v1/responses/${second.id}/input_items?order=asc&limit=2`, { apiKey: account.key });
    const pageBody = JSON.parse(firstPage.text) as { data: Array<{ id: string }>; has_more: boolean; last_id: string };
    expect(pageBody.data.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(pageBody.has_more).toBe(true);
    const rest = await send(`/v1/responses/${second.id}/input_items?order=asc&limit=2&after=${pageBody.last_id}`, {
      apiKey: account.key,
    });
    expect(JSON.parse(rest.text)).toMatchObject({ data: [{ id: ids[0] }], has_more: false });
    const stranger = await createKey({ credits: 1 });
    expectOpenAIError(await send(`/v1/responses/${second.id}/input_items`, { apiKey: stranger.key }), 404, "not_found");
    expectOpenAIError(
      await send(`/v1/responses/${second.id}/input_items?limit=0`, { apiKey: account.key }),
      400,
      "invalid_value",
      "limit",
    );
  });

  it("reads and deletes a response for its own key only", async () => {
    const created = await client.responses.create({ model: chatModel, input: "keep me" });
    const other = await createKey({ credits: 1 });
    for (const stranger of [other.key]) {
      expectOpenAIError(await send(`/v1/responses/${created.id}`, { apiKey: stranger }), 404, "not_found");
      expectOpenAIError(
        await send(`/v1/responses/${created.id}`, { apiKey: stranger, method: "DELETE" }),
        404,
        "not_found",
      );
      const continued = await postResponses(
        { model: chatModel, previous_response_id: created.id, input: "again" },
        stranger,
      );
      expectOpenAIError(continued, 404, "not_found", "previous_response_id");
    }
    const fetched = await client.responses.retrieve(created.id);
    expect(fetched).toEqual(JSON.parse(JSON.stringify(created)));
    const deleted = await send(`/v1/responses/${created.id}`, { apiKey: account.key, method: "DELETE" });
    expect(JSON.parse(deleted.text)).toEqual({ id: created.id, object: "response", deleted: true });
    expectOpenAIError(await send(`/v1/responses/${created.id}`, { apiKey: account.key }), 404, "not_found");
    expectOpenAIError(await send(`/v1/responses/${"x".repeat(5000)}`, { apiKey: account.key }), 404, "not_found");
  });
});

describe("refusals", () => {
  it("drops built-in tools a translated model cannot serve, and says so in a header", async () => {
    const response = await postResponses({
      model: chatModel,
      input: "search?",
      tools: [weatherTool, { type: "web_search" }, { type: "namespace", name: "agents", tools: [] }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBe("tools[1] (web_search), tools[2] (namespace)");
    const [upstream] = await upstreamRequests("/v1/chat/completions");
    expect((bodyOf(upstream).tools as JsonObject[]).map((tool) => (tool.function as JsonObject).name)).toEqual([
      "get_weather",
    ]);
  });

  it("refuses with a 400 naming the field what only OpenAI serves, before any upstream call", async () => {
    const cases: Array<[JsonObject, string, string]> = [
      [
        { input: "x", tools: [{ type: "web_search" }], tool_choice: { type: "web_search" } },
        "invalid_value",
        "tool_choice",
      ],
      [
        { input: [{ role: "user", content: [{ type: "input_file", file_id: "file-1" }] }] },
        "invalid_value",
        "input[0].content[0].type",
      ],
      [{ input: [{ type: "web_search_call", id: "ws_1", status: "completed" }] }, "invalid_value", "input[0].type"],
      [{ input: 42 }, "invalid_value", "input"],
      [{ input: "x".repeat(100), temperature: 3 }, "invalid_value", "temperature"],
      [{ input: "x", text: { format: { type: "json_schema", schema: {} } } }, "missing_field", "text.format.name"],
      [{}, "missing_field", "input"],
    ];
    for (const [fields, code, param] of cases) {
      expectOpenAIError(await postResponses({ model: chatModel, ...fields }), 400, code, param);
    }
    expectOpenAIError(await postResponses("{not json"), 400, "invalid_json");
    expectOpenAIError(
      await postResponses({ model: chatModel, input: "x", previous_response_id: "resp_nope" }),
      404,
      "not_found",
      "previous_response_id",
    );
    expectOpenAIError(await postResponses({ model: "nobody/nothing", input: "x" }), 404, "model_not_found");
    expect(await upstreamRequests("/v1/chat/completions")).toEqual([]);
    expect(await upstreamRequests("/v1/responses")).toEqual([]);
  });
});
