import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryLimiter, createUpstashLimiter, formatResetDuration, windowResetMs } from "./limiter";
import { startUpstashStandIn, type UpstashStandIn } from "../../tests/stand-ins/upstash-redis";

describe("in-process limiter", () => {
  it("allows the limit per minute, then refuses with the time to reset", async () => {
    const limiter = createMemoryLimiter();
    const results = [];
    for (let index = 0; index < 4; index++) results.push(await limiter.limit("key-a", 3));
    expect(results.map((result) => [result.success, result.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(results[3].resetMs).toBeGreaterThan(0);
    expect(results[3].resetMs).toBeLessThanOrEqual(60_000);
    expect((await limiter.limit("key-b", 3)).success).toBe(true);
  });

  it("counts a day window apart from the minute window of the same identifier, resetting at 00:00 UTC", async () => {
    const limiter = createMemoryLimiter();
    expect((await limiter.limit("shared", 1, "minute")).success).toBe(true);
    expect((await limiter.limit("shared", 1, "minute")).success).toBe(false);
    const day = await limiter.limit("shared", 2, "day");
    expect([day.success, day.remaining]).toEqual([true, 1]);
    await limiter.limit("shared", 2, "day");
    const refused = await limiter.limit("shared", 2, "day");
    expect(refused.success).toBe(false);
    expect(refused.resetMs).toBeGreaterThan(0);
    expect(refused.resetMs).toBeLessThanOrEqual(86_400_000);
  });
});

describe("window ends", () => {
  it("end a minute on the minute and a day at the next 00:00 UTC", () => {
    const now = Date.UTC(2026, 0, 15, 22, 30, 15, 500);
    expect(windowResetMs("minute", now)).toBe(44_500);
    expect(windowResetMs("day", now)).toBe(Date.UTC(2026, 0, 16) - now);
  });
});

describe("Upstash limiter, against real Redis through the Upstash REST protocol", () => {
  let standIn: UpstashStandIn;
  beforeAll(async () => {
    standIn = await startUpstashStandIn();
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it("counts across limiter instances (as across app instances) and refuses past the limit", async () => {
    const identifier = `test-${crypto.randomUUID()}`;
    const first = createUpstashLimiter(standIn.url, standIn.token);
    const second = createUpstashLimiter(standIn.url, standIn.token);
    expect(first.kind).toBe("upstash");
    const outcomes = [];
    for (let index = 0; index < 3; index++) outcomes.push(await (index % 2 ? second : first).limit(identifier, 3));
    expect(outcomes.map((outcome) => outcome.remaining)).toEqual([2, 1, 0]);
    const refused = await second.limit(identifier, 3);
    expect(refused.success).toBe(false);
    expect(refused.resetMs).toBeGreaterThan(0);
    expect(refused.resetMs).toBeLessThanOrEqual(60_000);
    // The scripts really ran in Redis.
    expect(standIn.commands.some((command) => /^EVAL/i.test(command[0]))).toBe(true);
  });

  it("keeps a day's count under its own key, ending at 00:00 UTC", async () => {
    const identifier = `day-${crypto.randomUUID()}`;
    const limiter = createUpstashLimiter(standIn.url, standIn.token);
    expect((await limiter.limit(identifier, 1, "minute")).success).toBe(true);
    const first = await limiter.limit(identifier, 2, "day");
    expect([first.success, first.remaining]).toEqual([true, 1]);
    expect((await limiter.limit(identifier, 2, "day")).success).toBe(true);
    const refused = await limiter.limit(identifier, 2, "day");
    expect(refused.success).toBe(false);
    expect(Math.abs(refused.resetMs - windowResetMs("day"))).toBeLessThan(5_000);
  });
});

describe("reset header format", () => {
  it("spells durations as OpenAI does", () => {
    expect(formatResetDuration(250)).toBe("250ms");
    expect(formatResetDuration(12_000)).toBe("12s");
    expect(formatResetDuration(61_000)).toBe("1m1s");
  });
});
