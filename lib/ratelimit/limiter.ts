// One limiter, two stores: every limit (requests per minute and per day, tokens per minute, concurrent requests; the
// keys', the free demo's, the failed-authentication throttle's) is counted by the same arithmetic (limits.ts) in Upstash
// Redis when configured, shared by every instance, else in this process. When Redis cannot be reached the limiter
// serves from the in-process store (fail open: availability over exactness, logged once a minute), or refuses with
// 503 when RATE_LIMIT_FAILURE=closed.
import { randomUUID } from "node:crypto";
import { env } from "../env";
import { GatewayError } from "../gateway/errors";
import { log } from "../log";
import {
  type CheckResult,
  counterFor,
  type Decision,
  type Hold,
  type LimitCheck,
  type LimitStore,
  type LimitWindow,
  resultFor,
} from "./limits";
import { createMemoryStore } from "./memory-store";
import { createUpstashStore } from "./upstash-store";

export { windowResetMs, type CheckResult, type Decision, type Hold, type LimitCheck, type LimitWindow } from "./limits";

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface RateLimiter {
  readonly kind: "upstash" | "memory";
  /** Counts the request against every check, or against none if one refuses. */
  admit(identifier: string, checks: LimitCheck[]): Promise<Decision>;
  /** The checks' headroom as it stands, counting nothing. */
  peek(identifier: string, checks: LimitCheck[]): Promise<CheckResult[]>;
  /** Ends an admitted request: its tokens corrected to `usedTokens`, its slot freed. */
  settle(hold: Hold, usedTokens: number): Promise<void>;
  /**
   * Keeps the hold's concurrency slot while its request lasts, renewing the lease every third of it; returns the
   * function that stops (call it before settle). Nothing to do for a hold without a slot.
   */
  keepAlive(hold: Hold): () => void;
  /** One request in a window: admit() with a single requests check. */
  limit(identifier: string, max: number, window?: LimitWindow): Promise<LimitResult>;
}

export interface LimiterOptions {
  store: LimitStore;
  /** Where counting goes while `store` is unreachable, or "closed" to refuse instead. */
  whenUnreachable?: { fallback: LimitStore } | "closed";
  clock?: () => number;
  /** How long a concurrency slot lasts if its request never settles (its instance died). */
  leaseMs?: number;
}

const UNREACHABLE_LOG_INTERVAL_MS = 60_000;

export function createLimiter({
  store,
  whenUnreachable,
  clock = Date.now,
  leaseMs = 600_000,
}: LimiterOptions): RateLimiter {
  // A hold is released in the store that counted it (the fallback's, if Redis was down at the time).
  const holdStores = new WeakMap<Hold, LimitStore>();
  let loggedAt = Number.NEGATIVE_INFINITY;

  async function reach<T>(operation: (target: LimitStore) => Promise<T>): Promise<{ value: T; target: LimitStore }> {
    try {
      return { value: await operation(store), target: store };
    } catch (error) {
      if (!whenUnreachable) throw error;
      const now = clock();
      if (now - loggedAt >= UNREACHABLE_LOG_INTERVAL_MS) {
        loggedAt = now;
        log.error("rate limiter store unreachable", {
          store: store.kind,
          serving: whenUnreachable === "closed" ? "refusals (fail closed)" : "in-process limits (fail open)",
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (whenUnreachable === "closed") {
        throw new GatewayError("overloaded", "Rate limits cannot be checked right now; retry shortly", {
          retryAfter: 1,
          cause: error,
        });
      }
      return { value: await operation(whenUnreachable.fallback), target: whenUnreachable.fallback };
    }
  }

  const limiter: RateLimiter = {
    kind: store.kind,
    async admit(identifier, checks) {
      const now = clock();
      const slotId = randomUUID();
      const counters = checks.map((check) => counterFor(identifier, check, now, leaseMs, slotId));
      const { value: outcome, target } = await reach((target) => target.count(counters, "admit", now));
      const results = checks.map((check, index) => resultFor(check, outcome.used[index], now));
      if (outcome.refusedAt !== null) return { admitted: false, results, refused: results[outcome.refusedAt] };
      const tokensAt = checks.findIndex((check) => check.kind === "tokens");
      const slotAt = checks.findIndex((check) => check.kind === "concurrency");
      const tokensCheck = checks[tokensAt];
      const hold: Hold = {
        tokens: tokensCheck?.kind === "tokens" ? { key: counters[tokensAt].key, amount: tokensCheck.tokens } : null,
        slot: slotAt === -1 ? null : { key: counters[slotAt].key, id: slotId },
      };
      holdStores.set(hold, target);
      return { admitted: true, results, hold };
    },
    async peek(identifier, checks) {
      const now = clock();
      const counters = checks.map((check) => counterFor(identifier, check, now, leaseMs, ""));
      const { value: outcome } = await reach((target) => target.count(counters, "peek", now));
      return checks.map((check, index) => resultFor(check, outcome.used[index], now));
    },
    async settle(hold, usedTokens) {
      const target = holdStores.get(hold) ?? store;
      holdStores.delete(hold);
      const delta = hold.tokens ? usedTokens - hold.tokens.amount : 0;
      await target.release(hold, delta, clock());
    },
    keepAlive(hold) {
      if (!hold.slot) return () => undefined;
      const timer = setInterval(() => {
        const target = holdStores.get(hold) ?? store;
        void target.renew(hold, leaseMs, clock()).catch(() => undefined);
      }, leaseMs / 3);
      timer.unref?.();
      return () => clearInterval(timer);
    },
    async limit(identifier, max, window = "minute") {
      const decision = await limiter.admit(identifier, [{ kind: "requests", window, max }]);
      const [result] = decision.results;
      return { success: decision.admitted, limit: result.limit, remaining: result.remaining, resetMs: result.resetMs };
    },
  };
  return limiter;
}

export function createMemoryLimiter(clock?: () => number): RateLimiter {
  return createLimiter({ store: createMemoryStore(), clock });
}

export function createUpstashLimiter(
  url: string,
  token: string,
  options: Omit<LimiterOptions, "store"> & { timeoutMs?: number } = {},
): RateLimiter {
  return createLimiter({ ...options, store: createUpstashStore({ url, token, timeoutMs: options.timeoutMs }) });
}

let shared: RateLimiter | undefined;

export function rateLimiter(): RateLimiter {
  if (!shared) {
    const config = env();
    const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = config;
    const leaseMs = config.CONCURRENCY_LEASE_MS;
    shared =
      url && token
        ? createUpstashLimiter(url, token, {
            leaseMs,
            timeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
            whenUnreachable: config.RATE_LIMIT_FAILURE === "closed" ? "closed" : { fallback: createMemoryStore() },
          })
        : createLimiter({ store: createMemoryStore(), leaseMs });
  }
  return shared;
}

/** OpenAI's spelling of a duration in rate-limit headers: "1m0s", "12s", "250ms". */
export function formatResetDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.max(0, Math.round(milliseconds))}ms`;
  const seconds = Math.ceil(milliseconds / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${seconds % 60}s` : `${seconds}s`;
}
