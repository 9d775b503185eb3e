// Request limits in fixed windows: per key per minute, and for the free demo per address per minute and for everyone
// per day. Upstash Redis when configured (shared by every instance), else in-process.
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { env } from "../env";

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** Windows are aligned to the epoch, so a day's window ends at 00:00 UTC, in memory and in Redis alike. */
export type LimitWindow = "minute" | "day";

export interface RateLimiter {
  readonly kind: "upstash" | "memory";
  /** Counts one request of `identifier` in the current window, allowing `max` per window. */
  limit(identifier: string, max: number, window?: LimitWindow): Promise<LimitResult>;
}

const WINDOW_MS: Record<LimitWindow, number> = { minute: 60_000, day: 86_400_000 };
/** Upstash's spelling of each window, and the key prefix its counters live under. */
const UPSTASH_WINDOW: Record<LimitWindow, { duration: "60 s" | "1 d"; prefix: string }> = {
  minute: { duration: "60 s", prefix: "switchyard:rpm" },
  day: { duration: "1 d", prefix: "switchyard:rpd" },
};
const MAX_MEMORY_ENTRIES = 100_000;

/** Milliseconds until the current window of this length ends (the next 00:00 UTC for a day). */
export function windowResetMs(window: LimitWindow, now = Date.now()): number {
  const length = WINDOW_MS[window];
  return (Math.floor(now / length) + 1) * length - now;
}

/** Fixed windows in a Map per window length; counters of past windows are dropped as they are met. */
export function createMemoryLimiter(): RateLimiter {
  const counters: Record<LimitWindow, Map<string, { window: number; count: number }>> = {
    minute: new Map(),
    day: new Map(),
  };
  return {
    kind: "memory",
    async limit(identifier, max, window = "minute") {
      const now = Date.now();
      const current = Math.floor(now / WINDOW_MS[window]);
      const windows = counters[window];
      let entry = windows.get(identifier);
      if (!entry || entry.window !== current) {
        if (windows.size >= MAX_MEMORY_ENTRIES) dropPastWindows(windows, current);
        entry = { window: current, count: 0 };
        windows.set(identifier, entry);
      }
      const resetMs = windowResetMs(window, now);
      if (entry.count >= max) return { success: false, limit: max, remaining: 0, resetMs };
      entry.count += 1;
      return { success: true, limit: max, remaining: max - entry.count, resetMs };
    },
  };
}

/** Bounds memory: past windows go first; a map still full of live counters is emptied (a flood of identifiers). */
function dropPastWindows(windows: Map<string, { window: number }>, current: number): void {
  for (const [identifier, entry] of windows) if (entry.window !== current) windows.delete(identifier);
  if (windows.size >= MAX_MEMORY_ENTRIES) windows.clear();
}

export function createUpstashLimiter(url: string, token: string): RateLimiter {
  const redis = new Redis({ url, token });
  const limiters = new Map<string, Ratelimit>();
  // Upstash's cache of identifiers known to be blocked is keyed by identifier alone: one per window length.
  const blocked: Record<LimitWindow, Map<string, number>> = { minute: new Map(), day: new Map() };
  return {
    kind: "upstash",
    async limit(identifier, max, window = "minute") {
      const name = `${window}:${max}`;
      let limiter = limiters.get(name);
      if (!limiter) {
        limiter = new Ratelimit({
          redis,
          limiter: Ratelimit.fixedWindow(max, UPSTASH_WINDOW[window].duration),
          prefix: UPSTASH_WINDOW[window].prefix,
          ephemeralCache: blocked[window],
          analytics: false,
        });
        limiters.set(name, limiter);
      }
      const result = await limiter.limit(identifier);
      return {
        success: result.success,
        limit: result.limit,
        remaining: Math.max(0, result.remaining),
        resetMs: Math.max(0, result.reset - Date.now()),
      };
    },
  };
}

let shared: RateLimiter | undefined;

export function rateLimiter(): RateLimiter {
  if (!shared) {
    const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
    shared = url && token ? createUpstashLimiter(url, token) : createMemoryLimiter();
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
