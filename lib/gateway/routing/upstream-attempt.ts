// One attempt at one upstream: its own abort controller and timer, the request sent, a failed answer classified.
import { GatewayError } from "../errors";
import { adapterFor } from "../providers/registry";
import type { ProviderAdapter, UpstreamRequest } from "../providers/types";
import { classifyUpstreamError, headerValue, sendUpstream, UpstreamFailure, type UpstreamResponse } from "../upstream-client";
import { createEventParser } from "../sse";
import type { EventSourceMessage } from "eventsource-parser";
import type { StreamStep, UpstreamEvent } from "../providers/types";
import type { Candidate } from "./candidates";
import { AttemptFailed, failureFromStatus, retryAfterMs } from "./dispatch";

/** Aborts with the request (client gone) or when this attempt's own time is up, whichever comes first. */
export function attemptController(parent: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = () => controller.abort();
  parent.addEventListener("abort", onParentAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener("abort", onParentAbort);
    },
  };
}

async function failFromResponse(candidate: Candidate, response: UpstreamResponse): Promise<never> {
  const adapter = adapterFor(candidate.deployment.provider.id, candidate.deployment.provider.kind);
  const text = await response.body.text().catch(() => "");
  const info = adapter.parseError(response.status, text);
  throw failureFromStatus(response.status, info.message, retryAfterMs(response), info.quotaExhausted);
}

export type AttemptControl = ReturnType<typeof attemptController>;

/** Where a candidate's request goes: what every adapter's request builder needs besides the body. */
export interface UpstreamTarget {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
}

/** Sends the candidate's request; a non-2xx answer becomes the AttemptFailed that decides whether to fail over. */
export async function openUpstream(
  candidate: Candidate,
  attempt: AttemptControl,
  timeoutMs: number,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
) {
  const { provider } = candidate.deployment;
  const adapter = adapterFor(provider.id, provider.kind);
  const upstreamRequest = build(adapter, { baseUrl: provider.baseUrl, apiKey: candidate.key.secret, upstreamModel: candidate.deployment.upstreamModel });
  const response = await sendUpstream(upstreamRequest, { signal: attempt.signal, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
  if (response.status < 200 || response.status >= 300) await failFromResponse(candidate, response);
  return { adapter, response };
}

/** One vocabulary for how an attempt ended: our own timer, an AttemptFailed, or a transport error. */
export function attemptError(error: unknown, attempt: AttemptControl, signal: AbortSignal): Error {
  if (attempt.timedOut()) return new UpstreamFailure("timeout", "timed out", { cause: error });
  // A request the adapter cannot express (a client mistake) is the client's answer, not a transport failure.
  if (error instanceof AttemptFailed || error instanceof GatewayError) return error;
  return classifyUpstreamError(error, signal);
}

/** A whole non-stream attempt: send, read the JSON answer, let the adapter translate it. */
export async function attemptJson<T>(
  candidate: Candidate,
  signal: AbortSignal,
  timeoutMs: number,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
  parse: (adapter: ProviderAdapter, json: unknown) => T,
): Promise<T> {
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { adapter, response } = await openUpstream(candidate, attempt, timeoutMs, build);
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AttemptFailed("the upstream answered with a body that is not JSON", 502, true, false);
    }
    try {
      return parse(adapter, json);
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw new AttemptFailed(`the upstream's answer could not be read: ${error instanceof Error ? error.message : String(error)}`, 502, true, false);
    }
  } catch (error) {
    throw attemptError(error, attempt, signal);
  } finally {
    attempt.clear();
  }
}

/** An upstream stream opened and read up to its first event, ready to be relayed. */
export interface OpenedStream {
  iterator: AsyncIterator<Uint8Array>;
  parser: { push(bytes: Uint8Array): EventSourceMessage[]; flush(): EventSourceMessage[] };
  translate: (event: UpstreamEvent) => StreamStep;
  /** Events already read while waiting for the first one. */
  pending: EventSourceMessage[];
  firstStep: StreamStep;
  abortUpstream(): void;
  destroy(error?: Error): void;
}

/** Opens the upstream stream and reads up to its first event, so that a failure before it can still fail over. */
export async function attemptEventStream(
  candidate: Candidate,
  signal: AbortSignal,
  timeoutMs: number,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
): Promise<OpenedStream> {
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { adapter, response } = await openUpstream(candidate, attempt, timeoutMs, build);
    const contentType = headerValue(response.headers, "content-type") ?? "";
    if (!contentType.includes("event-stream")) {
      const text = await response.body.text().catch(() => "");
      throw new AttemptFailed(`the upstream answered a stream request with ${contentType || "no content type"}: ${text.slice(0, 200)}`, 502, true, false);
    }
    const iterator = response.body[Symbol.asyncIterator]();
    const parser = createEventParser();
    const translate = adapter.createStreamTranslator();
    const pending = [];
    while (pending.length === 0) {
      const next = await iterator.next();
      if (next.done) throw new AttemptFailed("the upstream closed the stream before its first event", 502, true, false);
      pending.push(...parser.push(next.value));
    }
    const firstStep = translate(pending[0]);
    if (firstStep.kind === "error") throw new AttemptFailed(firstStep.message, firstStep.status ?? 502, true, false);
    attempt.clear();
    const opened: OpenedStream = { iterator, parser, translate, pending, firstStep, abortUpstream: attempt.abort, destroy: (error) => response.body.destroy(error) };
    return opened;
  } catch (error) {
    attempt.clear();
    attempt.abort();
    throw attemptError(error, attempt, signal);
  }
}
