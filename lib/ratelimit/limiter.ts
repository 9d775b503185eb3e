// Requests-per-minute limits per key. Upstash Redis when configured (shared by every instance), else in-process.
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

export interface RateLimiter {
  readonly kind: "upstash" | "memory";
  limit(identifier: string, perMinute: number): Promise<LimitResult>;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute windows in a Map; windows of past minutes are dropped as they are met. */
export function createMemoryLimiter(): RateLimiter {
  const windows = new Map<string, { window: number; count: number }>();
  return {
    kind: "memory",
    async limit(identifier, perMinute) {
      const now = Date.now();
      const window = Math.floor(now / WINDOW_MS);
      let entry = windows.get(identifier);
      if (!entry || entry.window !== window) {
        if (windows.size > 100_000) windows.clear();
        entry = { window, count: 0 };
        windows.set(identifier, entry);
      }
      const resetMs = (window + 1) * WINDOW_MS - now;
      if (entry.count >= perMinute) return { success: false, limit: perMinute, remaining: 0, resetMs };
      entry.count += 1;
      return { success: true, limit: perMinute, remaining: perMinute - entry.count, resetMs };
    },
  };
}

export function createUpstashLimiter(url: string, token: string): RateLimiter {
  const redis = new Redis({ url, token });
  const limiters = new Map<number, Ratelimit>();
  const ephemeralCache = new Map<string, number>();
  return {
    kind: "upstash",
    async limit(identifier, perMinute) {
      let limiter = limiters.get(perMinute);
      if (!limiter) {
        limiter = new Ratelimit({
          redis,
          limiter: Ratelimit.fixedWindow(perMinute, "60 s"),
          prefix: "switchyard:rpm",
          ephemeralCache,
          analytics: false,
        });
        limiters.set(perMinute, limiter);
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
