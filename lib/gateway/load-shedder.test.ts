import { describe, expect, it } from "vitest";
import { createLoadShedder } from "./load-shedder";

function busy(milliseconds: number): void {
  const until = performance.now() + milliseconds;
  while (performance.now() < until) {
    // A saturated event loop.
  }
}

const tick = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Eight ticks in a row that each run `milliseconds` late: a loop late tick after tick. */
async function lateTicks(milliseconds: number): Promise<void> {
  for (let round = 0; round < 8; round += 1) {
    busy(milliseconds);
    await tick(1);
  }
}

describe("the load shedder", () => {
  it("admits up to the in-flight bound, then refuses with 503 and Retry-After until a slot frees", () => {
    const shedder = createLoadShedder({ maxInFlight: 2, maxEventLoopDelayMs: 0 });
    const first = shedder.admit();
    const second = shedder.admit();
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    const third = shedder.admit();
    expect(third).toMatchObject({ admitted: false, error: { status: 503, code: "overloaded", retryAfter: 1 } });
    if (first.admitted) {
      first.done();
      first.done();
    }
    expect(shedder.inFlight()).toBe(1);
    expect(shedder.admit().admitted).toBe(true);
    shedder.stop();
  });

  it("refuses while the event loop runs late tick after tick, and admits again once it has caught up", async () => {
    const shedder = createLoadShedder({ maxInFlight: 1_000, maxEventLoopDelayMs: 50, sampleEveryMs: 10 });
    await tick(30);
    expect(shedder.admit().admitted).toBe(true);
    await lateTicks(80);
    expect(shedder.eventLoopDelayMs()).toBeGreaterThan(50);
    expect(shedder.admit()).toMatchObject({ admitted: false, error: { code: "overloaded" } });
    await tick(200);
    expect(shedder.admit().admitted).toBe(true);
    shedder.stop();
  });

  it("admits right after one long pause (a module loading at the first request), which is not overload", async () => {
    const shedder = createLoadShedder({ maxInFlight: 1_000, maxEventLoopDelayMs: 50, sampleEveryMs: 10 });
    await tick(80);
    busy(400);
    await tick(15);
    expect(shedder.admit().admitted).toBe(true);
    await tick(25);
    expect(shedder.admit().admitted).toBe(true);
    shedder.stop();
  });

  it("in its first seconds, refuses only past the higher start-up limit, then past the usual one", async () => {
    const shedder = createLoadShedder({
      maxInFlight: 1_000,
      maxEventLoopDelayMs: 30,
      startUp: { forMs: 1_500, maxEventLoopDelayMs: 400 },
      sampleEveryMs: 10,
    });
    await lateTicks(80);
    expect(shedder.eventLoopDelayMs()).toBeGreaterThan(30);
    expect(shedder.admit().admitted).toBe(true);
    await tick(1_600 - 8 * 80);
    await lateTicks(80);
    expect(shedder.admit()).toMatchObject({ admitted: false, error: { code: "overloaded" } });
    shedder.stop();
  });

  it("with many requests in flight, refuses at a smaller delay than with few", async () => {
    const shedder = createLoadShedder({
      maxInFlight: 1_000,
      maxEventLoopDelayMs: 500,
      busy: { inFlight: 3, maxEventLoopDelayMs: 20 },
      sampleEveryMs: 10,
    });
    await lateTicks(60);
    expect(shedder.eventLoopDelayMs()).toBeGreaterThan(20);
    const admitted = [shedder.admit(), shedder.admit(), shedder.admit()];
    expect(admitted.every((admission) => admission.admitted)).toBe(true);
    expect(shedder.admit().admitted).toBe(true);
    expect(shedder.admit()).toMatchObject({ admitted: false, error: { code: "overloaded" } });
    shedder.stop();
  });

  it("with many requests in flight, refuses within a long turn, before the median of its samples has caught up", async () => {
    // Limits far above a loaded machine's timer lateness (unit tests share two cores), so that the median stays under
    // them and only the turn running now can refuse.
    const options = { maxInFlight: 1_000, maxEventLoopDelayMs: 1_000, busy: { inFlight: 3, maxEventLoopDelayMs: 100 } };
    const shedder = createLoadShedder({ ...options, sampleEveryMs: 10 });
    await tick(80);
    // A flood's first turn: requests keep being read while the loop has not come round to its timers.
    const admissions = [shedder.admit(), shedder.admit(), shedder.admit()];
    busy(150);
    admissions.push(shedder.admit());
    expect(admissions.every((admission) => admission.admitted)).toBe(true);
    expect(shedder.eventLoopDelayMs()).toBeLessThan(100);
    expect(shedder.admit()).toMatchObject({ admitted: false, error: { code: "overloaded" } });
    shedder.stop();

    // With few in flight the same long turn refuses nothing: a busy closed loop, or one slow request.
    const quiet = createLoadShedder({ ...options, sampleEveryMs: 10 });
    await tick(80);
    busy(150);
    expect([quiet.admit(), quiet.admit(), quiet.admit()].every((admission) => admission.admitted)).toBe(true);
    quiet.stop();
  });

  it("past its capacity, paces admissions: a budget per tick, cut while the loop runs late, lifted once it keeps up", async () => {
    const shedder = createLoadShedder({
      maxInFlight: 10_000,
      maxEventLoopDelayMs: 30,
      pacing: { targetUtilization: 0.75, targetDelayMs: 5, releaseAfterMs: 300, cut: 0.5 },
      sampleEveryMs: 10,
    });
    await tick(30);
    // Not overloaded: no pacing, however many arrive at once (a burst is not overload).
    const burst = Array.from({ length: 300 }, () => shedder.admit());
    expect(burst.every((admission) => admission.admitted)).toBe(true);
    expect(shedder.pacedBudget()).toBeUndefined();

    await lateTicks(60);
    expect(shedder.admit()).toMatchObject({ admitted: false, error: { code: "overloaded" } });
    expect(shedder.pacedBudget()).toBeGreaterThanOrEqual(1);

    // The loop keeps up again: the budget grows tick by tick, but one period admits only its budget.
    await tick(120);
    const budget = shedder.pacedBudget() ?? 0;
    expect(budget).toBeGreaterThan(1);
    const paced = Array.from({ length: 300 }, () => shedder.admit());
    const admitted = paced.filter((admission) => admission.admitted).length;
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(budget);
    expect(paced.at(-1)).toMatchObject({ admitted: false, error: { code: "overloaded", status: 503, retryAfter: 1 } });

    // A period that runs late cuts the budget, to `cut` of itself.
    const before = shedder.pacedBudget() ?? 0;
    busy(25);
    await tick(1);
    expect(shedder.pacedBudget()).toBe(Math.max(1, Math.floor(before * 0.5)));

    // Nothing refused for releaseAfterMs: the pacing ends, and a burst is admitted whole again.
    await tick(450);
    expect(shedder.pacedBudget()).toBeUndefined();
    const after = Array.from({ length: 300 }, () => shedder.admit());
    expect(after.every((admission) => admission.admitted)).toBe(true);
    shedder.stop();
  });
});
