// What the browser reads from the gateway's chat stream (the demo's and the playground's alike): text as it arrives,
// the usage chunk (tokens and cost) at the end, and errors exactly as the API gives them, whether as a JSON answer
// before the stream (400, 402, 429 …) or as an error frame inside it. No React here, so that it is unit-tested alone.
import { createParser } from "eventsource-parser";

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  /** USD charged, as the gateway reports it in usage.cost. */
  costUsd: number | undefined;
}

export interface ApiError {
  /** The HTTP status, or undefined for a failure with no answer (the network) or one inside a stream. */
  status: number | undefined;
  code: string | null;
  message: string;
  /** From Retry-After, on 429 and 503. */
  retryAfterSeconds: number | undefined;
  /** A 429 for the day's allowance (x-ratelimit-remaining-requests-day: 0) rather than the minute's. */
  daily: boolean;
}

export type ChatStreamEvent =
  | { type: "text"; text: string; model?: string }
  | { type: "usage"; usage: ChatUsage }
  | { type: "finish"; reason: string }
  | { type: "error"; error: ApiError };

interface Chunk {
  model?: unknown;
  choices?: Array<{ delta?: { content?: unknown }; finish_reason?: unknown }>;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; cost?: unknown } | null;
  error?: { message?: unknown; code?: unknown };
}

const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** The events of one SSE `data:` payload. */
export function chunkEvents(data: string): ChatStreamEvent[] {
  if (data === "[DONE]") return [];
  let chunk: Chunk;
  try {
    chunk = JSON.parse(data) as Chunk;
  } catch {
    return [];
  }
  if (chunk.error) {
    return [{ type: "error", error: apiError(undefined, chunk.error, undefined, false) }];
  }
  const events: ChatStreamEvent[] = [];
  const model = typeof chunk.model === "string" ? chunk.model : undefined;
  for (const choice of chunk.choices ?? []) {
    const content = choice.delta?.content;
    if (typeof content === "string" && content.length > 0) events.push({ type: "text", text: content, model });
    if (typeof choice.finish_reason === "string") events.push({ type: "finish", reason: choice.finish_reason });
  }
  if (chunk.usage) {
    events.push({
      type: "usage",
      usage: {
        promptTokens: number(chunk.usage.prompt_tokens) ?? 0,
        completionTokens: number(chunk.usage.completion_tokens) ?? 0,
        costUsd: number(chunk.usage.cost),
      },
    });
  }
  return events;
}

function apiError(
  status: number | undefined,
  body: { message?: unknown; code?: unknown } | undefined,
  retryAfterSeconds: number | undefined,
  daily: boolean,
): ApiError {
  return {
    status,
    code: typeof body?.code === "string" ? body.code : null,
    message:
      typeof body?.message === "string" && body.message ? body.message : `Request failed (${status ?? "no answer"})`,
    retryAfterSeconds,
    daily,
  };
}

/** The API's error from an answer that is not a stream: its JSON body, Retry-After and which limit was reached. */
export async function errorOfResponse(response: Response): Promise<ApiError> {
  let body: { error?: { message?: unknown; code?: unknown } } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const retryAfter = Number(response.headers.get("retry-after"));
  return apiError(
    response.status,
    body?.error,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    response.headers.get("x-ratelimit-remaining-requests-day") === "0",
  );
}

/** Reads an SSE body to its end, calling `onEvent` for each event as it arrives; rejects if the fetch is aborted. */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ChatStreamEvent) => void,
): Promise<void> {
  const parser = createParser({
    onEvent: (message) => {
      for (const event of chunkEvents(message.data)) onEvent(event);
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A character split across two reads is held back until its end arrives.
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}
