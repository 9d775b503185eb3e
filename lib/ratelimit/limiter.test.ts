import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayError } from "../gateway/errors";
import { startUpstashStandIn, type UpstashStandIn } from "../../tests/stand-ins/upstash-redis";
import { createLimiter, createMemoryLimiter, formatResetDuration, type RateLimiter, windowResetMs } from "./limiter";
import { createMemoryStore } from "./memory-store";
import { createUpstashStore } from "./upstash-store";

let standIn: UpstashStandIn;
beforeAll(async () => {
  standIn = await startUpstashStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

/** A clock the test moves; starts 10 s into a minute. */
function fakeClock() {
  let now = Date.UTC(2026, 0, 15, 12, 0, 10);
  return { now: () => now, advance: (milliseconds: number) => (now += milliseconds) };
}

const stores = {
  "in-process": () => createMemoryStore(),
  "Upstash (real Redis through the REST stand-in)": () =>
    createUpstashStore({ url: standIn.url, token: standIn.token }),
};

describe.each(Object.entries(stores))("%s store", (_name, makeStore) => {
  const setup = (leaseMs = 60_000) => {
    const clock = fakeClock();
    const store = makeStore();
    const limiter = createLimiter({ store, clock: clock.now, leaseMs });
    return { clock, limiter, store, id: `test-${crypto.randomUUID()}` };
  };

  it("allows the requests per minute, refuses the next with the time to the minute's end, and resets", async () => {
    const { clock, limiter, id } = setup();
    const outcomes = [];
    for (let index = 0; index < 4; index++) outcomes.push(await limiter.limit(id, 3));
    expect(outcomes.map((outcome) => [outcome.success, outcome.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(outcomes[3].resetMs).toBe(50_000);
    clock.advance(50_000);
    expect(await limiter.limit(id, 3)).toMatchObject({ success: true, remaining: 2 });
  });

  it("counts a day apart from the minute, resetting at 00:00 UTC", async () => {
    const { clock, limiter, id } = setup();
    const perDay = { kind: "requests", window: "day", max: 2 } as const;
    expect((await limiter.admit(id, [perDay])).admitted).toBe(true);
    clock.advance(60_000);
    expect((await limiter.admit(id, [perDay])).admitted).toBe(true);
    const refused = await limiter.admit(id, [perDay]);
    expect(refused.admitted).toBe(false);
    expect(refused.results[0].resetMs).toBe(windowResetMs("day", clock.now()));
    clock.advance(windowResetMs("day", clock.now()));
    expect((await limiter.admit(id, [perDay])).admitted).toBe(true);
  });

  it("refuses as a whole: a request refused by one limit counts against none", async () => {
    const { limiter, id } = setup();
    const checks = [
      { kind: "requests", window: "minute", max: 10 },
      { kind: "requests", window: "day", max: 1 },
    ] as const;
    expect((await limiter.admit(id, [...checks])).admitted).toBe(true);
    const refused = await limiter.admit(id, [...checks]);
    expect(refused.admitted).toBe(false);
    if (!refused.admitted) expect(refused.refused.check).toEqual(checks[1]);
    const [minute] = await limiter.peek(id, [checks[0]]);
    expect(minute.remaining).toBe(9);
  });

  it("reserves a request's worst-case tokens, refuses what would exceed the minute, and corrects to real usage", async () => {
    const { clock, limiter, id } = setup();
    const tokens = (count: number) => [{ kind: "tokens", max: 1_000, tokens: count }] as const;
    const first = await limiter.admit(id, [...tokens(600)]);
    expect(first.admitted && first.results[0].remaining).toBe(400);
    // 600 reserved: another 600 would exceed 1,000.
    const refused = await limiter.admit(id, [...tokens(600)]);
    expect(refused.admitted).toBe(false);
    expect(refused.results[0].resetMs).toBe(50_000);
    // The first used only 100: corrected, there is room again.
    if (first.admitted) await limiter.settle(first.hold, 100);
    expect((await limiter.peek(id, [...tokens(0)]))[0].remaining).toBe(900);
    const second = await limiter.admit(id, [...tokens(600)]);
    expect(second.admitted).toBe(true);
    // A request that used more than it reserved is counted for what it used.
    if (second.admitted) await limiter.settle(second.hold, 800);
    expect((await limiter.peek(id, [...tokens(0)]))[0].remaining).toBe(100);
    // A correction after its minute ended changes nothing in the next minute.
    const late = await limiter.admit(id, [...tokens(100)]);
    clock.advance(50_000);
    if (late.admitted) await limiter.settle(late.hold, 0);
    expect((await limiter.peek(id, [...tokens(0)]))[0].remaining).toBe(1_000);
  });

  it("holds a concurrency slot until the request settles, and a lease ends a slot its instance never freed", async () => {
    const { clock, limiter, store, id } = setup(30_000);
    const slot = [{ kind: "concurrency", max: 2 }] as const;
    const first = await limiter.admit(id, [...slot]);
    const second = await limiter.admit(id, [...slot]);
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    const third = await limiter.admit(id, [...slot]);
    expect(third.admitted).toBe(false);
    expect(third.results[0].remaining).toBe(0);
    if (first.admitted) await limiter.settle(first.hold, 0);
    expect((await limiter.admit(id, [...slot])).admitted).toBe(true);
    expect((await limiter.admit(id, [...slot])).admitted).toBe(false);
    // A live request renews its lease and keeps its slot past the lease's first end; the one not renewed loses it.
    clock.advance(20_000);
    if (second.admitted) await store.renew(second.hold, 30_000, clock.now());
    clock.advance(20_000);
    expect((await limiter.peek(id, [...slot]))[0].remaining).toBe(1);
    // Neither holder settles (its instance died): the slots come back when the lease runs out.
    clock.advance(30_001);
    const [after] = await limiter.peek(id, [...slot]);
    expect(after.remaining).toBe(2);
  });
});

describe("store out of reach", () => {
  const unreachable = () => createUpstashStore({ url: "http://127.0.0.1:9", token: "t", timeoutMs: 500 });

  it("fails open to the in-process store, and releases a hold where it was counted", async () => {
    const limiter = createLimiter({ store: unreachable(), whenUnreachable: { fallback: createMemoryStore() } });
    const slot = [{ kind: "concurrency", max: 1 }] as const;
    const first = await limiter.admit("open", [...slot]);
    expect(first.admitted).toBe(true);
    expect((await limiter.admit("open", [...slot])).admitted).toBe(false);
    if (first.admitted) await limiter.settle(first.hold, 0);
    expect((await limiter.admit("open", [...slot])).admitted).toBe(true);
  });

  it("fails closed with 503 when configured so", async () => {
    const limiter = createLimiter({ store: unreachable(), whenUnreachable: "closed" });
    const refusal = await limiter.limit("closed", 5).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GatewayError);
    expect((refusal as GatewayError).status).toBe(503);
  });
});

describe("the Upstash store counts across instances", () => {
  it("two limiters (as two app instances) share one count, running the scripts in Redis", async () => {
    const identifier = `shared-${crypto.randomUUID()}`;
    const limiters: RateLimiter[] = [0, 1].map(() =>
      createLimiter({ store: createUpstashStore({ url: standIn.url, token: standIn.token }) }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) => limiters[index % 2].limit(identifier, 6)),
    );
    expect(outcomes.filter((outcome) => outcome.success)).toHaveLength(6);
    expect(standIn.commands.some((command) => /^EVAL/i.test(command[0]))).toBe(true);
  });
});

describe("in-process limiter with the real clock", () => {
  it("ends a minute on the minute and a day at the next 00:00 UTC", async () => {
    const now = Date.UTC(2026, 0, 15, 22, 30, 15, 500);
    expect(windowResetMs("minute", now)).toBe(44_500);
    expect(windowResetMs("day", now)).toBe(Date.UTC(2026, 0, 16) - now);
    expect((await createMemoryLimiter().limit("a", 1)).success).toBe(true);
  });
});

describe("reset header format", () => {
  it("spells durations as OpenAI does", () => {
    expect(formatResetDuration(250)).toBe("250ms");
    expect(formatResetDuration(12_000)).toBe("12s");
    expect(formatResetDuration(61_000)).toBe("1m1s");
  });
});
