// A key's rate limits on the data plane, at most one round trip to the shared store before a response:
// - a request that spends (handlers/paid-request.ts) counts against its requests per minute and per day, reserves its
//   worst-case tokens against the tokens per minute and takes a concurrency slot, all in one atomic call; the tokens
//   and the slot are given back when it settles (a stream: after its last byte), the tokens corrected to what it
//   really used (that call is after the response, and made only when there is something to give back);
// - any other keyed request (the model list, a refusal before spending) is counted against its requests per minute
//   and per day once its handler is done.
// Over a limit: 429 rate_limit_exceeded (concurrency_limit_exceeded for the concurrency cap), naming the limit, with
// Retry-After in whole seconds. OpenAI's x-ratelimit-* headers go on every keyed response.
import { settings } from "../admin/settings";
import {
  type CheckResult,
  formatResetDuration,
  type LimitCheck,
  type RateLimiter,
  rateLimiter,
} from "../ratelimit/limiter";
import { retryAfterSeconds } from "../ratelimit/limits";
import type { Principal } from "./auth";
import { GatewayError } from "./errors";

/** The requests-per-minute check's headers, in OpenAI's names (the free demo's per-address limit uses them too). */
export function setRequestHeaders(headers: Headers, minute: CheckResult): void {
  headers.set("x-ratelimit-limit-requests", String(minute.limit));
  headers.set("x-ratelimit-remaining-requests", String(minute.remaining));
  headers.set("x-ratelimit-reset-requests", formatResetDuration(minute.resetMs));
}

export function setDailyHeaders(headers: Headers, day: CheckResult): void {
  headers.set("x-ratelimit-limit-requests-day", String(day.limit));
  headers.set("x-ratelimit-remaining-requests-day", String(day.remaining));
}

export function setTokenHeaders(headers: Headers, tokens: CheckResult): void {
  headers.set("x-ratelimit-limit-tokens", String(tokens.limit));
  headers.set("x-ratelimit-remaining-tokens", String(tokens.remaining));
  headers.set("x-ratelimit-reset-tokens", formatResetDuration(tokens.resetMs));
}

function setHeaders(headers: Headers, results: CheckResult[]): void {
  for (const result of results) {
    const { check } = result;
    if (check.kind === "requests") (check.window === "minute" ? setRequestHeaders : setDailyHeaders)(headers, result);
    else if (check.kind === "tokens") setTokenHeaders(headers, result);
  }
}

/** The 429 for a refused check, its message naming the limit. */
export function limitRefusal(refused: CheckResult, reserveTokens = 0): GatewayError {
  const { check } = refused;
  const retryAfter = retryAfterSeconds(refused);
  if (check.kind === "concurrency") {
    return new GatewayError(
      "concurrency_limit_exceeded",
      `Concurrency limit reached: ${check.max} requests at once for this key; retry when one has finished`,
      { retryAfter },
    );
  }
  if (check.kind === "tokens") {
    const used = check.max - refused.remaining;
    return new GatewayError(
      "rate_limit_exceeded",
      `Rate limit reached: ${check.max} tokens per minute for this key (${used} used or reserved this minute; this ` +
        `request reserves ${reserveTokens}, its prompt and max_tokens); retry in ${retryAfter} s or lower max_tokens`,
      { retryAfter },
    );
  }
  const per = check.window === "minute" ? "minute" : "day (UTC)";
  return new GatewayError("rate_limit_exceeded", `Rate limit reached: ${check.max} requests per ${per} for this key`, {
    retryAfter,
  });
}

/** The request checks of a key: its requests per minute (its own, its plan's, or the default) and per day. */
export function requestChecks(principal: Principal): LimitCheck[] {
  const { requestsPerMinute, requestsPerDay } = principal.limits;
  const checks: LimitCheck[] = [
    { kind: "requests", window: "minute", max: requestsPerMinute ?? settings().defaultKeyRpm },
  ];
  if (requestsPerDay !== null) checks.push({ kind: "requests", window: "day", max: requestsPerDay });
  return checks;
}

/** The spend checks of a key for a request of `tokens` worst-case tokens: tokens per minute and concurrency. */
export function spendChecks(principal: Principal, tokens: number): LimitCheck[] {
  const { tokensPerMinute, concurrentRequests } = principal.limits;
  const checks: LimitCheck[] = [];
  if (tokensPerMinute !== null) checks.push({ kind: "tokens", max: tokensPerMinute, tokens });
  if (concurrentRequests !== null) checks.push({ kind: "concurrency", max: concurrentRequests });
  return checks;
}

/** Given back when the request settles, with the tokens it really used. */
export type ReleaseLimits = (usedTokens: number) => void;

/**
 * A request's rate limits, counted in one round trip to the store: a request that spends counts its requests per
 * minute and per day together with its tokens per minute and concurrency slot (holdSpend, from paid-request.ts); any
 * other counts them alone (count: the pipeline calls it after a handler that did not spend, or a handler that wants
 * its count first). Counted once, whichever comes first.
 */
export interface RequestLimits {
  readonly counted: boolean;
  /** Counts the request against its requests per minute and per day, unless it already was, or throws 429. */
  count(): Promise<void>;
  /**
   * Counts the request (unless it already was), reserves `tokens` against the tokens per minute and takes a
   * concurrency slot, or throws 429. The release is idempotent and never throws (a store out of reach at release time
   * leaves the count to its window or lease).
   */
  holdSpend(tokens: number): Promise<ReleaseLimits>;
}

const nothingToRelease: ReleaseLimits = () => undefined;

/**
 * A key's limits for one request, setting their headers on `headers`. `counted: "by-admission"` is for a principal
 * whose admission counted its requests its own way (the free demo's per-address and daily limits).
 */
export function keyRequestLimits(
  principal: Principal,
  headers: Headers,
  options: { requests?: "to-count" | "by-admission"; limiter?: RateLimiter } = {},
): RequestLimits {
  const limiter = options.limiter ?? rateLimiter();
  let counted = options.requests === "by-admission";
  return {
    get counted() {
      return counted;
    },
    async count() {
      if (counted) return;
      counted = true;
      const decision = await limiter.admit(principal.keyId, requestChecks(principal));
      setHeaders(headers, decision.results);
      if (!decision.admitted) throw limitRefusal(decision.refused);
    },
    async holdSpend(tokens) {
      const checks = [...(counted ? [] : requestChecks(principal)), ...spendChecks(principal, tokens)];
      counted = true;
      if (checks.length === 0) return nothingToRelease;
      const decision = await limiter.admit(principal.keyId, checks);
      setHeaders(headers, decision.results);
      if (!decision.admitted) throw limitRefusal(decision.refused, tokens);
      const { hold } = decision;
      if (!hold.tokens && !hold.slot) return nothingToRelease;
      // A stream may outlast the slot's lease: the lease is renewed until the request settles.
      const stopRenewing = limiter.keepAlive(hold);
      let released = false;
      return (usedTokens) => {
        if (released) return;
        released = true;
        stopRenewing();
        void limiter.settle(hold, usedTokens).catch(() => undefined);
      };
    },
  };
}
