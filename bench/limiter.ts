// The rate limiter's cost per request, with Upstash configured: the limiter against the local Upstash REST stand-in in
// front of the real Redis on 127.0.0.1:6379 (the same path a production request takes, minus the internet), and the
// in-process store for comparison. A request is counted as the gateway makes it for a key with every limit set
// (lib/gateway/key-rate-limits.ts): requests per minute and per day, tokens per minute and a concurrency slot in one
// call before spending, and the settlement after the response. Round trips are the stand-in's HTTP requests.
import { performance } from "node:perf_hooks";
import { createLimiter, type LimitCheck, type RateLimiter } from "../lib/ratelimit/limiter";
import { createMemoryStore } from "../lib/ratelimit/memory-store";
import { createUpstashStore } from "../lib/ratelimit/upstash-store";
import { startUpstashStandIn } from "../tests/stand-ins/upstash-redis";

export interface LimiterStoreResult {
  requests: number;
  /** Microseconds the limiter adds to a request before its response (its one call before spending). */
  beforeResponseMicros: { p50: number; p99: number; mean: number };
  /** Round trips to Redis per request: before the response (on its path), and after it (settlement). */
  roundTripsPerRequest: { beforeResponse: number; afterResponse: number };
}

export interface LimiterBenchResult {
  upstash: LimiterStoreResult;
  memory: LimiterStoreResult;
}

const every: LimitCheck[] = [
  { kind: "requests", window: "minute", max: 1_000_000 },
  { kind: "requests", window: "day", max: 10_000_000 },
  { kind: "tokens", max: 1_000_000_000, tokens: 600 },
  { kind: "concurrency", max: 1_000 },
];

const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];

async function measure(
  limiter: RateLimiter,
  requests: number,
  countRoundTrips: () => number,
): Promise<LimiterStoreResult> {
  const identifier = `bench-${process.pid}-${Date.now()}`;
  // Warm up (the first EVALSHA of each script misses and is followed by one EVAL).
  for (let index = 0; index < 20; index++) {
    const decision = await limiter.admit(identifier, every);
    if (decision.admitted) await limiter.settle(decision.hold, 100);
  }
  const durations: number[] = [];
  let before = 0;
  let after = 0;
  for (let index = 0; index < requests; index++) {
    const start = countRoundTrips();
    const startedAt = performance.now();
    const decision = await limiter.admit(identifier, every);
    durations.push((performance.now() - startedAt) * 1000);
    const middle = countRoundTrips();
    if (decision.admitted) await limiter.settle(decision.hold, 100);
    before += middle - start;
    after += countRoundTrips() - middle;
  }
  durations.sort((a, b) => a - b);
  return {
    requests,
    beforeResponseMicros: {
      p50: Math.round(percentile(durations, 0.5)),
      p99: Math.round(percentile(durations, 0.99)),
      mean: Math.round(durations.reduce((sum, value) => sum + value, 0) / durations.length),
    },
    roundTripsPerRequest: { beforeResponse: before / requests, afterResponse: after / requests },
  };
}

export async function measureLimiter(requests = 1_000): Promise<LimiterBenchResult> {
  const standIn = await startUpstashStandIn();
  try {
    const upstash = createLimiter({ store: createUpstashStore({ url: standIn.url, token: standIn.token }) });
    const upstashResult = await measure(upstash, requests, () => standIn.commands.length);
    const memoryResult = await measure(createLimiter({ store: createMemoryStore() }), requests, () => 0);
    return { upstash: upstashResult, memory: memoryResult };
  } finally {
    await standIn.close();
  }
}

export function describeLimiterResult(result: LimiterBenchResult): string {
  const { upstash, memory } = result;
  return (
    `rate limiter, per request with every limit set: Upstash (stand-in → local Redis) ` +
    `${upstash.roundTripsPerRequest.beforeResponse} round trips before the response + ` +
    `${upstash.roundTripsPerRequest.afterResponse} after, p50 ${upstash.beforeResponseMicros.p50} µs, ` +
    `p99 ${upstash.beforeResponseMicros.p99} µs; in-process p50 ${memory.beforeResponseMicros.p50} µs`
  );
}
