import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summariseProfiles, treeCpuMs } from "./cpu";

describe("the kernel's CPU count of a process tree", () => {
  it.runIf(process.platform === "linux")("grows by the CPU this process spends, as Node counts it", () => {
    const before = treeCpuMs(process.pid);
    const start = process.cpuUsage();
    const used = () => {
      const { user, system } = process.cpuUsage(start);
      return (user + system) / 1000;
    };
    // 200 ms of CPU, however long a loaded machine takes to give it.
    let spin = 0;
    while (used() < 200) spin += Math.sqrt(spin + 1);
    const spent = treeCpuMs(process.pid) - before;
    expect(spin).toBeGreaterThan(0);
    // Counted in clock ticks (10 ms), and this process's other threads (the worker pool, GC) count too.
    expect(spent).toBeGreaterThanOrEqual(used() - 30);
    expect(spent).toBeLessThan(used() + 500);
  });

  it("is NaN for no process", () => {
    expect(treeCpuMs(undefined)).toBeNaN();
  });
});

describe("a CPU profile's summary", () => {
  it("sums self time by function and by origin from the busiest profile, idle left out of the shares", () => {
    const directory = mkdtempSync(join(tmpdir(), "profile-"));
    const node = (id: number, functionName: string, url: string) => ({
      id,
      callFrame: { functionName, url, lineNumber: 9 },
    });
    const profile = {
      nodes: [
        node(1, "(root)", ""),
        node(2, "handle", "file:///app/node_modules/next/dist/server/base-server.js"),
        node(3, "authenticate", "file:///app/.next/server/chunks/auth.js"),
        node(4, "(idle)", ""),
        node(5, "(garbage collector)", ""),
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 2, 3, 4, 5, 2],
      timeDeltas: [0, 1_000, 1_000, 1_000, 2_000, 1_000],
    };
    writeFileSync(join(directory, "big.cpuprofile"), JSON.stringify(profile));
    // More samples, but idle: a thread that waited (tsx's module loader) is not the server.
    writeFileSync(
      join(directory, "idle.cpuprofile"),
      JSON.stringify({ ...profile, samples: [4, 4, 4, 4, 4, 4, 4, 4, 2], timeDeltas: [0, 9, 9, 9, 9, 9, 9, 9, 9] }),
    );
    const summary = summariseProfiles(directory);
    expect(summary?.file).toMatch(/big\.cpuprofile$/);
    // Each sample's time is the gap to the next: handle 1+1 ms (the last sample has none), authenticate 1, idle 2, gc 1.
    expect(summary?.byOrigin).toEqual({ next: 2, "app bundle": 1, idle: 2, gc: 1 });
    expect(summary?.top.map((line) => [line.function, line.selfMs])).toEqual([
      ["handle", 2],
      ["authenticate", 1],
      ["(garbage collector)", 1],
    ]);
    expect(summary?.top[0].share).toBeCloseTo(0.5);
    expect(summary?.top[0].where).toBe("next/dist/server/base-server.js:10");
  });
});
