import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryLimiter, createUpstashLimiter, formatResetDuration } from "./limiter";
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
});

describe("reset header format", () => {
  it("spells durations as OpenAI does", () => {
    expect(formatResetDuration(250)).toBe("250ms");
    expect(formatResetDuration(12_000)).toBe("12s");
    expect(formatResetDuration(61_000)).toBe("1m1s");
  });
});
