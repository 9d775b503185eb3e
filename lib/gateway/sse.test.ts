import { describe, expect, it } from "vitest";
import { createEventParser } from "./sse";

const encoder = new TextEncoder();

describe("SSE parser", () => {
  it("hands out whole events however the bytes are split, multi-byte characters included", () => {
    const parser = createEventParser();
    const text = 'data: {"a":"こんにちは"}\n\nevent: ping\ndata: {}\n\ndata: [DONE]\n\n';
    const bytes = encoder.encode(text);
    const events = [];
    for (let index = 0; index < bytes.length; index += 5) events.push(...parser.push(bytes.subarray(index, index + 5)));
    expect(events.map((event) => [event.event, event.data])).toEqual([
      [undefined, '{"a":"こんにちは"}'],
      ["ping", "{}"],
      [undefined, "[DONE]"],
    ]);
  });

  it("flushes a last event that lacks its blank line", () => {
    const parser = createEventParser();
    expect(parser.push(encoder.encode("data: tail"))).toEqual([]);
    expect(parser.flush().map((event) => event.data)).toEqual(["tail"]);
  });
});
