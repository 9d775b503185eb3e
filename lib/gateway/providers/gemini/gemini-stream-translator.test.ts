import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../../schemas/chat";
import { createEventParser } from "../../sse";
import type { StreamStep } from "../types";
import { createGeminiStreamTranslator } from "./gemini-stream-translator";

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
}

/** Feeds an upstream body through the gateway's SSE parser in small slices and translates every event. */
function translateStream(body: string, sliceSize = 7): StreamStep[] {
  const bytes = new TextEncoder().encode(body);
  const parser = createEventParser();
  const translate = createGeminiStreamTranslator();
  const steps: StreamStep[] = [];
  for (let offset = 0; offset < bytes.length; offset += sliceSize) {
    for (const event of parser.push(bytes.subarray(offset, offset + sliceSize))) steps.push(translate(event));
  }
  for (const event of parser.flush()) steps.push(translate(event));
  return steps;
}

function chunksOf(steps: StreamStep[]): ChatCompletionChunk[] {
  return steps.flatMap((step) => (step.kind === "chunks" ? step.chunks : []));
}

interface ToolCallDelta {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** What an OpenAI client would rebuild from the chunks. */
function reassemble(chunks: ChatCompletionChunk[]) {
  let content = "";
  let reasoning = "";
  const roles: unknown[] = [];
  const toolCalls = new Map<number, { id: string; name: string; arguments: string }>();
  const finishReasons: string[] = [];
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (delta.role !== undefined) roles.push(delta.role);
      if (typeof delta.content === "string") content += delta.content;
      if (typeof delta.reasoning_content === "string") reasoning += delta.reasoning_content;
      for (const call of (delta.tool_calls ?? []) as ToolCallDelta[]) {
        const existing = toolCalls.get(call.index) ?? { id: "", name: "", arguments: "" };
        toolCalls.set(call.index, {
          id: call.id ?? existing.id,
          name: existing.name + (call.function?.name ?? ""),
          arguments: existing.arguments + (call.function?.arguments ?? ""),
        });
      }
      if (choice.finish_reason) finishReasons.push(choice.finish_reason);
    }
  }
  return { content, reasoning, roles, toolCalls: [...toolCalls.entries()], finishReasons };
}

/**
 * The end of a Gemini stream as the gateway sees it: the last thing translated is the usage chunk (choices: []),
 * right after the chunk with the final finish_reason; Gemini then closes the connection.
 */
function expectEndsWithUsageAfterFinish(chunks: ChatCompletionChunk[]) {
  const last = chunks.at(-1);
  expect(last?.choices).toEqual([]);
  expect(last?.usage).toBeDefined();
  expect(chunks.at(-2)?.choices[0]?.finish_reason).toBeTruthy();
  expect(chunks.filter((chunk) => chunk.usage).length).toBe(1);
}

describe("Gemini stream → OpenAI chunks", () => {
  it("streams text in order, with the role once, then the finish, then usage last", () => {
    const steps = translateStream(fixture("stream-text.sse"));
    expect(steps.every((step) => step.kind === "chunks")).toBe(true);
    const chunks = chunksOf(steps);
    const rebuilt = reassemble(chunks);
    expect(rebuilt.content).toBe("The Tagus flows through Spain and Portugal, reaching the Atlantic at Lisbon.\n");
    expect(rebuilt.roles).toEqual(["assistant"]);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(rebuilt.finishReasons).toEqual(["stop"]);
    expectEndsWithUsageAfterFinish(chunks);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 11,
      completion_tokens: 17,
      total_tokens: 28,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: "chatcmpl-8rHXaK2dIoi71dkPq9S2mQs",
        object: "chat.completion.chunk",
        model: "gemini-2.0-flash",
      });
    }
  });

  it("answers anything after the final event with done", () => {
    const translate = createGeminiStreamTranslator();
    const parser = createEventParser();
    const steps = parser.push(new TextEncoder().encode(fixture("stream-text.sse"))).map(translate);
    expect(steps.at(-1)?.kind).toBe("chunks");
    expect(translate({ data: '{"candidates":[]}' })).toEqual({ kind: "done" });
  });

  it("streams function calls as whole tool_call deltas and finishes with tool_calls", () => {
    const chunks = chunksOf(translateStream(fixture("stream-function-call.sse")));
    const rebuilt = reassemble(chunks);
    expect(rebuilt.content).toBe("Checking both.");
    expect(rebuilt.toolCalls).toEqual([
      [0, { id: "call_0", name: "get_weather", arguments: '{"city":"Lisbon","unit":"celsius"}' }],
      [1, { id: "call_1", name: "get_time", arguments: '{"timezone":"Europe/Lisbon"}' }],
    ]);
    expect(rebuilt.finishReasons).toEqual(["tool_calls"]);
    const toolChunk = chunks.find((chunk) => chunk.choices[0]?.delta.tool_calls);
    expect(toolChunk?.choices[0].delta.tool_calls).toEqual([
      {
        index: 0,
        id: "call_0",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Lisbon","unit":"celsius"}' },
      },
      {
        index: 1,
        id: "call_1",
        type: "function",
        function: { name: "get_time", arguments: '{"timezone":"Europe/Lisbon"}' },
      },
    ]);
    expectEndsWithUsageAfterFinish(chunks);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 74,
      completion_tokens: 38 + 111,
      completion_tokens_details: { reasoning_tokens: 111 },
    });
  });

  it("streams thought parts as reasoning_content and reports the last of Gemini's repeated usage", () => {
    const chunks = chunksOf(translateStream(fixture("stream-thoughts.sse"), 3));
    const rebuilt = reassemble(chunks);
    expect(rebuilt.reasoning).toBe(
      "**Counting the primes**\n\nI list the primes below 20: 2, 3, 5, 7, 11, 13, 17, 19.\n**Checking the sum**\n\nTheir sum is 77.\n",
    );
    expect(rebuilt.content).toBe("There are 8 primes below 20, and they add up to 77.");
    expect(rebuilt.finishReasons).toEqual(["stop"]);
    expectEndsWithUsageAfterFinish(chunks);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 2113,
      completion_tokens: 16 + 356,
      total_tokens: 2485,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 356 },
    });
  });

  it("ends a stream whose prompt was blocked with content_filter and usage", () => {
    const chunks = chunksOf(translateStream(fixture("stream-prompt-blocked.sse")));
    expect(chunks[0].choices).toEqual([
      { index: 0, delta: { role: "assistant", content: null }, finish_reason: "content_filter" },
    ]);
    expectEndsWithUsageAfterFinish(chunks);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 19, completion_tokens: 0 });
  });

  it("turns an error event into an error step carrying Gemini's message and code", () => {
    const steps = translateStream(fixture("stream-error.sse"));
    expect(reassemble(chunksOf(steps)).content).toBe("Here is the first");
    expect(steps.at(-1)).toEqual({
      kind: "error",
      message: "The model is overloaded. Please try again later.",
      status: 503,
    });
  });

  it("reports an event that is not JSON as an error instead of throwing", () => {
    expect(createGeminiStreamTranslator()({ data: "{not json" })).toEqual({
      kind: "error",
      message: "Gemini sent a stream event that is not JSON",
    });
  });

  it("waits for every candidate to finish before the usage chunk when n > 1", () => {
    const translate = createGeminiStreamTranslator();
    const event = (candidates: unknown[], usage?: unknown) => ({
      data: JSON.stringify({ candidates, usageMetadata: usage, responseId: "r1" }),
    });
    const text = (index: number, value: string, finishReason?: string) => ({
      index,
      content: { role: "model", parts: [{ text: value }] },
      finishReason,
    });
    const first = translate(
      event([text(0, "A", "STOP"), text(1, "B")], { promptTokenCount: 3, candidatesTokenCount: 2 }),
    );
    expect(first.kind === "chunks" && first.chunks.some((chunk) => chunk.usage)).toBe(false);
    const second = translate(event([text(1, "C", "MAX_TOKENS")], { promptTokenCount: 3, candidatesTokenCount: 3 }));
    expect(second.kind).toBe("chunks");
    const chunks = second.kind === "chunks" ? second.chunks : [];
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? "usage")).toEqual(["length", "usage"]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 3 });
  });

  it("keeps no state between streams: each translator numbers its own calls", () => {
    const body = fixture("stream-function-call.sse");
    const ids = () => reassemble(chunksOf(translateStream(body))).toolCalls.map(([, call]) => call.id);
    expect(ids()).toEqual(["call_0", "call_1"]);
    expect(ids()).toEqual(["call_0", "call_1"]);
  });
});
