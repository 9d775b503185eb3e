import { describe, expect, it } from "vitest";
import { effectiveKeyLimits, type KeyLimits } from "../plans/key-limits";
import type { Principal } from "./auth";
import type { GatewayError } from "./errors";
import { createMemoryLimiter, type RateLimiter } from "../ratelimit/limiter";
import { keyRequestLimits } from "./key-rate-limits";

const limitKeyRequests = (key: Principal, headers: Headers) => keyRequestLimits(key, headers).count();
const holdKeySpendLimits = (key: Principal, tokens: number, headers: Headers) =>
  keyRequestLimits(key, headers, { requests: "by-admission" }).holdSpend(tokens);

function principal(limits: Partial<KeyLimits>): Principal {
  return {
    keyId: `key-${crypto.randomUUID()}`,
    userId: "user",
    keyName: "k",
    expiresAt: null,
    limits: {
      requestsPerMinute: 100,
      requestsPerDay: null,
      tokensPerMinute: null,
      concurrentRequests: null,
      ...limits,
    },
    planName: "Pay as you go",
    monthlyBudgetMicros: null,
    budgetPeriod: "month",
    allowedModels: null,
    allowedIps: null,
    promptLogging: false,
    suspension: null,
    spendingLimitMicros: null,
    spendingAlerts: false,
    billing: "account",
  };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("not refused");
    },
    (error: unknown) => error as GatewayError,
  );

describe("a key's request limits", () => {
  it("set the minute's and the day's headers, and refuse past either with the limit named", async () => {
    const key = principal({ requestsPerMinute: 5, requestsPerDay: 2 });
    const headers = new Headers();
    await limitKeyRequests(key, headers);
    expect(Object.fromEntries(headers)).toMatchObject({
      "x-ratelimit-limit-requests": "5",
      "x-ratelimit-remaining-requests": "4",
      "x-ratelimit-limit-requests-day": "2",
      "x-ratelimit-remaining-requests-day": "1",
    });
    expect(headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+ms|\d+s|1m0s)$/);
    expect(headers.has("x-ratelimit-limit-tokens")).toBe(false);
    await limitKeyRequests(key, new Headers());
    const refused = await refusal(limitKeyRequests(key, new Headers()));
    expect([refused.status, refused.code]).toEqual([429, "rate_limit_exceeded"]);
    expect(refused.message).toContain("2 requests per day");
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
  });
});

describe("a key's spend limits", () => {
  it("reserve tokens per minute, refuse what would exceed them, and give back what was not used", async () => {
    const key = principal({ tokensPerMinute: 1_000 });
    const headers = new Headers();
    const release = await holdKeySpendLimits(key, 600, headers);
    expect(headers.get("x-ratelimit-limit-tokens")).toBe("1000");
    expect(headers.get("x-ratelimit-remaining-tokens")).toBe("400");
    const refused = await refusal(holdKeySpendLimits(key, 600, new Headers()));
    expect(refused.code).toBe("rate_limit_exceeded");
    expect(refused.message).toContain("1000 tokens per minute");
    release(50);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const after = new Headers();
    (await holdKeySpendLimits(key, 600, after))(600);
    expect(after.get("x-ratelimit-remaining-tokens")).toBe("350");
  });

  it("hold a concurrency slot until released, refusing the one over with concurrency_limit_exceeded", async () => {
    const key = principal({ concurrentRequests: 1 });
    const release = await holdKeySpendLimits(key, 10, new Headers());
    const refused = await refusal(holdKeySpendLimits(key, 10, new Headers()));
    expect([refused.status, refused.code, refused.retryAfter]).toEqual([429, "concurrency_limit_exceeded", 1]);
    release(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    (await holdKeySpendLimits(key, 10, new Headers()))(0);
  });
});

describe("a request's limits", () => {
  function countingLimiter(): { limiter: RateLimiter; calls: string[][] } {
    const inner = createMemoryLimiter();
    const calls: string[][] = [];
    const limiter: RateLimiter = {
      ...inner,
      admit(identifier, checks) {
        calls.push(checks.map((check) => (check.kind === "requests" ? `requests/${check.window}` : check.kind)));
        return inner.admit(identifier, checks);
      },
    };
    return { limiter, calls };
  }

  it("are counted in one call to the store when the request spends: requests, tokens and slot together", async () => {
    const key = principal({ requestsPerMinute: 5, requestsPerDay: 50, tokensPerMinute: 1_000, concurrentRequests: 2 });
    const { limiter, calls } = countingLimiter();
    const headers = new Headers();
    const limits = keyRequestLimits(key, headers, { limiter });
    const release = await limits.holdSpend(100);
    await limits.count();
    expect(calls).toEqual([["requests/minute", "requests/day", "tokens", "concurrency"]]);
    expect(limits.counted).toBe(true);
    expect(headers.get("x-ratelimit-remaining-requests")).toBe("4");
    expect(headers.get("x-ratelimit-remaining-requests-day")).toBe("49");
    expect(headers.get("x-ratelimit-remaining-tokens")).toBe("900");
    release(100);
  });

  it("are counted once when the request spends nothing, and not again", async () => {
    const key = principal({ requestsPerMinute: 1 });
    const { limiter, calls } = countingLimiter();
    const limits = keyRequestLimits(key, new Headers(), { limiter });
    expect(limits.counted).toBe(false);
    await limits.count();
    await limits.count();
    expect(calls).toEqual([["requests/minute"]]);
    const next = await refusal(keyRequestLimits(key, new Headers(), { limiter }).holdSpend(10));
    expect(next.message).toContain("1 requests per minute");
  });

  it("refused for tokens count nothing: the request is not counted against its minute either", async () => {
    const key = principal({ requestsPerMinute: 2, tokensPerMinute: 100 });
    const { limiter } = countingLimiter();
    const refused = await refusal(keyRequestLimits(key, new Headers(), { limiter }).holdSpend(500));
    expect(refused.message).toContain("100 tokens per minute");
    const headers = new Headers();
    await keyRequestLimits(key, headers, { limiter }).holdSpend(10);
    expect(headers.get("x-ratelimit-remaining-requests")).toBe("1");
  });
});

describe("a key's limits under its plan", () => {
  it("are its own where lower, its plan's otherwise, and none only where neither sets one", () => {
    const plan = { rpmLimit: 20, rpdLimit: 200, tpmLimit: null, concurrencyLimit: 2 };
    expect(effectiveKeyLimits({ rpmLimit: 10, rpdLimit: 500, tpmLimit: 900, concurrencyLimit: null }, plan)).toEqual({
      requestsPerMinute: 10,
      requestsPerDay: 200,
      tokensPerMinute: 900,
      concurrentRequests: 2,
    });
  });
});

describe("rate-limit headers counted after a response was made", () => {
  it("go onto it, or onto a copy when its headers are immutable", async () => {
    const { withRateLimitHeaders } = await import("./pipeline");
    const counted = new Headers({ "x-ratelimit-remaining-requests": "4", "x-request-id": "req_1" });
    const plain = withRateLimitHeaders(new Response("{}", { status: 200 }), counted);
    expect(plain.headers.get("x-ratelimit-remaining-requests")).toBe("4");
    expect(plain.headers.has("x-request-id")).toBe(false);
    const immutable = Response.redirect("http://127.0.0.1/elsewhere", 307);
    const copied = withRateLimitHeaders(immutable, counted);
    expect([
      copied.status,
      copied.headers.get("location"),
      copied.headers.get("x-ratelimit-remaining-requests"),
    ]).toEqual([307, "http://127.0.0.1/elsewhere", "4"]);
  });
});
