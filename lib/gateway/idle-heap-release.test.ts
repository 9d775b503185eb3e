import { describe, expect, it } from "vitest";
import { startIdleHeapRelease } from "./idle-heap-release";

/** A heap that, like V8's, gives its pages back a step per collection: total halves its excess each time. */
function harness(startHeap: number) {
  const state = { requests: 0, used: startHeap, total: startHeap, collections: 0 };
  const release = startIdleHeapRelease({
    requests: () => state.requests,
    heap: () => ({ used: state.used, total: state.total }),
    collect: () => {
      state.collections += 1;
      state.used = startHeap;
      state.total = Math.round(startHeap + (state.total - startHeap) / 2);
    },
    everyMs: 60_000,
  });
  return { state, release };
}

describe("releasing the heap when the process goes quiet", () => {
  it("collects after a burst once no request came in for an interval, and again while that still gives memory back", () => {
    const { state, release } = harness(100);
    state.requests += 5_000;
    state.used = 450;
    state.total = 500;
    expect(release.check()).toBe(false); // requests came in: busy
    expect(state.collections).toBe(0);
    const collected: boolean[] = [];
    for (let round = 0; round < 12; round += 1) collected.push(release.check());
    expect(collected[0]).toBe(true);
    expect(state.total).toBeLessThan(110); // 500 → 300 → 200 → 150 → …: back near its size before the burst
    expect(collected.slice(-3)).toEqual([false, false, false]); // then it stops: nothing left to gain
    release.stop();
  });

  it("never collects while requests keep coming, however large the heap", () => {
    const { state, release } = harness(100);
    for (let round = 0; round < 5; round += 1) {
      state.requests += 1;
      state.used = 900;
      state.total = 1_000;
      expect(release.check()).toBe(false);
    }
    expect(state.collections).toBe(0);
    release.stop();
  });

  it("leaves a quiet process alone when its heap has not grown much, and does nothing without a collector", () => {
    const { state, release } = harness(100);
    state.used = 140;
    state.total = 300;
    expect(release.check()).toBe(false);
    const without = startIdleHeapRelease({
      requests: () => 0,
      heap: () => ({ used: 1_000, total: 2_000 }),
      collect: undefined,
      everyMs: 60_000,
    });
    expect(without.check()).toBe(false);
    without.stop();
    release.stop();
  });
});
