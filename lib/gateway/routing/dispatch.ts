// Tries candidates in order until one answers, before the first byte reaches the client: another key or deployment on
// connection errors, timeouts, 429, 5xx, a refused key or a deployment that does not serve the model; the request's
// own 4xx is returned at once. What a failure does to shared state is decided here, from its kind alone
// (attempt-failure.ts): only evidence about the upstream changes a key's health.
import type { ClientGone } from "../client-gone";
import { GatewayError } from "../errors";
import { log, redact } from "../../log";
import { UpstreamFailure, headerValue, type UpstreamResponse } from "../upstream-client";
import type { AttemptRecord } from "../metering/usage-writer";
import type { Candidate } from "./candidates";
import { AttemptFailed, errorClassOf, statusOf, type AttemptFailure } from "./attempt-failure";
import { beginAttempt, recordFailure, recordSuccess } from "./key-health";
import { reportKeyRefusal } from "./key-refusals";

export type DispatchResult<T> =
  | { ok: true; value: T; candidate: Candidate; attempts: AttemptRecord[] }
  | { ok: false; error: GatewayError; attempts: AttemptRecord[] };

const MAX_RETRY_AFTER_WAIT_MS = 2_000;

function sleep(milliseconds: number, signal: ClientGone): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Milliseconds from a Retry-After header (delta-seconds or HTTP date). */
export function retryAfterMs(response: UpstreamResponse): number | undefined {
  const value = headerValue(response.headers, "retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Which candidates this request may still try, after the failures it has seen. */
class Exclusions {
  private readonly keys = new Set<string>();
  private readonly deployments = new Set<string>();
  private readonly candidates = new Set<Candidate>();

  add(candidate: Candidate, failure: AttemptFailure): void {
    if (failure.kind === "key_refused") this.keys.add(candidate.key.id);
    else if (failure.kind === "not_served") this.deployments.add(candidate.deployment.id);
    // A 4xx is never retried on the same key; 429s and 5xx may be, after a wait.
    else if (failure.kind === "upstream" && failure.status !== null && failure.status < 500)
      this.candidates.add(candidate);
  }

  allows(candidate: Candidate): boolean {
    return (
      !this.keys.has(candidate.key.id) &&
      !this.deployments.has(candidate.deployment.id) &&
      !this.candidates.has(candidate)
    );
  }
}

/**
 * Up to `maxAttempts` attempts over the candidates in order, cycling back to the first when there are fewer
 * candidates than attempts (a single-key provider still gets its retries after a 5xx or a 429). A key tried again
 * waits first: jittered backoff, or its Retry-After when that is short.
 */
export async function dispatch<T>(
  candidates: Candidate[],
  maxAttempts: number,
  signal: ClientGone,
  attempt: (candidate: Candidate) => Promise<T>,
): Promise<DispatchResult<T>> {
  const attempts: AttemptRecord[] = [];
  const excluded = new Exclusions();
  const failures = new Map<Candidate, AttemptFailure>();
  let lastFailure: AttemptFailure | undefined;
  for (let index = 0; attempts.length < maxAttempts && !signal.aborted; index++) {
    const live = candidates.filter((candidate) => excluded.allows(candidate));
    if (live.length === 0) break;
    const candidate = live[index % live.length];
    const previous = failures.get(candidate);
    if (previous) {
      const backoff = Math.min(1_000, 100 * 2 ** (attempts.length - 1)) * (0.5 + Math.random());
      const wait = (previous.kind === "rate_limited" ? previous.retryAfterMs : undefined) ?? backoff;
      if (wait > MAX_RETRY_AFTER_WAIT_MS) break;
      await sleep(wait, signal);
      if (signal.aborted) break;
    }
    const started = performance.now();
    beginAttempt(candidate.key.id, candidate.model.id);
    try {
      const value = await attempt(candidate);
      recordSuccess(candidate.key.id, candidate.model.id);
      const latencyMs = Math.round(performance.now() - started);
      attempts.push({ provider: candidate.deployment.provider.id, keyId: candidate.key.id, status: 200, latencyMs });
      return { ok: true, value, candidate, attempts };
    } catch (thrown) {
      const failure = toAttemptFailure(thrown, signal);
      attempts.push({
        provider: candidate.deployment.provider.id,
        keyId: candidate.key.id,
        status: statusOf(failure),
        latencyMs: Math.round(performance.now() - started),
        errorClass: errorClassOf(failure),
        error: failure.message.slice(0, 300),
      });
      lastFailure = failure;
      failures.set(candidate, failure);
      excluded.add(candidate, failure);
      if (!signal.aborted) recordHealth(candidate, failure);
      if (failure.kind === "request") return { ok: false, error: failure.clientError, attempts };
      if (failure.kind === "internal") {
        log.error("an upstream attempt failed in the gateway's own code", { error: failure.error });
        return {
          ok: false,
          error: new GatewayError("internal_error", "Internal error while preparing the upstream request"),
          attempts,
        };
      }
    }
  }
  return { ok: false, error: exhausted(attempts, lastFailure), attempts };
}

/** The client's error once no candidate is left or the attempts are used up. */
function exhausted(attempts: AttemptRecord[], lastFailure: AttemptFailure | undefined): GatewayError {
  if (attempts.length === 0) return new GatewayError("upstream_error", "No upstream could be tried for this request");
  const summary = attempts.map((record) => `${record.provider}: ${record.error ?? record.status}`).join("; ");
  const count = `${attempts.length} attempt${attempts.length === 1 ? "" : "s"}`;
  if (lastFailure?.kind === "upstream" && lastFailure.cause === "timeout") {
    return new GatewayError("upstream_timeout", `The upstream provider did not answer in time (${count}: ${summary})`);
  }
  return new GatewayError("upstream_error", `Every upstream attempt failed (${count}): ${summary}`);
}

/** What a failed attempt says about the key it used. Request errors, 404s and our own exceptions say nothing. */
function recordHealth(candidate: Candidate, failure: AttemptFailure): void {
  const { key, model } = candidate;
  if (failure.kind === "key_refused") reportKeyRefusal(candidate, failure);
  else if (failure.kind === "rate_limited") {
    recordFailure(key.id, model.id, "rate_limited", { retryAfterMs: failure.retryAfterMs, message: failure.message });
  } else if (failure.kind === "upstream" && failure.counts) {
    recordFailure(key.id, model.id, failure.cause, { message: failure.message });
  }
}

function toAttemptFailure(thrown: unknown, signal: ClientGone): AttemptFailure {
  if (thrown instanceof AttemptFailed) return thrown.failure;
  if (thrown instanceof UpstreamFailure) {
    const message = thrown.kind === "timeout" ? "timed out" : redact(thrown.message);
    const cause = thrown.kind === "timeout" ? "timeout" : "connection";
    return { kind: "upstream", status: null, message, cause, counts: thrown.kind !== "aborted" && !signal.aborted };
  }
  // An adapter refusing what the request asks (a feature the provider lacks) is the client's answer.
  if (thrown instanceof GatewayError)
    return { kind: "request", status: thrown.status, message: thrown.message, clientError: thrown };
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return { kind: "internal", message: redact(message), error: thrown };
}
