import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, Usage } from "../schemas/chat";
import { createEventParser, encode } from "../sse";
import { createAnthropicStreamWriter } from "./openai-to-anthropic-stream";

interface ParsedEvent {
  event: string | undefined;
  data: Record<string, unknown> & { type: string };
}

function parse(sse: string): ParsedEvent[] {
  const parser = createEventParser();
  const events = [...parser.push(encode(sse)), ...parser.flush()];
  return events.map((event) => ({ event: event.event, data: JSON.parse(event.data) }));
}

let created = 1741570283;
function chunk(delta: Record<string, unknown>, finishReason: string | null = null): ChatCompletionChunk {
  return {
    id: "chatcmpl-Stream42",
    object: "chat.completion.chunk",
    created: created++,
    model: "gpt-4o-2024-08-06",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  };
}

function usageChunk(usage: Usage): ChatCompletionChunk {
  return {
    id: "chatcmpl-Stream42",
    object: "chat.completion.chunk",
    created,
    model: "gpt-4o-2024-08-06",
    choices: [],
    usage,
  };
}

function run(chunks: ChatCompletionChunk[], finalUsage?: Usage): ParsedEvent[] {
  const writer = createAnthropicStreamWriter("openai/gpt-4o");
  const sse = chunks.map((item) => writer.push(item)).join("") + writer.finish(finalUsage);
  return parse(sse);
}

/** Rebuilds the message the way the Anthropic SDK's MessageStream does: append at start, find by index at delta. */
function accumulate(events: ParsedEvent[]) {
  let message: Record<string, unknown> & { content: Array<Record<string, unknown>>; usage: Record<string, unknown> } = {
    content: [],
    usage: {},
  };
  const json = new Map<number, string>();
  for (const { data } of events) {
    if (data.type === "message_start") message = structuredClone(data.message) as typeof message;
    if (data.type === "content_block_start")
      message.content.push(structuredClone(data.content_block) as Record<string, unknown>);
    if (data.type === "content_block_delta") {
      const index = data.index as number;
      const block = message.content[index];
      const delta = data.delta as Record<string, string>;
      if (delta.type === "text_delta") block.text = `${block.text as string}${delta.text}`;
      if (delta.type === "thinking_delta") block.thinking = `${block.thinking as string}${delta.thinking}`;
      if (delta.type === "input_json_delta") json.set(index, (json.get(index) ?? "") + delta.partial_json);
    }
    if (data.type === "content_block_stop" && json.has(data.index as number))
      message.content[data.index as number].input = JSON.parse(json.get(data.index as number) ?? "{}");
    if (data.type === "message_delta") {
      Object.assign(message, data.delta);
      Object.assign(message.usage, data.usage);
    }
  }
  return message;
}

function shape(events: ParsedEvent[]): string[] {
  return events.map(({ data }) => {
    if (data.type === "content_block_start")
      return `start ${data.index as number} ${(data.content_block as { type: string }).type}`;
    if (data.type === "content_block_delta")
      return `delta ${data.index as number} ${(data.delta as { type: string }).type}`;
    if (data.type === "content_block_stop") return `stop ${data.index as number}`;
    return data.type;
  });
}

const textThenTools: ChatCompletionChunk[] = [
  chunk({ role: "assistant", content: "", refusal: null }),
  chunk({ content: "Let me check" }),
  chunk({ content: " the weather." }),
  chunk({
    tool_calls: [{ index: 0, id: "call_Paris", type: "function", function: { name: "get_weather", arguments: "" } }],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty": "Paris",' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: ' "unit": "c"}' } }] }),
  chunk({
    tool_calls: [{ index: 1, id: "call_Time", type: "function", function: { name: "get_time", arguments: "" } }],
  }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: '{"tz":"CET"}' } }] }),
  chunk({}, "tool_calls"),
  usageChunk({
    prompt_tokens: 2600,
    completion_tokens: 41,
    total_tokens: 2641,
    prompt_tokens_details: { cached_tokens: 2048, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  }),
];

describe("createAnthropicStreamWriter", () => {
  it("turns text, then tool calls streamed in pieces, then usage into Anthropic's exact event sequence", () => {
    const events = run(textThenTools);
    for (const { event, data } of events) expect(event).toBe(data.type);
    expect(shape(events)).toEqual([
      "message_start",
      "start 0 text",
      "delta 0 text_delta",
      "delta 0 text_delta",
      "stop 0",
      "start 1 tool_use",
      "delta 1 input_json_delta",
      "delta 1 input_json_delta",
      "delta 1 input_json_delta",
      "stop 1",
      "start 2 tool_use",
      "delta 2 input_json_delta",
      "stop 2",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0].data).toEqual({
      type: "message_start",
      message: {
        id: "msg_Stream42",
        type: "message",
        role: "assistant",
        model: "openai/gpt-4o",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    expect(events[5].data.content_block).toEqual({
      type: "tool_use",
      id: "call_Paris",
      name: "get_weather",
      input: {},
    });
    expect(events.at(-2)?.data).toEqual({
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { input_tokens: 552, output_tokens: 41, cache_read_input_tokens: 2048, cache_creation_input_tokens: 0 },
    });

    const message = accumulate(events);
    expect(message.content).toEqual([
      { type: "text", text: "Let me check the weather." },
      { type: "tool_use", id: "call_Paris", name: "get_weather", input: { city: "Paris", unit: "c" } },
      { type: "tool_use", id: "call_Time", name: "get_time", input: { tz: "CET" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toMatchObject({ input_tokens: 552, output_tokens: 41, cache_read_input_tokens: 2048 });
  });

  it("sends message_delta as soon as the usage chunk follows the finish reason, and only message_stop at finish()", () => {
    const writer = createAnthropicStreamWriter("openai/gpt-4o");
    writer.push(chunk({ role: "assistant", content: "Hi" }));
    expect(shape(parse(writer.push(chunk({}, "stop"))))).toEqual([]);
    const afterUsage = parse(writer.push(usageChunk({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 })));
    expect(shape(afterUsage)).toEqual(["stop 0", "message_delta"]);
    expect(afterUsage[1].data.delta).toEqual({ stop_reason: "end_turn", stop_sequence: null });
    expect(
      shape(parse(writer.finish({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, cost: 0.00001 }))),
    ).toEqual(["message_stop"]);
    expect(writer.finish()).toBe("");
  });

  it("closes the stream at finish() when no usage came, taking the usage it is given", () => {
    const withoutUsage = run([chunk({ content: "partial" }), chunk({}, "length")]);
    expect(shape(withoutUsage)).toEqual([
      "message_start",
      "start 0 text",
      "delta 0 text_delta",
      "stop 0",
      "message_delta",
      "message_stop",
    ]);
    expect(withoutUsage[4].data).toEqual({
      type: "message_delta",
      delta: { stop_reason: "max_tokens", stop_sequence: null },
      usage: { output_tokens: 0 },
    });

    const metered = run([chunk({ content: "partial" }), chunk({}, "length")], {
      prompt_tokens: 7,
      completion_tokens: 100,
      total_tokens: 107,
    });
    expect(metered[4].data.usage).toEqual({
      input_tokens: 7,
      output_tokens: 100,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });

  it("streams reasoning as a thinking block before the text", () => {
    const events = run([
      chunk({ role: "assistant", reasoning_content: "" }),
      chunk({ reasoning_content: "6 times" }),
      chunk({ reasoning_content: " 7" }),
      chunk({ content: "42" }),
      chunk({}, "stop"),
      usageChunk({ prompt_tokens: 5, completion_tokens: 8, total_tokens: 13 }),
    ]);
    expect(shape(events)).toEqual([
      "message_start",
      "start 0 thinking",
      "delta 0 thinking_delta",
      "delta 0 thinking_delta",
      "stop 0",
      "start 1 text",
      "delta 1 text_delta",
      "stop 1",
      "message_delta",
      "message_stop",
    ]);
    expect(events[1].data.content_block).toEqual({ type: "thinking", thinking: "", signature: "" });
    expect(accumulate(events).content).toEqual([
      { type: "thinking", thinking: "6 times 7", signature: "" },
      { type: "text", text: "42" },
    ]);
  });

  it("copes with upstreams that send arguments before the name, leave ids out, or number every call 0", () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: "first", arguments: "1}" } }] }),
      chunk({ tool_calls: [{ index: 0, id: "call_second", function: { name: "second", arguments: { b: 2 } } }] }),
      chunk({}, "stop"),
    ]);
    expect(shape(events)).toEqual([
      "message_start",
      "start 0 tool_use",
      "delta 0 input_json_delta",
      "stop 0",
      "start 1 tool_use",
      "delta 1 input_json_delta",
      "stop 1",
      "message_delta",
      "message_stop",
    ]);
    const message = accumulate(events);
    expect(message.content).toEqual([
      { type: "tool_use", id: expect.stringMatching(/^toolu_\w+$/), name: "first", input: { a: 1 } },
      { type: "tool_use", id: "call_second", name: "second", input: { b: 2 } },
    ]);
    // "stop" with tool calls: Anthropic clients only run tools on tool_use.
    expect(message.stop_reason).toBe("tool_use");
  });

  it("ends a failed stream with an error event and nothing after it", () => {
    const writer = createAnthropicStreamWriter("openai/gpt-4o");
    const before = writer.push(chunk({ content: "Once upon" }));
    const failure = parse(writer.error("upstream timed out", "timeout_error"));
    expect(failure).toEqual([
      { event: "error", data: { type: "error", error: { type: "timeout_error", message: "upstream timed out" } } },
    ]);
    expect(shape(parse(before))).toEqual(["message_start", "start 0 text", "delta 0 text_delta"]);
    expect(writer.push(chunk({ content: " a time" }))).toBe("");
    expect(writer.finish()).toBe("");
    expect(parse(createAnthropicStreamWriter("m").error("boom"))[0].data).toEqual({
      type: "error",
      error: { type: "api_error", message: "boom" },
    });
  });

  it("answers an empty upstream stream with a complete, empty message", () => {
    const events = run([]);
    expect(shape(events)).toEqual(["message_start", "message_delta", "message_stop"]);
    expect((events[0].data.message as { id: string }).id).toMatch(/^msg_\w+$/);
    expect(events[1].data.delta).toEqual({ stop_reason: "end_turn", stop_sequence: null });
  });
});
