import { describe, expect, it } from "vitest";
import type { ChatCompletion, Usage } from "../schemas/chat";
import { parseToolInput, toAnthropicMessage } from "./openai-to-anthropic-response";

function completion(message: Record<string, unknown>, finishReason: string | null, usage?: Usage): ChatCompletion {
  return {
    id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
    object: "chat.completion",
    created: 1741570283,
    model: "gpt-4o-2024-08-06",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: null, refusal: null, annotations: [], ...message },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: usage ?? { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
  };
}

describe("toAnthropicMessage", () => {
  it("answers text as an Anthropic message under the model the client asked for", () => {
    expect(toAnthropicMessage(completion({ content: "Hello there." }, "stop"), "openai/gpt-4o")).toEqual({
      id: "msg_B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
      type: "message",
      role: "assistant",
      model: "openai/gpt-4o",
      content: [{ type: "text", text: "Hello there." }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it("turns tool calls into tool_use blocks with parsed input", () => {
    const message = toAnthropicMessage(
      completion(
        {
          content: null,
          tool_calls: [
            {
              id: "call_abc",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
            },
            { id: "call_def", type: "function", function: { name: "list_files", arguments: "" } },
          ],
        },
        "tool_calls",
      ),
      "openai/gpt-4o",
    );
    expect(message.content).toEqual([
      { type: "tool_use", id: "call_abc", name: "get_weather", input: { city: "Paris", unit: "c" } },
      { type: "tool_use", id: "call_def", name: "list_files", input: {} },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });

  it("keeps the raw text of arguments that are not a JSON object, and makes up missing tool ids", () => {
    expect(parseToolInput('{"city": "Par')).toEqual({ _raw_arguments: '{"city": "Par' });
    expect(parseToolInput("[1,2]")).toEqual({ _raw_arguments: "[1,2]" });
    expect(parseToolInput({ city: "Paris" })).toEqual({ city: "Paris" });
    const message = toAnthropicMessage(
      completion({ content: "", tool_calls: [{ type: "function", function: { name: "f", arguments: "{}" } }] }, "stop"),
      "google/gemini-2.5-flash",
    );
    expect(message.content).toEqual([
      { type: "tool_use", id: expect.stringMatching(/^toolu_\w+$/), name: "f", input: {} },
    ]);
    // Gemini's OpenAI API says "stop" with tool calls; Anthropic clients only run tools on tool_use.
    expect(message.stop_reason).toBe("tool_use");
  });

  it("puts reasoning first as a thinking block", () => {
    const message = toAnthropicMessage(
      completion({ content: "42", reasoning_content: "6 times 7" }, "stop"),
      "deepseek/deepseek-reasoner",
    );
    expect(message.content).toEqual([
      { type: "thinking", thinking: "6 times 7", signature: "" },
      { type: "text", text: "42" },
    ]);
    const openRouterStyle = toAnthropicMessage(completion({ content: "42", reasoning: "six sevens" }, "stop"), "x/y");
    expect(openRouterStyle.content[0]).toEqual({ type: "thinking", thinking: "six sevens", signature: "" });
  });

  it("maps every finish reason", () => {
    const stopReason = (finishReason: string | null) =>
      toAnthropicMessage(completion({ content: "x" }, finishReason), "m").stop_reason;
    expect(stopReason("stop")).toBe("end_turn");
    expect(stopReason("length")).toBe("max_tokens");
    expect(stopReason("tool_calls")).toBe("tool_use");
    expect(stopReason("content_filter")).toBe("refusal");
    expect(stopReason(null)).toBe("end_turn");
    expect(stopReason("something_new")).toBe("end_turn");
  });

  it("answers a refusal as text", () => {
    const message = toAnthropicMessage(
      completion({ content: null, refusal: "I can't help with that." }, "content_filter"),
      "m",
    );
    expect(message.content).toEqual([{ type: "text", text: "I can't help with that." }]);
    expect(message.stop_reason).toBe("refusal");
  });

  it("splits prompt tokens into uncached input, cache reads and cache writes", () => {
    const usage: Usage = {
      prompt_tokens: 2600,
      completion_tokens: 120,
      total_tokens: 2720,
      prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 500 },
      completion_tokens_details: { reasoning_tokens: 64 },
      cost: 0.0012,
    };
    expect(toAnthropicMessage(completion({ content: "ok" }, "stop", usage), "m").usage).toEqual({
      input_tokens: 52,
      output_tokens: 120,
      cache_read_input_tokens: 2048,
      cache_creation_input_tokens: 500,
    });
  });
});
