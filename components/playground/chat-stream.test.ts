import { describe, expect, it } from "vitest";
import { chunkEvents, errorOfResponse, readChatStream, type ChatStreamEvent } from "./chat-stream";

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

const chunk = (body: unknown) => `data: ${JSON.stringify(body)}\n\n`;

describe("reading the gateway's chat stream", () => {
  it("yields text as it arrives, the finish reason, then the usage chunk with the cost", async () => {
    const events: ChatStreamEvent[] = [];
    const frames = [
      chunk({ model: "openai/gpt-4o-mini", choices: [{ index: 0, delta: { role: "assistant", content: "" } }] }),
      chunk({ model: "openai/gpt-4o-mini", choices: [{ index: 0, delta: { content: "Xin chào" } }] }),
      chunk({ model: "openai/gpt-4o-mini", choices: [{ index: 0, delta: { content: " 👋" }, finish_reason: "stop" }] }),
      chunk({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, cost: 0.000026 } }),
      "data: [DONE]\n\n",
    ].join("");
    // Split everywhere, even inside a multi-byte character: the reader holds the half back.
    const bytes = new TextEncoder().encode(frames);
    const raw = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < bytes.length; index += 7) controller.enqueue(bytes.slice(index, index + 7));
        controller.close();
      },
    });
    await readChatStream(raw, (event) => events.push(event));
    expect(events).toEqual([
      { type: "text", text: "Xin chào", model: "openai/gpt-4o-mini" },
      { type: "text", text: " 👋", model: "openai/gpt-4o-mini" },
      { type: "finish", reason: "stop" },
      { type: "usage", usage: { promptTokens: 12, completionTokens: 3, costUsd: 0.000026 } },
    ]);
  });

  it("yields an error frame as the API gives it", async () => {
    const events: ChatStreamEvent[] = [];
    await readChatStream(
      streamOf([
        chunk({ choices: [{ delta: { content: "Half" } }] }),
        chunk({ error: { message: "upstream stalled", type: "timeout_error", code: "upstream_timeout", param: null } }),
      ]),
      (event) => events.push(event),
    );
    expect(events.at(-1)).toEqual({
      type: "error",
      error: {
        status: undefined,
        code: "upstream_timeout",
        message: "upstream stalled",
        retryAfterSeconds: undefined,
        daily: false,
      },
    });
  });

  it("ignores what is not a chunk", () => {
    expect(chunkEvents("[DONE]")).toEqual([]);
    expect(chunkEvents("{not json")).toEqual([]);
  });
});

describe("an error answered before the stream", () => {
  it("carries the API's status, code, message and Retry-After, and says whether the day's limit was reached", async () => {
    const body = JSON.stringify({
      error: {
        message: "The free demo allows 5 requests a minute",
        type: "rate_limit_error",
        code: "rate_limit_exceeded",
        param: null,
      },
    });
    const minute = await errorOfResponse(
      new Response(body, { status: 429, headers: { "retry-after": "42", "x-ratelimit-remaining-requests": "0" } }),
    );
    expect(minute).toEqual({
      status: 429,
      code: "rate_limit_exceeded",
      message: "The free demo allows 5 requests a minute",
      retryAfterSeconds: 42,
      daily: false,
    });
    const day = await errorOfResponse(
      new Response(body, {
        status: 429,
        headers: { "retry-after": "3600", "x-ratelimit-remaining-requests-day": "0" },
      }),
    );
    expect(day.daily).toBe(true);
  });

  it("still says something when the body is not the API's", async () => {
    expect(await errorOfResponse(new Response("<html>Bad gateway</html>", { status: 502 }))).toMatchObject({
      status: 502,
      code: null,
      message: "Request failed (502)",
    });
  });
});
