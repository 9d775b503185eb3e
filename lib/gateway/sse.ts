// The one SSE writer, and the parser (eventsource-parser) wrapped for async byte streams.
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { OpenAIErrorBody } from "./errors";

const encoder = new TextEncoder();

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Tells nginx-style proxies not to buffer the stream.
  "x-accel-buffering": "no",
} as const;

export function dataFrame(data: string): string {
  return `data: ${data}\n\n`;
}

export function namedFrame(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}

export const DONE_FRAME = "data: [DONE]\n\n";

export function errorFrame(body: OpenAIErrorBody): string {
  return dataFrame(JSON.stringify(body));
}

export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Feeds bytes in, hands complete events out. */
export function createEventParser(): { push(bytes: Uint8Array): EventSourceMessage[]; flush(): EventSourceMessage[] } {
  const decoder = new TextDecoder();
  let events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  return {
    push(bytes) {
      parser.feed(decoder.decode(bytes, { stream: true }));
      const ready = events;
      events = [];
      return ready;
    },
    flush() {
      parser.feed(`${decoder.decode()}\n\n`);
      const ready = events;
      events = [];
      return ready;
    },
  };
}
