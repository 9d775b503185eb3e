// One attempt at one upstream: its own abort controller and timer, the request sent, a failed answer classified.
import type { ClientGone } from "../client-gone";
import { GatewayError } from "../errors";
import { env, providerEnv } from "../../env";
import { adapterFor, providerDefinition } from "../providers/registry";
import type { ProviderAdapter, UpstreamRequest } from "../providers/types";
import {
  classifyUpstreamError,
  headerValue,
  sendUpstream,
  UpstreamFailure,
  type UpstreamResponse,
} from "../upstream-client";
import { createEventParser } from "../sse";
import type { EventSourceMessage } from "eventsource-parser";
import type { StreamStep, UpstreamEvent } from "../providers/types";
import type { Candidate } from "./candidates";
import { AttemptFailed, failureFromAnswer, unreadableAnswer } from "./attempt-failure";
import { retryAfterMs } from "./dispatch";

/** Aborts with the request (client gone) or when this attempt's own time is up, whichever comes first. */
export function attemptController(parent: ClientGone, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = () => controller.abort();
  parent.addEventListener("abort", onParentAbort, { once: true });
  const expire = () => {
    timedOut = true;
    controller.abort();
  };
  let timer = setTimeout(expire, timeoutMs);
  return {
    signal: controller.signal,
    /** Stops the call; `reason` spares building an AbortError (with its stack) where the end is expected. */
    abort: (reason?: unknown) => controller.abort(reason),
    timedOut: () => timedOut,
    /** Starts the clock again with another limit (a stream's first byte came: now the wait is for its first event). */
    restart: (nextTimeoutMs: number) => {
      clearTimeout(timer);
      timer = setTimeout(expire, nextTimeoutMs);
    },
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener("abort", onParentAbort);
    },
  };
}

async function failFromResponse(candidate: Candidate, response: UpstreamResponse): Promise<never> {
  const adapter = adapterFor(candidate.deployment.provider.id, candidate.deployment.provider.kind);
  const text = await response.body.text().catch(() => "");
  throw new AttemptFailed(
    failureFromAnswer(response.status, adapter.parseError(response.status, text), retryAfterMs(response)),
  );
}

export type AttemptControl = ReturnType<typeof attemptController>;

/** Where a candidate's request goes: what every adapter's request builder needs besides the body. */
export interface UpstreamTarget {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
}

/** An exception while building the request is ours (or the client's, as a GatewayError), never the upstream's. */
function buildRequest(
  adapter: ProviderAdapter,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
  target: UpstreamTarget,
): UpstreamRequest {
  try {
    return build(adapter, target);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new AttemptFailed({ kind: "internal", message: `building the upstream request failed: ${message}`, error });
  }
}

/** Sends the candidate's request; a non-2xx answer becomes the AttemptFailed that decides whether to fail over. */
export async function openUpstream(
  candidate: Candidate,
  attempt: AttemptControl,
  timeouts: { headersTimeoutMs: number; bodyTimeoutMs: number },
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
) {
  const { provider } = candidate.deployment;
  const adapter = adapterFor(provider.id, provider.kind);
  const upstreamRequest = buildRequest(adapter, build, {
    baseUrl: provider.baseUrl,
    apiKey: candidate.key.secret,
    upstreamModel: candidate.deployment.upstreamModel,
  });
  const response = await sendUpstream(upstreamRequest, {
    signal: attempt.signal,
    ...timeouts,
    reach: provider.owner === "account" ? "public" : "any",
  });
  if (response.status < 200 || response.status >= 300) await failFromResponse(candidate, response);
  return { adapter, response };
}

/** One vocabulary for how an attempt ended: our own timer, an AttemptFailed, or a transport error. */
export function attemptError(error: unknown, attempt: AttemptControl, signal: ClientGone): Error {
  if (attempt.timedOut()) return new UpstreamFailure("timeout", "timed out", { cause: error });
  // A request the adapter cannot express (a client mistake) is the client's answer, not a transport failure.
  if (error instanceof AttemptFailed || error instanceof GatewayError) return error;
  return classifyUpstreamError(error, signal);
}

/** A whole non-stream attempt: send, read the JSON answer, let the adapter translate it. */
export async function attemptJson<T>(
  candidate: Candidate,
  signal: ClientGone,
  timeoutMs: number,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
  parse: (adapter: ProviderAdapter, json: unknown) => T,
): Promise<T> {
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { adapter, response } = await openUpstream(
      candidate,
      attempt,
      { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs },
      build,
    );
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw unreadableAnswer("the upstream answered with a body that is not JSON");
    }
    try {
      return parse(adapter, json);
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw unreadableAnswer(
        `the upstream's answer could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
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
  abortUpstream(reason?: unknown): void;
  /**
   * The relay is done with the stream (it ended, or failed with the upstream's own error event): the rest of the body
   * is read and dropped, so that its connection goes back to the pool, and cut if it has not ended within
   * RELEASE_WITHIN_MS. Upstreams mostly end the body with the event that ends the stream; cutting it there instead
   * destroyed every stream's body with an error (a cost per stream), and the connection with it whenever the body's
   * last bytes had not arrived yet.
   */
  release(): void;
  destroy(error?: Error): void;
}

/** How long a released stream's upstream may take to end its body before it is cut. */
const RELEASE_WITHIN_MS = 2_000;
/** The reason a released stream's upstream call is cut. */
const RELEASED = new Error("the stream was relayed to its end and its upstream did not end the body");

/** A stream's two limits: to its upstream's first byte (per provider), and without news after that. */
export function streamTimeouts(providerId: string): { firstByteMs: number; idleMs: number } {
  const config = env();
  const prefix = providerDefinition(providerId)?.envPrefix;
  const firstByteMs =
    (prefix ? providerEnv(prefix).firstByteTimeoutMs : undefined) ?? config.UPSTREAM_FIRST_BYTE_TIMEOUT_MS;
  return { firstByteMs, idleMs: config.UPSTREAM_STREAM_TIMEOUT_MS };
}

/**
 * Opens the upstream stream and reads up to its first event, so that a failure before it can still fail over: an
 * upstream that takes the connection but does not answer within its first-byte limit is abandoned in seconds, not
 * after the idle limit meant for a stream already flowing.
 */
export async function attemptEventStream(
  candidate: Candidate,
  signal: ClientGone,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
  /** How the upstream's events are read; by default the adapter's own translator (a native pass-through brings its own). */
  createTranslator: (adapter: ProviderAdapter) => OpenedStream["translate"] = (adapter) =>
    adapter.createStreamTranslator(),
): Promise<OpenedStream> {
  const { firstByteMs, idleMs } = streamTimeouts(candidate.deployment.provider.id);
  const attempt = attemptController(signal, firstByteMs);
  try {
    const { adapter, response } = await openUpstream(
      candidate,
      attempt,
      { headersTimeoutMs: firstByteMs, bodyTimeoutMs: idleMs },
      build,
    );
    attempt.restart(idleMs);
    const contentType = headerValue(response.headers, "content-type") ?? "";
    if (!contentType.includes("event-stream")) {
      const text = await response.body.text().catch(() => "");
      const what = contentType || "no content type";
      throw unreadableAnswer(`the upstream answered a stream request with ${what}: ${text.slice(0, 200)}`);
    }
    const iterator = response.body[Symbol.asyncIterator]();
    const parser = createEventParser();
    const translate = createTranslator(adapter);
    const pending = [];
    while (pending.length === 0) {
      const next = await iterator.next();
      if (next.done) throw unreadableAnswer("the upstream closed the stream before its first event");
      pending.push(...parser.push(next.value));
    }
    let firstStep: StreamStep;
    try {
      firstStep = translate(pending[0]);
    } catch (error) {
      throw unreadableAnswer(
        `the upstream's first event could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (firstStep.kind === "error") {
      // An error event before anything was relayed is an error answer like any other: its status decides.
      throw new AttemptFailed(failureFromAnswer(firstStep.status ?? 502, { message: firstStep.message }));
    }
    attempt.clear();
    const opened: OpenedStream = {
      iterator,
      parser,
      translate,
      pending,
      firstStep,
      abortUpstream: attempt.abort,
      release: () => {
        const cut = setTimeout(() => attempt.abort(RELEASED), RELEASE_WITHIN_MS);
        const drain = async () => {
          while (!(await iterator.next()).done);
        };
        drain()
          .catch(() => undefined)
          .finally(() => clearTimeout(cut));
      },
      destroy: (error) => response.body.destroy(error),
    };
    return opened;
  } catch (error) {
    attempt.clear();
    attempt.abort();
    throw attemptError(error, attempt, signal);
  }
}

/** A whole non-stream attempt whose answer is relayed as the upstream wrote it (JSON or plain text alike). */
export async function attemptText(
  candidate: Candidate,
  signal: ClientGone,
  timeoutMs: number,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
): Promise<{ text: string; contentType: string }> {
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { response } = await openUpstream(
      candidate,
      attempt,
      { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs },
      build,
    );
    const text = await response.body.text();
    return { text, contentType: headerValue(response.headers, "content-type") ?? "" };
  } catch (error) {
    throw attemptError(error, attempt, signal);
  } finally {
    attempt.clear();
  }
}

/** An upstream byte stream (audio) opened and read up to its first bytes, ready to be relayed. */
export interface OpenedByteStream {
  contentType: string;
  first: Uint8Array;
  iterator: AsyncIterator<Uint8Array>;
  abortUpstream(): void;
  destroy(error?: Error): void;
}

/**
 * Opens a stream of bytes and reads its first piece, so that an upstream that fails or stays silent before it can
 * still fail over (the same first-byte and idle limits as an event stream).
 */
export async function attemptByteStream(
  candidate: Candidate,
  signal: ClientGone,
  build: (adapter: ProviderAdapter, target: UpstreamTarget) => UpstreamRequest,
): Promise<OpenedByteStream> {
  const { firstByteMs, idleMs } = streamTimeouts(candidate.deployment.provider.id);
  const attempt = attemptController(signal, firstByteMs);
  try {
    const { response } = await openUpstream(
      candidate,
      attempt,
      { headersTimeoutMs: firstByteMs, bodyTimeoutMs: idleMs },
      build,
    );
    const iterator = response.body[Symbol.asyncIterator]();
    let first: Uint8Array | undefined;
    while (!first || first.byteLength === 0) {
      const next = await iterator.next();
      if (next.done) throw unreadableAnswer("the upstream answered with no audio");
      first = next.value;
    }
    attempt.clear();
    return {
      contentType: headerValue(response.headers, "content-type") ?? "application/octet-stream",
      first,
      iterator,
      abortUpstream: attempt.abort,
      destroy: (error) => response.body.destroy(error),
    };
  } catch (error) {
    attempt.clear();
    attempt.abort();
    throw attemptError(error, attempt, signal);
  }
}
