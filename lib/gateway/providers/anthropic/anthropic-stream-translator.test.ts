import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, Usage } from "../../schemas/chat";
import { createEventParser } from "../../sse";
import type { StreamStep } from "../types";
import { readFixture } from "./__fixtures__/read-fixture";
import { createAnthropicStreamTranslator } from "./anthropic-stream-translator";

const NOW = Date.UTC(2025, 9, 1, 12, 0, 0);

interface ReassembledToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Replays a recorded SSE stream the way the gateway reads one: bytes in small slices → events → translator → steps. */
function replay(fixture: string, sliceSize = 7) {
  const bytes = new TextEncoder().encode(readFixture(fixture));
  const parser = createEventParser();
  const translate = createAnthropicStreamTranslator(() => NOW);
  const steps: StreamStep[] = [];
  for (let offset = 0; offset < bytes.length; offset += sliceSize) {
    for (const event of parser.push(bytes.slice(offset, offset + sliceSize))) steps.push(translate(event));
  }
  for (const event of parser.flush()) steps.push(translate(event));

  const chunks: ChatCompletionChunk[] = steps.flatMap((step) => (step.kind === "chunks" ? step.chunks : []));
  let content = "";
  let reasoning = "";
  let finishReason: string | null = null;
  let usage: Usage | null | undefined;
  const toolCalls: ReassembledToolCall[] = [];
  const thinkingBlocks: unknown[] = [];
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (typeof delta.content === "string") content += delta.content;
      if (typeof delta.reasoning_content === "string") reasoning += delta.reasoning_content;
      if (Array.isArray(delta.thinking_blocks)) thinkingBlocks.push(...delta.thinking_blocks);
      for (const call of (delta.tool_calls ?? []) as Array<{
        index: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }>) {
        toolCalls[call.index] ??= { id: "", name: "", arguments: "" };
        const entry = toolCalls[call.index];
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? "";
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { steps, chunks, content, reasoning, toolCalls, thinkingBlocks, finishReason, usage, last: steps.at(-1) };
}

describe("Anthropic stream translation", () => {
  it("streams text: a role chunk first, the text, finish_reason, usage, then done", () => {
    const result = replay("text-stream.sse");
    expect(result.steps[0]).toEqual({
      kind: "chunks",
      chunks: [
        {
          id: "msg_01QC4g3HwBThD4BaNtBckFDJ",
          object: "chat.completion.chunk",
          created: NOW / 1000,
          model: "claude-sonnet-4-5-20250929",
          choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
        },
      ],
    });
    expect(result.content).toBe("Hello! I'm doing well, thank you for asking. How are you doing today?");
    expect(result.finishReason).toBe("stop");
    expect(result.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 21,
      total_tokens: 33,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    });
    expect(result.last).toEqual({ kind: "done" });
    for (const chunk of result.chunks) {
      expect(chunk).toMatchObject({
        id: "msg_01QC4g3HwBThD4BaNtBckFDJ",
        object: "chat.completion.chunk",
        model: "claude-sonnet-4-5-20250929",
      });
    }
  });

  it("sends the finish chunk and then a usage-only chunk for message_delta", () => {
    const { steps } = replay("text-stream.sse");
    const messageDelta = steps.at(-2);
    expect(messageDelta?.kind).toBe("chunks");
    const chunks = messageDelta?.kind === "chunks" ? messageDelta.chunks : [];
    expect(chunks).toHaveLength(2);
    expect(chunks[0].choices).toEqual([{ index: 0, delta: {}, finish_reason: "stop" }]);
    expect(chunks[1].choices).toEqual([]);
    expect(chunks[1].usage?.completion_tokens).toBe(21);
  });

  it("streams tool calls by ordinal with arguments reassembled exactly from several pieces", () => {
    const result = replay("tool-call-stream.sse");
    expect(result.content).toBe("Okay, let's check the weather for San Francisco and Tokyo:");
    expect(result.toolCalls).toEqual([
      {
        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
        name: "get_weather",
        arguments: '{"location": "San Francisco, CA", "unit": "fahrenheit"}',
      },
      { id: "toolu_01VZbPvEC8Aj5YxTuwm5wFkN", name: "get_weather", arguments: '{"location": "Tokyo, Japan"}' },
    ]);
    expect(JSON.parse(result.toolCalls[0].arguments)).toEqual({ location: "San Francisco, CA", unit: "fahrenheit" });
    expect(result.finishReason).toBe("tool_calls");
    // The opening chunk of each call carries id, type, name and empty arguments, as OpenAI's does.
    const opening = result.chunks.find((chunk) => Array.isArray(chunk.choices[0]?.delta.tool_calls));
    expect(opening?.choices[0].delta.tool_calls).toEqual([
      {
        index: 0,
        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
    ]);
  });

  it("reports cache reads in the usage of a stream", () => {
    const { usage } = replay("tool-call-stream.sse");
    expect(usage).toEqual({
      prompt_tokens: 472 + 2048,
      completion_tokens: 89,
      total_tokens: 472 + 2048 + 89,
      prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 0 },
    });
  });

  it("streams thinking as reasoning_content and hands the signed block over when it ends", () => {
    const result = replay("thinking-stream.sse");
    expect(result.reasoning).toBe("The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185");
    expect(result.content).toBe("925 ÷ 5 = 185");
    expect(result.thinkingBlocks).toEqual([
      {
        type: "thinking",
        thinking: result.reasoning,
        signature: "EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv",
      },
    ]);
    expect(result.finishReason).toBe("stop");
    expect(result.usage?.completion_tokens).toBe(53);
    expect(result.last).toEqual({ kind: "done" });
  });

  it("ends with an error step when Anthropic reports an error mid-stream", () => {
    const result = replay("error-mid-stream.sse");
    expect(result.content).toBe("Once upon a time");
    expect(result.finishReason).toBeNull();
    expect(result.last).toEqual({ kind: "error", message: "Overloaded", status: 529 });
  });

  it("streams the forced JSON tool's input as content, finishing with stop", () => {
    const result = replay("json-tool-stream.sse");
    expect(result.toolCalls).toEqual([]);
    expect(JSON.parse(result.content)).toEqual({
      elements: [{ location: "San Francisco", temperature: 58, condition: "sunny" }],
    });
    expect(result.finishReason).toBe("stop");
  });

  it("gives the same result whatever the byte boundaries", () => {
    for (const fixture of ["text-stream.sse", "tool-call-stream.sse", "thinking-stream.sse"]) {
      const whole = replay(fixture, 1 << 20);
      const byteByByte = replay(fixture, 1);
      expect(byteByByte.content).toBe(whole.content);
      expect(byteByByte.toolCalls).toEqual(whole.toolCalls);
      expect(byteByByte.reasoning).toBe(whole.reasoning);
    }
  });

  it("answers ping and unknown events with no chunks, and garbage with an error", () => {
    const translate = createAnthropicStreamTranslator(() => NOW);
    expect(translate({ event: "ping", data: '{"type":"ping"}' })).toEqual({ kind: "chunks", chunks: [] });
    expect(translate({ event: "something_new", data: '{"type":"something_new"}' })).toEqual({
      kind: "chunks",
      chunks: [],
    });
    expect(translate({ data: "not json" }).kind).toBe("error");
  });
});
