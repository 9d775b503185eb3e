// The OpenAI stand-in on its own, driven by the official SDK: if the SDK accepts what it says, the
// gateway tests can trust it as an upstream. Runs without the app (SKIP_APP=1 is enough).
import OpenAI, { APIConnectionError, APIError } from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { sseData } from "./support/app-client";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
const upstream = new OpenAI({ apiKey: "sk-stand-in-self-test", baseURL: `${inject("standInUrl")}/v1`, maxRetries: 0 });

async function rawStream(body: Record<string, unknown>): Promise<string[]> {
  const response = await fetch(`${standIn.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer sk-stand-in-self-test", "content-type": "application/json" },
    body: JSON.stringify({ stream: true, ...body }),
  });
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return sseData(await response.text());
}

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather for a place",
    parameters: {
      type: "object",
      properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["location", "unit"],
    },
  },
};

beforeEach(async () => {
  await standIn.reset();
});

describe("OpenAI stand-in", () => {
  it("answers a chat completion in OpenAI's shape, echoing the user's text and the requested model", async () => {
    const completion = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "ping" }],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe("gpt-4o-mini");
    expect(completion.choices[0].message.role).toBe("assistant");
    expect(completion.choices[0].message.content).toContain("ping");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);

    const [received] = await standIn.requests();
    expect(received.method).toBe("POST");
    expect(received.path).toBe("/v1/chat/completions");
    expect(received.headers.authorization).toBe("Bearer sk-stand-in-self-test");
    expect(received.body).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "user", content: "ping" }] });
  });

  it("streams chunks: role first, content in pieces, finish_reason last, usage chunk only when asked, then [DONE]", async () => {
    const withUsage = await rawStream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "a longer sentence to split" }],
      stream_options: { include_usage: true },
    });
    expect(withUsage.at(-1)).toBe("[DONE]");
    const chunks = withUsage.slice(0, -1).map((data) => JSON.parse(data) as OpenAI.ChatCompletionChunk);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage?.completion_tokens).toBeGreaterThan(0);
    const lastChoiceChunk = chunks.at(-2);
    expect(lastChoiceChunk?.choices[0].finish_reason).toBe("stop");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("You said: a longer sentence to split");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(3);

    const withoutUsage = await rawStream({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(withoutUsage.at(-1)).toBe("[DONE]");
    const plainChunks = withoutUsage.slice(0, -1).map((data) => JSON.parse(data) as Record<string, unknown>);
    expect(plainChunks.some((chunk) => "usage" in chunk)).toBe(false);
  });

  it("keeps unicode intact even when frames are split inside a character", async () => {
    const text = "Hello 👋🏽 世界 مرحبا שלום 🇺🇳 é";
    await standIn.enqueue({ splitFrameBytes: true });
    const stream = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: text }],
      stream: true,
    });
    let answer = "";
    for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? "";
    expect(answer).toBe(`You said: ${text}`);
  });

  it("calls the forced tool, non-stream and streamed with arguments in pieces", async () => {
    const completion = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Paris" }],
      tools: [weatherTool],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ location: "Paris", unit: "celsius" });

    const stream = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Paris" }],
      tools: [weatherTool],
      tool_choice: "required",
      stream: true,
    });
    let argumentsText = "";
    let argumentPieces = 0;
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      for (const toolCall of chunk.choices[0]?.delta.tool_calls ?? []) {
        expect(toolCall.index).toBe(0);
        if (toolCall.function?.arguments) {
          argumentsText += toolCall.function.arguments;
          argumentPieces += 1;
        }
      }
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(argumentPieces).toBeGreaterThan(1);
    expect(JSON.parse(argumentsText)).toEqual({ location: "Paris", unit: "celsius" });
    expect(finishReason).toBe("tool_calls");
  });

  it("answers valid JSON in JSON mode", async () => {
    const completion = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "give me json" }],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(completion.choices[0].message.content ?? "")).toMatchObject({ echo: "give me json" });
  });

  it("creates embeddings as floats and as base64", async () => {
    const floats = await upstream.embeddings.create({
      model: "text-embedding-3-small",
      input: ["one", "two"],
      encoding_format: "float",
    });
    expect(floats.data).toHaveLength(2);
    expect(floats.data[1].index).toBe(1);
    expect(floats.data[0].embedding.every((value) => typeof value === "number")).toBe(true);

    // The SDK asks for base64 by default and decodes it into floats.
    const decoded = await upstream.embeddings.create({ model: "text-embedding-3-small", input: ["one", "two"] });
    expect(decoded.data[0].embedding).toEqual(floats.data[0].embedding);
    const [, base64Request] = await standIn.requests();
    expect(base64Request.body).toMatchObject({ encoding_format: "base64" });
  });

  it("plays scripted faults once each, in order", async () => {
    await standIn.enqueue({ status: 503, headers: { "retry-after": "2" } });
    const failure = await upstream.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).status).toBe(503);
    expect((failure as APIError).headers?.get("retry-after")).toBe("2");

    await standIn.enqueue({ resetConnection: true });
    const reset = await upstream.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(reset).toBeInstanceOf(APIConnectionError);

    await standIn.enqueue({
      delayFirstByteMs: 400,
      usage: { prompt_tokens: 7, completion_tokens: 5, cached_tokens: 3, reasoning_tokens: 2 },
    });
    const startedAt = Date.now();
    const delayed = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(380);
    expect(delayed.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: 5,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });

    const normal = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
    });
    expect(normal.choices[0].finish_reason).toBe("stop");
    expect(await standIn.chatRequests()).toHaveLength(4);
  });

  it("cuts a stream after the scripted number of chunks, without [DONE] or a finish_reason", async () => {
    await standIn.enqueue({ cutAfterChunks: 2 });
    const stream = await upstream.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "a long enough answer to be cut" }],
      stream: true,
    });
    const received: OpenAI.ChatCompletionChunk[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received).toHaveLength(2);
    expect(received.some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
  });
});
