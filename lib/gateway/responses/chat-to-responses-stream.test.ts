import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../schemas/chat";
import { createResponsesStreamWriter } from "./chat-to-responses-stream";
import { responseSkeleton, type ResponsesUsage } from "./response-object";
import { parseResponsesRequest } from "./responses-schema";

const usage: ResponsesUsage = {
  input_tokens: 10,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 5,
  output_tokens_details: { reasoning_tokens: 2 },
  total_tokens: 15,
  cost: 0.0001,
};

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): ChatCompletionChunk {
  return {
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function events(frames: string): Array<Record<string, unknown>> {
  return frames
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split("\n");
      const data = JSON.parse(dataLine.slice("data: ".length)) as Record<string, unknown>;
      expect(eventLine).toBe(`event: ${String(data.type)}`);
      return data;
    });
}

function writer() {
  const request = parseResponsesRequest({ model: "deepseek/deepseek-chat", input: "hi" });
  return createResponsesStreamWriter(responseSkeleton(request, "resp_1", "deepseek/deepseek-chat", 1));
}

describe("chat chunks as the Responses event stream", () => {
  it("tells reasoning, text and two tool calls as output items in order, numbered from 0", () => {
    const stream = writer();
    let frames = "";
    frames += stream.push(chunk({ role: "assistant", reasoning_content: "Think" }));
    frames += stream.push(chunk({ reasoning_content: "ing." }));
    frames += stream.push(chunk({ content: "Hel" }));
    frames += stream.push(chunk({ content: "lo" }));
    frames += stream.push(
      chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "ls", arguments: "" } }] }),
    );
    frames += stream.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }));
    frames += stream.push(chunk({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] }));
    frames += stream.push(
      chunk({ tool_calls: [{ index: 1, id: "call_b", function: { name: "pwd", arguments: "{}" } }] }),
    );
    frames += stream.push(chunk({}, "tool_calls"));
    const finished = stream.finish(usage);
    frames += finished.frames;
    const all = events(frames);
    expect(all.map((event) => event.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(all.map((event) => event.sequence_number)).toEqual(all.map((_, index) => index));
    const response = finished.response;
    expect(response.status).toBe("completed");
    expect(response.usage).toEqual(usage);
    expect(response.output.map((item) => item.type)).toEqual([
      "reasoning",
      "message",
      "function_call",
      "function_call",
    ]);
    expect(response.output[0].summary).toEqual([{ type: "summary_text", text: "Thinking." }]);
    expect(response.output[1].content).toEqual([{ type: "output_text", text: "Hello", annotations: [], logprobs: [] }]);
    expect(response.output[2]).toMatchObject({
      call_id: "call_a",
      name: "ls",
      arguments: '{"a":1}',
      status: "completed",
    });
    expect(response.output[3]).toMatchObject({ call_id: "call_b", name: "pwd", arguments: "{}" });
    expect(all.at(-1)?.response).toEqual(response);
    const added = all.filter((event) => event.type === "response.output_item.added").map((event) => event.output_index);
    expect(added).toEqual([0, 1, 2, 3]);
  });

  it("ends a cut answer as response.incomplete, and a failure with error then response.failed", () => {
    const cut = writer();
    cut.push(chunk({ content: "long" }, "length"));
    const { frames, response } = cut.finish(usage);
    expect(events(frames).at(-1)?.type).toBe("response.incomplete");
    expect(response).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });

    const failing = writer();
    const before = failing.push(chunk({ content: "par" }));
    const after = events(before + failing.error("upstream_error", "lost", null));
    expect(after.slice(-3).map((event) => event.type)).toEqual([
      "response.output_item.done",
      "error",
      "response.failed",
    ]);
    expect(after.at(-2)).toMatchObject({ code: "upstream_error", message: "lost", param: null });
    expect(after.at(-1)?.response).toMatchObject({
      status: "failed",
      error: { code: "upstream_error", message: "lost" },
    });
    expect(after.map((event) => event.sequence_number)).toEqual(after.map((_, index) => index));
  });
});
