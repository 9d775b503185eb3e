// CPU time as the kernel counts it, for measuring a server from outside: the user + system time of a process and every
// process under it (start.ts and the server it runs), from /proc/<pid>/stat; pinning to cores with taskset; and the
// summary of a V8 CPU profile (--cpu-prof) by self time. Linux only (elsewhere: NaN, and nothing is pinned).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface Stat {
  pid: number;
  parent: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its closing one.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state(3) ppid(4) … utime(14) stime(15), so index = field number - 3.
    return { pid, parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** CPU milliseconds used so far by `rootPid` and every process under it (NaN where /proc is not there). */
export function treeCpuMs(rootPid: number | undefined): number {
  if (rootPid === undefined || !existsSync("/proc/self/stat")) return Number.NaN;
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is Stat => stat !== undefined);
  const children = new Map<number, Stat[]>();
  for (const stat of stats) children.set(stat.parent, [...(children.get(stat.parent) ?? []), stat]);
  let ticks = 0;
  const pending = stats.filter((stat) => stat.pid === rootPid);
  while (pending.length > 0) {
    const stat = pending.pop() as Stat;
    ticks += stat.ticks;
    pending.push(...(children.get(stat.pid) ?? []));
  }
  return (ticks * 1000) / clockTicks();
}

/**
 * Waits until `pid`'s tree is quiet: under `share` of a core over the last `windowMs`, polled every `windowMs`, for at
 * most `maxMs`. Returns how long it waited, ms. A step measured right after a saturated one must not pay for work
 * that run left behind (the gateway writes a saturated run's usage records after it; on this machine they were
 * written within the two seconds the bench lets pass anyway, but a slower machine or database may take longer).
 */
export async function waitUntilQuiet(
  pid: number | undefined,
  options: { share?: number; windowMs?: number; maxMs?: number } = {},
): Promise<number> {
  const { share = 0.05, windowMs = 500, maxMs = 20_000 } = options;
  const startedAt = performance.now();
  let before = treeCpuMs(pid);
  if (Number.isNaN(before)) return 0;
  while (performance.now() - startedAt < maxMs) {
    await sleep(windowMs);
    const now = treeCpuMs(pid);
    if (now - before < share * windowMs) break;
    before = now;
  }
  return performance.now() - startedAt;
}

/** Measures the CPU that `pid`'s tree spends during `work`, per unit of what `work` returns. */
export async function cpuPerUnit<T>(
  pid: number | undefined,
  work: () => Promise<T>,
  units: (result: T) => number,
): Promise<{ result: T; cpuMs: number; cpuMsPerUnit: number }> {
  const before = treeCpuMs(pid);
  const result = await work();
  const cpuMs = treeCpuMs(pid) - before;
  const count = units(result);
  return { result, cpuMs, cpuMsPerUnit: count > 0 ? cpuMs / count : Number.NaN };
}

/**
 * Where the benchmark's parts run: with two cores or more, the server measured on core 0 and everything else (this
 * process, the load generator, the mock upstream) on core 1, so that the server's numbers are its own.
 */
export function corePlan(): { server: string; rest: string } | undefined {
  if (process.platform !== "linux" || cpus().length < 2) return undefined;
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  return { server: "0", rest: "1" };
}

/** Pins this process (every thread of it) to `cpuList`. */
export function pinSelf(cpuList: string): void {
  execFileSync("taskset", ["-a", "-cp", cpuList, String(process.pid)], { stdio: "ignore" });
}

export interface ProfileLine {
  function: string;
  where: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  top: ProfileLine[];
  /** Self time by where the code lives: Next.js, React, other packages, this repository, Node's own, V8 (gc, idle). */
  byOrigin: Record<string, number>;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function origin(url: string, name: string): string {
  if (url === "") return name === "(garbage collector)" ? "gc" : name === "(idle)" ? "idle" : "v8/native";
  if (url.startsWith("node:")) return "node";
  if (/node_modules[/\\]next[/\\]/.test(url)) return "next";
  if (/node_modules[/\\](react|react-dom|scheduler)[/\\]/.test(url)) return "react";
  if (url.includes("node_modules")) return "packages";
  if (url.includes("/.next/")) return "app bundle";
  return "repository";
}

/** A stretch of time on the monotonic clock that V8's profiles and process.hrtime share, in µs. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now on that clock: taken around a measured run, it selects the run's samples from a whole process's profile. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Sample time per node id: each sample lasts until the next one; only samples inside `window`, when given. */
function selfTimes(profile: CpuProfile, window?: ProfileWindow): Map<number, number> {
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  for (let index = 0; index < samples.length; index++) {
    at += deltas[index] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const gap = deltas[index + 1] ?? 0;
    selfUs.set(samples[index], (selfUs.get(samples[index]) ?? 0) + gap);
  }
  return selfUs;
}

function busyUs(profile: CpuProfile, selfUs: Map<number, number>): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((node) => node.id));
  let busy = 0;
  for (const [id, us] of selfUs) if (!idle.has(id)) busy += us;
  return busy;
}

/**
 * The busiest profile in `directory` (each thread writes one: the serving process's main thread, tsx's module loader,
 * start-up scripts), summed by function, the top `count` by self time; with `window`, only that stretch of it (a
 * measured run, without the process's start-up).
 */
export function summariseProfiles(directory: string, count = 25, window?: ProfileWindow): ProfileSummary | undefined {
  if (!existsSync(directory)) return undefined;
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => join(directory, name));
  let best: { file: string; profile: CpuProfile; selfUs: Map<number, number>; busy: number } | undefined;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const selfUs = selfTimes(profile, window);
    const busy = busyUs(profile, selfUs);
    if (!best || busy > best.busy) best = { file, profile, selfUs, busy };
  }
  if (!best) return undefined;
  const { profile, selfUs } = best;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, ProfileLine>();
  const byOrigin: Record<string, number> = {};
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || "(anonymous)";
    const where = url
      ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(\.next|lib|scripts)\//, "$1/")}:${lineNumber + 1}`
      : "";
    const key = `${name} ${where}`;
    const line = byFunction.get(key) ?? { function: name, where, selfMs: 0, share: 0 };
    line.selfMs += us / 1000;
    byFunction.set(key, line);
    const group = origin(url, name);
    byOrigin[group] = (byOrigin[group] ?? 0) + us / 1000;
    totalUs += us;
  }
  const busyMs = best.busy / 1000;
  const top = [...byFunction.values()]
    .filter((line) => line.function !== "(idle)")
    .sort((left, right) => right.selfMs - left.selfMs)
    .slice(0, count)
    .map((line) => ({
      ...line,
      selfMs: Math.round(line.selfMs),
      share: busyMs > 0 ? line.selfMs / busyMs : 0,
    }));
  for (const key of Object.keys(byOrigin)) byOrigin[key] = Math.round(byOrigin[key]);
  return { file: best.file, totalMs: Math.round(totalUs / 1000), top, byOrigin };
}
