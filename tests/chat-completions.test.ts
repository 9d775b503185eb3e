// POST /v1/chat/completions as an OpenAI SDK user sees it, and what the gateway sends upstream.
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatBody, gatewayClient, parseJson, postChat, send, sseData, usageCost } from "./support/app-client";
import { catalogModels, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { upstreamDeepSeekKeys, upstreamOpenAIKey } from "./support/test-environment";

const standIn = connectStandIn();
let account: MintedKey;
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
      additionalProperties: false,
    },
  },
};

/** Expected cost in micro-USD from the catalog's prices, before rounding. */
async function expectedCostMicros(
  modelId: string,
  promptTokens: number,
  cachedTokens: number,
  completionTokens: number,
): Promise<number> {
  const [model] = await catalogModels("id = $1", [modelId]);
  const input = Number(model.inputPriceMicros ?? 0n);
  const cachedInput = model.cachedInputPriceMicros === null ? input : Number(model.cachedInputPriceMicros);
  const output = Number(model.outputPriceMicros ?? 0n);
  const list =
    ((promptTokens - cachedTokens) * input + cachedTokens * cachedInput + completionTokens * output) / 1_000_000;
  return list * (1 + model.markupBps / 10_000);
}

beforeAll(async () => {
  account = await createKey({ credits: 20 });
  client = gatewayClient(account.key);
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await closeDatabase();
});

describe("non-stream chat completion", () => {
  it("answers in OpenAI's shape with usage, its cost, and the gateway's headers", async () => {
    const { data: completion, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "ping" }] })
      .withResponse();

    expect(completion.object).toBe("chat.completion");
    expect(typeof completion.id).toBe("string");
    expect(typeof completion.created).toBe("number");
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0].index).toBe(0);
    expect(completion.choices[0].message.role).toBe("assistant");
    expect(completion.choices[0].message.content).toBe("You said: ping");
    expect(completion.choices[0].finish_reason).toBe("stop");

    const usage = completion.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    expect(usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
    const cost = usageCost(usage);
    expect(cost).toBeGreaterThan(0);

    expect(response.headers.get("x-request-id")).toMatch(/\S+/);
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    expect(response.headers.get("x-switchyard-model")).toBe("openai/gpt-4o-mini");
    expect(response.headers.get("x-switchyard-attempts")).toBe("1");
    const costHeader = response.headers.get("x-switchyard-cost-usd");
    expect(costHeader).toMatch(/^\d+(\.\d+)?$/);
    expect(Number(costHeader)).toBeCloseTo(cost, 6);
  });

  it("bills the catalog price for the tokens the upstream reports, cached prompt tokens at the cached price", async () => {
    await standIn.enqueue({ usage: { prompt_tokens: 100_000, completion_tokens: 20_000 } });
    const plain = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "count" }],
    });
    expect(plain.usage).toMatchObject({ prompt_tokens: 100_000, completion_tokens: 20_000, total_tokens: 120_000 });
    const plainExpected = await expectedCostMicros("openai/gpt-4o-mini", 100_000, 0, 20_000);
    expect(Math.abs(usageCost(plain.usage) * 1_000_000 - plainExpected)).toBeLessThanOrEqual(1);

    await standIn.enqueue({ usage: { prompt_tokens: 100_000, cached_tokens: 60_000, completion_tokens: 20_000 } });
    const cached = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "count" }],
    });
    expect(cached.usage?.prompt_tokens_details?.cached_tokens).toBe(60_000);
    const cachedExpected = await expectedCostMicros("openai/gpt-4o-mini", 100_000, 60_000, 20_000);
    expect(Math.abs(usageCost(cached.usage) * 1_000_000 - cachedExpected)).toBeLessThanOrEqual(1);
    expect(usageCost(cached.usage)).toBeLessThan(usageCost(plain.usage));
  });

  it("sends the upstream model name with the provider's key, never the client's key, and no stream_options", async () => {
    await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    const [upstreamRequest] = await standIn.chatRequests();
    expect(upstreamRequest.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    expect(JSON.stringify(upstreamRequest.headers)).not.toContain(account.key);
    const body = upstreamRequest.body as Record<string, unknown>;
    expect(body.model).toBe("gpt-4o-mini");
    expect(body).not.toHaveProperty("stream_options");
    expect(body.stream === undefined || body.stream === false).toBe(true);
  });

  it("accepts the key as x-api-key and does not pass it on to the upstream", async () => {
    const response = await send("/v1/chat/completions", {
      headers: { "x-api-key": account.key },
      body: chatBody("openai/gpt-4o-mini"),
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(parseJson(response).object).toBe("chat.completion");
    const [upstreamRequest] = await standIn.chatRequests();
    expect(JSON.stringify(upstreamRequest.headers)).not.toContain(account.key);
    expect(upstreamRequest.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    expect(upstreamRequest.headers["x-api-key"]).toBeUndefined();
  });

  it("resolves a bare model name and a catalog alias", async () => {
    const bare = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "bare" }] })
      .withResponse();
    expect(bare.response.headers.get("x-switchyard-model")).toBe("openai/gpt-4o-mini");
    expect(bare.data.choices[0].message.content).toBe("You said: bare");

    const aliased = await client.chat.completions
      .create({ model: "deepseek-v3.2", messages: [{ role: "user", content: "alias" }] })
      .withResponse();
    expect(aliased.response.headers.get("x-switchyard-provider")).toBe("deepseek");
    expect(aliased.response.headers.get("x-switchyard-model")).toBe("deepseek/deepseek-chat");

    const [bareUpstream, aliasUpstream] = await standIn.chatRequests();
    expect((bareUpstream.body as Record<string, unknown>).model).toBe("gpt-4o-mini");
    expect((aliasUpstream.body as Record<string, unknown>).model).toBe("deepseek-chat");
    expect(upstreamDeepSeekKeys.map((key) => `Bearer ${key}`)).toContain(aliasUpstream.headers.authorization);
  });

  it("passes OpenAI's parameters on unchanged", async () => {
    const parameters = {
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 50,
      stop: ["END", "STOP"],
      seed: 7,
      n: 2,
      user: "end-user-42",
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      logprobs: true,
      top_logprobs: 2,
      tools: [weatherTool],
      tool_choice: "auto" as const,
      parallel_tool_calls: false,
      response_format: { type: "text" as const },
    };
    const completion = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "parameters" },
      ],
      ...parameters,
    });
    expect(completion.choices).toHaveLength(2);
    const [upstreamRequest] = await standIn.chatRequests();
    expect(upstreamRequest.body).toMatchObject({
      ...parameters,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "parameters" },
      ],
    });

    await client.chat.completions.create({
      model: "openai/o4-mini",
      messages: [
        { role: "developer", content: "Think." },
        { role: "user", content: "reason" },
      ],
      max_completion_tokens: 300,
      reasoning_effort: "low",
    });
    const [, reasoningRequest] = await standIn.chatRequests();
    expect(reasoningRequest.body).toMatchObject({
      model: "o4-mini",
      max_completion_tokens: 300,
      reasoning_effort: "low",
      messages: [
        { role: "developer", content: "Think." },
        { role: "user", content: "reason" },
      ],
    });
  });

  it("passes content arrays with images on unchanged", async () => {
    const content: OpenAI.ChatCompletionContentPart[] = [
      { type: "text", text: "What is in this picture?" },
      {
        type: "image_url",
        image_url: {
          url: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
          detail: "low",
        },
      },
    ];
    const completion = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content }],
    });
    expect(completion.choices[0].message.content).toBe("You said: What is in this picture?");
    const [upstreamRequest] = await standIn.chatRequests();
    expect((upstreamRequest.body as { messages: unknown[] }).messages).toEqual([{ role: "user", content }]);
  });

  it("returns tool calls, and takes the tool's result back in the next turn", async () => {
    const completion = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "Lisbon" }],
      tools: [weatherTool],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
    const call = completion.choices[0].message.tool_calls?.[0];
    if (call?.type !== "function")
      throw new Error(`expected a function tool call, got ${JSON.stringify(completion.choices[0].message)}`);
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Lisbon", unit: "celsius" });
    const [firstUpstream] = await standIn.chatRequests();
    expect(firstUpstream.body).toMatchObject({
      tools: [weatherTool],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });

    const followUp = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [
        { role: "user", content: "Lisbon" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: call.id, content: '{"temperature": 21}' },
        { role: "user", content: "and so?" },
      ],
      tools: [weatherTool],
    });
    expect(followUp.choices[0].message.content).toBe("You said: and so?");
    const [, secondUpstream] = await standIn.chatRequests();
    expect((secondUpstream.body as { messages: unknown[] }).messages[2]).toEqual({
      role: "tool",
      tool_call_id: call.id,
      content: '{"temperature": 21}',
    });
  });

  it("answers JSON in JSON mode and passes a json_schema on", async () => {
    const completion = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "json please" }],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(completion.choices[0].message.content ?? "")).toMatchObject({ echo: "json please" });

    const schema = {
      type: "object",
      properties: { answer: { type: "string" }, confidence: { type: "number" } },
      required: ["answer", "confidence"],
      additionalProperties: false,
    };
    const structured = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "structured" }],
      response_format: { type: "json_schema", json_schema: { name: "reply", strict: true, schema } },
    });
    expect(JSON.parse(structured.choices[0].message.content ?? "")).toEqual({ answer: "structured", confidence: 42 });
    const [jsonRequest, schemaRequest] = await standIn.chatRequests();
    expect((jsonRequest.body as Record<string, unknown>).response_format).toEqual({ type: "json_object" });
    expect((schemaRequest.body as Record<string, unknown>).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "reply", strict: true, schema },
    });
  });

  it("keeps emoji, CJK and right-to-left text intact", async () => {
    const text = "Grüße 👋🏽👨‍👩‍👧 世界你好 こんにちは مرحبا بالعالم שלום 🇺🇳 e\u0301";
    const completion = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: text }],
    });
    expect(completion.choices[0].message.content).toBe(`You said: ${text}`);
    const [upstreamRequest] = await standIn.chatRequests();
    expect((upstreamRequest.body as { messages: Array<{ content: string }> }).messages[0].content).toBe(text);
  });
});

describe("streamed chat completion", () => {
  it("streams chunks as the SDK expects, and the text adds up", async () => {
    const stream = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "tell me a story" }],
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("You said: tell me a story");
    expect(
      chunks.filter((chunk) => chunk.choices[0]?.finish_reason).map((chunk) => chunk.choices[0].finish_reason),
    ).toEqual(["stop"]);
  });

  it("ends with [DONE], with a last usage chunk carrying the cost when the client asks for usage", async () => {
    const response = await postChat(
      account.key,
      chatBody("openai/gpt-4o-mini", "usage please", { stream: true, stream_options: { include_usage: true } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-request-id")).toMatch(/\S+/);
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    expect(response.headers.get("x-switchyard-model")).toBe("openai/gpt-4o-mini");
    const frames = sseData(response.text);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as Record<string, unknown>);
    const last = chunks.at(-1) as { choices: unknown[]; usage: Record<string, unknown> | null };
    expect(last.choices).toEqual([]);
    expect(last.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    expect(usageCost(last.usage)).toBeGreaterThan(0);
    const [upstreamRequest] = await standIn.chatRequests();
    expect(upstreamRequest.body).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("does not send a usage chunk the client did not ask for, yet asks the upstream for usage", async () => {
    const response = await postChat(account.key, chatBody("openai/gpt-4o-mini", "no usage", { stream: true }));
    expect(response.status).toBe(200);
    const frames = sseData(response.text);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as Record<string, unknown>);
    expect(chunks.filter((chunk) => chunk.usage !== undefined && chunk.usage !== null)).toEqual([]);
    expect(chunks.every((chunk) => Array.isArray(chunk.choices) && chunk.choices.length > 0)).toBe(true);
    const [upstreamRequest] = await standIn.chatRequests();
    expect(upstreamRequest.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(upstreamRequest.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
  });

  it("streams tool calls whose argument pieces reassemble", async () => {
    const stream = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "Kyoto" }],
      tools: [weatherTool],
      tool_choice: "required",
      stream: true,
    });
    let name = "";
    let argumentsText = "";
    let pieces = 0;
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      for (const toolCall of chunk.choices[0]?.delta.tool_calls ?? []) {
        expect(toolCall.index).toBe(0);
        name += toolCall.function?.name ?? "";
        if (toolCall.function?.arguments) {
          argumentsText += toolCall.function.arguments;
          pieces += 1;
        }
      }
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(name).toBe("get_weather");
    expect(pieces).toBeGreaterThan(1);
    expect(JSON.parse(argumentsText)).toEqual({ city: "Kyoto", unit: "celsius" });
    expect(finishReason).toBe("tool_calls");
  });

  it("keeps unicode intact when the upstream splits a character across packets", async () => {
    const text = "流式 🚀 عربي עברית 😀 ok";
    await standIn.enqueue({ splitFrameBytes: true });
    const stream = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: text }],
      stream: true,
    });
    let answer = "";
    for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? "";
    expect(answer).toBe(`You said: ${text}`);
  });

  it("passes bytes on as they arrive instead of buffering the whole answer", async () => {
    await standIn.enqueue({ chunkIntervalMs: 150 });
    const response = await fetch(`${client.baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
      body: JSON.stringify(chatBody("openai/gpt-4o-mini", "one two three four five six", { stream: true })),
    });
    if (response.body === null) throw new Error("no body");
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let firstContentAt = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (firstContentAt === 0 && text.includes('"content":"You')) firstContentAt = Date.now();
    }
    const finishedAt = Date.now();
    // About ten frames 150 ms apart: the first words must arrive long before the last.
    expect(firstContentAt).toBeGreaterThan(0);
    expect(finishedAt - firstContentAt).toBeGreaterThan(800);
    expect(sseData(text).at(-1)).toBe("[DONE]");
  });
});
