// Tries candidates in order until one answers: retries on connection errors, timeouts, 429 and 5xx before the
// first byte reaches the client; returns request errors (400-class caused by the request) at once.
import { GatewayError } from "../errors";
import { redact } from "../../log";
import { UpstreamFailure, headerValue, type UpstreamResponse } from "../upstream-client";
import type { AttemptRecord, ErrorClass } from "../metering/usage-writer";
import type { Candidate } from "./candidates";
import { beginAttempt, recordFailure, recordSuccess } from "./key-health";
import { takeKeyOut } from "./take-key-out";

/** Thrown by an attempt to say how it failed. */
export class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly timeout: boolean,
    readonly clientError?: GatewayError,
    /** The key itself is refused (401/403/no quota): not to be tried again for this request. */
    readonly deadKey = false,
    /** The upstream's Retry-After, for a retry on the same key. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface DispatchResult<T> {
  value: T;
  candidate: Candidate;
  attempts: AttemptRecord[];
}

const MAX_RETRY_AFTER_WAIT_MS = 2_000;

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date). */
export function retryAfterMs(response: UpstreamResponse): number | undefined {
  const value = headerValue(response.headers, "retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Classifies a non-2xx upstream answer: a rate limit, a refused key, an upstream failure, or the request's own fault. */
export function failureFromStatus(status: number, message: string, retryAfter: number | undefined, quotaExhausted = false): AttemptFailed {
  const text = redact(message);
  if (status === 429 && !quotaExhausted) return new AttemptFailed(`429 ${text}`, status, true, false, undefined, false, retryAfter);
  if (status === 401 || status === 403 || quotaExhausted) return new AttemptFailed(`${status} ${text}`, status, true, false, undefined, true);
  if (status === 408 || status === 404 || status >= 500) return new AttemptFailed(`${status} ${text}`, status, true, status === 408);
  const code = status === 413 ? "request_too_large" : "invalid_value";
  return new AttemptFailed(`${status} ${text}`, status, false, false, new GatewayError(code, `The upstream provider rejected the request: ${text}`));
}

/**
 * Up to `maxAttempts` attempts over the candidates in order, cycling back to the first when there are fewer
 * candidates than attempts (a single-key provider still gets its retries). A key refused for auth or quota is
 * not tried again; a key tried again waits first: jittered backoff, or its Retry-After when that is short.
 */
export async function dispatch<T>(
  candidates: Candidate[],
  maxAttempts: number,
  signal: AbortSignal,
  attempt: (candidate: Candidate) => Promise<T>,
): Promise<DispatchResult<T>> {
  const attempts: AttemptRecord[] = [];
  const deadKeys = new Set<string>();
  const failures = new Map<Candidate, AttemptFailed>();
  let lastFailure: AttemptFailed | undefined;
  for (let index = 0; attempts.length < maxAttempts && !signal.aborted; index++) {
    const live = candidates.filter((candidate) => !deadKeys.has(candidate.key.id));
    if (live.length === 0) break;
    const candidate = live[index % live.length];
    const previous = failures.get(candidate);
    if (previous) {
      const wait = previous.retryAfterMs ?? Math.min(1_000, 100 * 2 ** (attempts.length - 1)) * (0.5 + Math.random());
      if (wait > MAX_RETRY_AFTER_WAIT_MS) break;
      await sleep(wait, signal);
      if (signal.aborted) break;
    }
    const started = performance.now();
    beginAttempt(candidate.key.id, candidate.model.id);
    try {
      const value = await attempt(candidate);
      recordSuccess(candidate.key.id, candidate.model.id);
      attempts.push({ provider: candidate.deployment.provider.id, keyId: candidate.key.id, status: 200, latencyMs: Math.round(performance.now() - started) });
      return { value, candidate, attempts };
    } catch (thrown) {
      const failure = toAttemptFailed(thrown);
      attempts.push({
        provider: candidate.deployment.provider.id,
        keyId: candidate.key.id,
        status: failure.status,
        latencyMs: Math.round(performance.now() - started),
        errorClass: errorClassOf(failure),
        error: failure.message.slice(0, 300),
      });
      lastFailure = failure;
      failures.set(candidate, failure);
      recordHealth(candidate, failure, signal);
      if (failure.deadKey) deadKeys.add(candidate.key.id);
      if (!failure.retryable) {
        throw Object.assign(failure.clientError ?? new GatewayError("upstream_error", failure.message), { attempts });
      }
    }
  }
  if (candidates.length === 0) {
    throw Object.assign(new GatewayError("upstream_error", "No provider key is configured for this model; an operator must add one"), { attempts });
  }
  const summary = attempts.map((record) => `${record.provider}: ${record.error ?? record.status}`).join("; ");
  const error = lastFailure?.timeout
    ? new GatewayError("upstream_timeout", `The upstream provider did not answer in time (${attempts.length} attempt${attempts.length === 1 ? "" : "s"}: ${summary})`)
    : new GatewayError("upstream_error", `Every upstream attempt failed (${attempts.length}): ${summary}`);
  throw Object.assign(error, { attempts });
}

export function errorClassOf(failure: AttemptFailed): ErrorClass {
  if (!failure.retryable) return "request";
  if (failure.deadKey) return "auth";
  if (failure.timeout) return "timeout";
  if (failure.status === 429) return "rate_limited";
  return failure.status === null ? "connection" : "server";
}

/** What a failed attempt says about the key: its health for this model, or that it is refused altogether. */
function recordHealth(candidate: Candidate, failure: AttemptFailed, signal: AbortSignal): void {
  const { key, model, deployment } = candidate;
  if (signal.aborted || !failure.retryable) return;
  if (failure.deadKey) takeKeyOut(key.id, deployment.provider.id, failure.message);
  else {
    const kind = errorClassOf(failure);
    recordFailure(key.id, model.id, kind === "rate_limited" || kind === "timeout" || kind === "connection" ? kind : "server", {
      retryAfterMs: failure.retryAfterMs,
      message: failure.message,
    });
  }
}

function toAttemptFailed(thrown: unknown): AttemptFailed {
  if (thrown instanceof AttemptFailed) return thrown;
  if (thrown instanceof UpstreamFailure) {
    return new AttemptFailed(thrown.kind === "timeout" ? "timed out" : redact(thrown.message), null, thrown.kind !== "aborted", thrown.kind === "timeout");
  }
  if (thrown instanceof GatewayError) return new AttemptFailed(thrown.message, thrown.status, false, false, thrown);
  return new AttemptFailed(redact(thrown instanceof Error ? thrown.message : String(thrown)), null, true, false);
}

export function attemptsOf(error: unknown): AttemptRecord[] {
  return (error as { attempts?: AttemptRecord[] }).attempts ?? [];
}
