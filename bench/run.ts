// npm run bench [-- --duration <s>] [--quick] [--skip-gateway] [--chunk-delay <ms>] [--warmup <s>] [--overload <s>]
//                 [--limiter-only] [--no-profile] [--cold <s>]
// Measures direct-to-mock, the floor proxy and the gateway side by side, the gateway pinned to a core of its own with
// its CPU per request counted by the kernel; its first seconds after start; and a CPU profile. See bench/README.md.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import {
  corePlan,
  cpuPerUnit,
  monotonicUs,
  pinSelf,
  type ProfileSummary,
  summariseProfiles,
  treeCpuMs,
  waitUntilQuiet,
} from "./cpu";
import {
  chatPath,
  childStopTimeoutMs,
  type Gateway,
  groupRssMb,
  log,
  repositoryRoot,
  requestBody,
  requestSpec,
  restartGateway,
  resultsDirectory,
  sleep,
  spawnBenchServer,
  startGateway,
  stopChild,
  upstreamApiKey,
} from "./harness";
import { describeLimiterResult, type LimiterBenchResult, measureLimiter } from "./limiter";
import {
  type ColdStartResult,
  measureColdStart,
  measureFixedRate,
  measureOverload,
  measureSaturated,
  measureStream,
  type LoadResult,
  type OverloadResult,
  type StreamResult,
} from "./load";

/** Issue 14's targets for the gateway, every feature on. */
const targets = {
  cpuMsPerRequest: 1.0,
  cpuMsPerStream: 1.2,
  fixedRateP50OverFloorMs: 1.0,
  fixedRateP99OverFloorMs: 5.0,
  firstByteOverFloorMs: 2.0,
  streamTotalOverFloorMs: 3.0,
  coldThroughputShare: 0.5,
  coldMaxLatencyMs: 1_000,
  overloadServedP99Ms: 250,
  steadyRssMb: 350,
};

interface Options {
  durationSeconds: number;
  warmupSeconds: number;
  settleSeconds: number;
  streamCount: number;
  chunkDelayMs: number;
  quick: boolean;
  skipGateway: boolean;
  /** Seconds of open-loop overload on the gateway (0: skipped). */
  overloadSeconds: number;
  /** Only the rate limiter's cost per request (against Redis on 127.0.0.1:6379 through the Upstash stand-in). */
  limiterOnly: boolean;
  /** Seconds measured from the moment a freshly started gateway is ready (0: skipped). */
  coldSeconds: number;
  /** A CPU profile (--cpu-prof) of the gateway under saturated load, summarised by self time. */
  profile: boolean;
}

interface TargetResult {
  saturated: LoadResult;
  fixedRate: LoadResult;
  stream: StreamResult;
  /** 50-chunk streams, closed loop at 50 connections: the streams' steady state, as `saturated` is the requests'. */
  saturatedStreams: LoadResult;
  /**
   * The kernel's count of the target's CPU time (its process and those under it), per answer: saturated (the
   * target's measure, as for requests) and sequential (one stream at a time: every stream also pays alone the costs
   * a busy process shares, such as a usage batch and the loop's wake-ups).
   */
  cpu: { msPerRequest: number; msPerStream: number; msPerSequentialStream: number };
  /** Its resident memory after the 100 req/s run, MB (the process group for the gateway). */
  rssMb: number;
}

/** The gateway past capacity: open loop at 3× its saturated rate, and its memory before, after and a minute later. */
interface OverloadReport {
  result: OverloadResult;
  rssMb: { before: number; after: number; settled: number };
  /**
   * CPU time per second of the run: the gateway's process group, and this process (the load generator, on the core
   * it shares with the mock). A generator near 1 core is itself the bottleneck: the latencies are then partly its own.
   */
  coresUsed: { gateway: number; generator: number };
}

type TargetName = "direct" | "floor" | "gateway";

interface Check {
  name: string;
  target: string;
  measured: number | null;
  unit: string;
  status: "PASS" | "MISS" | "n/a";
  note?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes("--quick");
  const numberFlag = (name: string, fallback: number): number => {
    const index = argv.indexOf(name);
    if (index < 0) return fallback;
    const value = Number(argv[index + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a non-negative number`);
    return value;
  };
  return {
    quick,
    skipGateway: argv.includes("--skip-gateway"),
    limiterOnly: argv.includes("--limiter-only"),
    durationSeconds: numberFlag("--duration", quick ? 3 : 10),
    warmupSeconds: numberFlag("--warmup", 2),
    settleSeconds: quick ? 1 : 2,
    streamCount: Math.max(1, Math.round(numberFlag("--stream-count", quick ? 50 : 200))),
    chunkDelayMs: numberFlag("--chunk-delay", 0),
    overloadSeconds: numberFlag("--overload", quick ? 5 : 10),
    coldSeconds: numberFlag("--cold", quick ? 5 : 10),
    profile: !argv.includes("--no-profile"),
  };
}

async function checkTarget(origin: string, apiKey: string): Promise<string | undefined> {
  const plain = requestSpec(origin, apiKey, false);
  const response = await fetch(`${origin}${chatPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...plain.headers },
    body: plain.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`non-stream request answered ${response.status}: ${text.slice(0, 500)}`);
  const parsed: unknown = JSON.parse(text);
  const hasChoices =
    typeof parsed === "object" &&
    parsed !== null &&
    "choices" in parsed &&
    Array.isArray(parsed.choices) &&
    parsed.choices.length > 0;
  if (!hasChoices) throw new Error(`non-stream answer has no choices: ${text.slice(0, 500)}`);

  const streamed = requestSpec(origin, apiKey, true);
  const streamResponse = await fetch(`${origin}${chatPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...streamed.headers },
    body: streamed.body,
    signal: AbortSignal.timeout(30_000),
  });
  const streamText = await streamResponse.text();
  if (streamResponse.status !== 200)
    throw new Error(`stream request answered ${streamResponse.status}: ${streamText.slice(0, 500)}`);
  if (!streamText.trimEnd().endsWith("data: [DONE]"))
    return `stream did not end with [DONE]; it ended with: ${streamText.trimEnd().slice(-300)}`;
  return undefined;
}

async function measureTarget(
  target: { name: TargetName; origin: string; apiKey: string; pid: number | undefined },
  options: Options,
): Promise<TargetResult> {
  const { name, origin, apiKey, pid } = target;
  const plain = requestSpec(origin, apiKey, false);
  const streamed = requestSpec(origin, apiKey, true);
  log(`${name}: warm-up ${options.warmupSeconds} s`);
  if (options.warmupSeconds > 0) {
    await measureSaturated(plain, { connections: 50, durationSeconds: options.warmupSeconds });
    await measureStream(streamed, { count: 20 });
    await sleep(options.settleSeconds * 1000);
  }
  log(`${name}: saturated, 50 connections, ${options.durationSeconds} s`);
  const saturated = await cpuPerUnit(
    pid,
    () => measureSaturated(plain, { connections: 50, durationSeconds: options.durationSeconds }),
    (result) => result.requests,
  );
  await sleep(options.settleSeconds * 1000);
  const quietAfterMs = await waitUntilQuiet(pid);
  log(
    `${name}: fixed 100 req/s, ${options.durationSeconds} s (quiet ${formatNumber(quietAfterMs / 1000, 1)} s after the saturated run's settling)`,
  );
  const fixedRate = await measureFixedRate(plain, {
    rate: 100,
    connections: 10,
    durationSeconds: options.durationSeconds,
  });
  const rssMb = groupRssMb(pid);
  await sleep(options.settleSeconds * 1000);
  log(`${name}: ${options.streamCount} sequential streams`);
  const stream = await cpuPerUnit(
    pid,
    () => measureStream(streamed, { count: options.streamCount }),
    (result) => result.count,
  );
  await sleep(options.settleSeconds * 1000);
  log(`${name}: saturated streams, 50 connections, ${options.durationSeconds} s`);
  const saturatedStreams = await cpuPerUnit(
    pid,
    () => measureSaturated(streamed, { connections: 50, durationSeconds: options.durationSeconds }),
    (result) => result.requests,
  );
  return {
    saturated: saturated.result,
    fixedRate,
    stream: stream.result,
    saturatedStreams: saturatedStreams.result,
    cpu: {
      msPerRequest: saturated.cpuMsPerUnit,
      msPerStream: saturatedStreams.cpuMsPerUnit,
      msPerSequentialStream: stream.cpuMsPerUnit,
    },
    rssMb,
  };
}

async function measureGatewayOverload(
  gateway: Gateway,
  capacityRps: number,
  options: Options,
): Promise<OverloadReport> {
  const rate = Math.max(100, Math.round(capacityRps * 3));
  const pid = gateway.app.child.pid;
  const before = groupRssMb(pid);
  log(`gateway: overload, open loop at ${rate} req/s (3× its saturated rate), ${options.overloadSeconds} s`);
  let startedAt = 0;
  let ownBefore = process.cpuUsage();
  let gatewayBefore = 0;
  const result = await measureOverload(requestSpec(gateway.origin, gateway.apiKey, false), {
    rate,
    durationSeconds: options.overloadSeconds,
    // /V1 in another letter case: answered with a 404 by the server in front of Next, before the shedder.
    openWith: "/V1/",
    onFloodStart: () => {
      startedAt = performance.now();
      ownBefore = process.cpuUsage();
      gatewayBefore = treeCpuMs(pid);
    },
  });
  const own = process.cpuUsage(ownBefore);
  const seconds = (performance.now() - startedAt) / 1000;
  const coresUsed = {
    gateway: (treeCpuMs(pid) - gatewayBefore) / 1000 / seconds,
    generator: (own.user + own.system) / 1e6 / seconds,
  };
  const after = groupRssMb(pid);
  log("gateway: a minute idle, then its memory again");
  await sleep(60_000);
  return { result, rssMb: { before, after, settled: groupRssMb(pid) }, coresUsed };
}

function resultPath(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const plain = join(resultsDirectory, `${day}.json`);
  if (!existsSync(plain)) return plain;
  return join(resultsDirectory, `${day}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.json`);
}

function failures(measurement: { errors: number; non2xx: number }): string | undefined {
  if (measurement.errors === 0 && measurement.non2xx === 0) return undefined;
  return `${measurement.errors} errors, ${measurement.non2xx} non-2xx`;
}

function evaluate(
  floor: TargetResult,
  gateway: TargetResult | undefined,
  cold: ColdStartResult | undefined,
  overload: OverloadReport | undefined,
): Check[] {
  const check = (
    name: string,
    target: string,
    measured: number | undefined,
    unit: string,
    meets: (value: number) => boolean,
    failed?: string,
  ): Check => {
    if (measured === undefined || !Number.isFinite(measured))
      return { name, target, measured: null, unit, status: "n/a", note: "not measured" };
    return {
      name,
      target,
      measured,
      unit,
      status: meets(measured) && failed === undefined ? "PASS" : "MISS",
      ...(failed === undefined ? {} : { note: failed }),
    };
  };
  const over = (pick: (result: TargetResult) => number) => (gateway ? pick(gateway) - pick(floor) : undefined);
  const firstSecondMax = cold ? Math.max(...cold.servedPerSecond) : undefined;
  return [
    check(
      "CPU per non-stream request",
      `<= ${targets.cpuMsPerRequest}`,
      gateway?.cpu.msPerRequest,
      "ms",
      (value) => value <= targets.cpuMsPerRequest,
      gateway && failures(gateway.saturated),
    ),
    check(
      "CPU per 50-chunk stream (saturated, 50 connections)",
      `<= ${targets.cpuMsPerStream}`,
      gateway?.cpu.msPerStream,
      "ms",
      (value) => value <= targets.cpuMsPerStream,
      gateway && failures(gateway.saturatedStreams),
    ),
    check(
      "p50 at 100 req/s over the floor",
      `<= ${targets.fixedRateP50OverFloorMs}`,
      over((result) => result.fixedRate.p50),
      "ms",
      (value) => value <= targets.fixedRateP50OverFloorMs,
      gateway && failures(gateway.fixedRate),
    ),
    check(
      "p99 at 100 req/s over the floor",
      `<= ${targets.fixedRateP99OverFloorMs}`,
      over((result) => result.fixedRate.p99),
      "ms",
      (value) => value <= targets.fixedRateP99OverFloorMs,
      gateway && failures(gateway.fixedRate),
    ),
    check(
      "stream first byte (p50) over the floor",
      `<= ${targets.firstByteOverFloorMs}`,
      over((result) => result.stream.firstByte.p50),
      "ms",
      (value) => value <= targets.firstByteOverFloorMs,
      gateway && failures(gateway.stream),
    ),
    check(
      "whole 50-chunk stream (p50) over the floor",
      `<= ${targets.streamTotalOverFloorMs}`,
      over((result) => result.stream.total.p50),
      "ms",
      (value) => value <= targets.streamTotalOverFloorMs,
      gateway && failures(gateway.stream),
    ),
    check(
      "first seconds after start: throughput share of steady state",
      `>= ${targets.coldThroughputShare}`,
      cold && gateway ? cold.rps / gateway.saturated.rps : undefined,
      "x",
      (value) => value >= targets.coldThroughputShare,
      cold && (cold.errors > 0 || cold.non2xx > 0) ? `${cold.errors} errors, ${cold.non2xx} non-2xx` : undefined,
    ),
    check(
      "first seconds after start: slowest request",
      `< ${targets.coldMaxLatencyMs}`,
      cold?.max,
      "ms",
      (value) => value < targets.coldMaxLatencyMs,
      firstSecondMax === 0 ? "a second served nothing" : undefined,
    ),
    check(
      "overload at 3x: p99 of the requests served",
      `< ${targets.overloadServedP99Ms}`,
      overload?.result.servedLatency.p99,
      "ms",
      (value) => value < targets.overloadServedP99Ms,
    ),
    check(
      "steady-state RSS (after 100 req/s)",
      `< ${targets.steadyRssMb}`,
      gateway?.rssMb,
      "MB",
      (value) => value < targets.steadyRssMb,
    ),
  ];
}

function formatNumber(value: number | undefined, digits: number): string {
  if (value === undefined || !Number.isFinite(value)) return "-";
  return value.toFixed(digits);
}

function printTable(results: Partial<Record<TargetName, TargetResult>>): void {
  interface Row {
    label: string;
    pick: (result: TargetResult) => number;
    digits: number;
  }
  const rows: Row[] = [
    { label: "saturated req/s (50 conn)", pick: (result) => result.saturated.rps, digits: 0 },
    { label: "saturated p50 ms", pick: (result) => result.saturated.p50, digits: 0 },
    { label: "saturated p99 ms", pick: (result) => result.saturated.p99, digits: 0 },
    { label: "100 req/s p50 ms", pick: (result) => result.fixedRate.p50, digits: 2 },
    { label: "100 req/s p99 ms", pick: (result) => result.fixedRate.p99, digits: 2 },
    { label: "stream first byte p50 ms", pick: (result) => result.stream.firstByte.p50, digits: 2 },
    { label: "stream first byte p99 ms", pick: (result) => result.stream.firstByte.p99, digits: 2 },
    { label: "stream total p50 ms", pick: (result) => result.stream.total.p50, digits: 2 },
    { label: "stream total p99 ms", pick: (result) => result.stream.total.p99, digits: 2 },
    { label: "streams without [DONE]", pick: (result) => result.stream.incomplete, digits: 0 },
    { label: "CPU ms per request (saturated)", pick: (result) => result.cpu.msPerRequest, digits: 3 },
    { label: "saturated streams/s (50 conn)", pick: (result) => result.saturatedStreams.rps, digits: 0 },
    { label: "CPU ms per stream (saturated)", pick: (result) => result.cpu.msPerStream, digits: 3 },
    { label: "CPU ms per stream (sequential)", pick: (result) => result.cpu.msPerSequentialStream, digits: 3 },
    { label: "RSS MB after 100 req/s", pick: (result) => result.rssMb, digits: 0 },
    {
      label: "errors + non-2xx (all runs)",
      pick: (result) =>
        [result.saturated, result.fixedRate, result.stream, result.saturatedStreams].reduce(
          (sum, run) => sum + run.errors + run.non2xx,
          0,
        ),
      digits: 0,
    },
  ];
  const header = ["", "direct", "floor", "gateway", "direct/floor", "gateway/floor", "gateway-floor"];
  const body = rows.map((row) => {
    const direct = results.direct && row.pick(results.direct);
    const floor = results.floor && row.pick(results.floor);
    const gateway = results.gateway && row.pick(results.gateway);
    const ratio = (value: number | undefined) =>
      value === undefined || floor === undefined || floor === 0 ? undefined : value / floor;
    const difference = gateway === undefined || floor === undefined ? undefined : gateway - floor;
    return [
      row.label,
      formatNumber(direct, row.digits),
      formatNumber(floor, row.digits),
      formatNumber(gateway, row.digits),
      formatNumber(ratio(direct), 2),
      formatNumber(ratio(gateway), 2),
      formatNumber(difference, row.digits),
    ];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => cells[column].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ");
  console.log(render(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const cells of body) console.log(render(cells));
}

/** --limiter-only: the targets are not started. */
class SkipTargets extends Error {}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(resultsDirectory, { recursive: true });
  const startedAt = new Date();
  // Other work on the machine skews every number; the load average lets a reader discount a noisy run.
  const loadAverageAtStart = loadavg();
  const results: Partial<Record<TargetName, TargetResult>> = {};
  const problems: Partial<Record<TargetName | "overload" | "limiter" | "profile", string>> = {};
  let overload: OverloadReport | undefined;
  const children: ChildProcess[] = [];
  let gateway: Gateway | undefined;
  let limiter: LimiterBenchResult | undefined;
  try {
    limiter = await measureLimiter(options.quick ? 300 : 1_000);
    log(describeLimiterResult(limiter));
  } catch (error) {
    problems.limiter = `not measured (is Redis on 127.0.0.1:6379?): ${error instanceof Error ? error.message : String(error)}`;
  }

  // With two cores or more: the server measured (the floor, then the gateway) on core 0, everything else on core 1.
  const cores = corePlan();
  if (cores) pinSelf(cores.rest);
  let cold: ColdStartResult | undefined;
  /** The steady state's profile (non-stream, saturated), and that of sequential 50-chunk streams. */
  let profile: { steady: ProfileSummary; streams?: ProfileSummary } | undefined;
  try {
    if (options.limiterOnly) throw new SkipTargets();
    const chunkDelay = ["--chunk-delay", String(options.chunkDelayMs)];
    const mock = await spawnBenchServer("mock-upstream.ts", [...chunkDelay, "--api-key", upstreamApiKey], cores?.rest);
    children.push(mock.child);
    const floor = await spawnBenchServer("floor-proxy.ts", [mock.url], cores?.server);
    children.push(floor.child);
    log(
      `mock upstream ${mock.url}, floor proxy ${floor.url}${cores ? `; servers on core ${cores.server}, load on core ${cores.rest}` : ""}`,
    );

    if (!options.skipGateway) {
      log("starting the gateway (scripts/start.ts); output goes to bench/results/app.log");
      try {
        // Built, migrated and keyed first; then started again, pinned, to be measured from its first second.
        gateway = await restartGateway(await startGateway(mock.url), { cpus: cores?.server });
        if (options.coldSeconds > 0) {
          log(`gateway: its first ${options.coldSeconds} s after it reported ready, 50 connections`);
          cold = await measureColdStart(requestSpec(gateway.origin, gateway.apiKey, false), {
            seconds: options.coldSeconds,
            connections: 50,
          });
          await sleep(options.settleSeconds * 1000);
        }
      } catch (error) {
        problems.gateway = error instanceof Error ? error.message : String(error);
        log(`gateway did not start: ${problems.gateway}`);
      }
    }

    const plan: { name: TargetName; origin: string; apiKey: string; pid: number | undefined }[] = [
      { name: "direct", origin: mock.url, apiKey: upstreamApiKey, pid: mock.child.pid },
      { name: "floor", origin: floor.url, apiKey: upstreamApiKey, pid: floor.child.pid },
    ];
    if (gateway !== undefined)
      plan.push({ name: "gateway", origin: gateway.origin, apiKey: gateway.apiKey, pid: gateway.app.child.pid });

    for (const target of plan) {
      try {
        const streamProblem = await checkTarget(target.origin, target.apiKey);
        if (streamProblem !== undefined) {
          problems[target.name] = streamProblem;
          log(`${target.name}: ${streamProblem}`);
        }
        results[target.name] = await measureTarget(target, options);
      } catch (error) {
        problems[target.name] = error instanceof Error ? error.message : String(error);
        log(`${target.name} was not measured: ${problems[target.name]}`);
      }
    }
    const capacity = results.gateway?.saturated.rps;
    if (gateway !== undefined && capacity !== undefined && options.overloadSeconds > 0) {
      try {
        overload = await measureGatewayOverload(gateway, capacity, options);
      } catch (error) {
        problems.overload = error instanceof Error ? error.message : String(error);
      }
    }
    if (gateway !== undefined && options.profile) {
      try {
        const directory = join(resultsDirectory, `profile-${Date.now()}`);
        gateway = await restartGateway(gateway, { cpus: cores?.server, profileDirectory: directory });
        const plain = requestSpec(gateway.origin, gateway.apiKey, false);
        log(
          `gateway: CPU profile of ${options.durationSeconds} s saturated (after a ${options.warmupSeconds} s warm-up)`,
        );
        await measureSaturated(plain, { connections: 50, durationSeconds: options.warmupSeconds });
        const steady = { fromUs: monotonicUs(), toUs: 0 };
        await measureSaturated(plain, { connections: 50, durationSeconds: options.durationSeconds });
        steady.toUs = monotonicUs();
        log(`gateway: CPU profile of ${options.streamCount} sequential streams`);
        const streaming = { fromUs: monotonicUs(), toUs: 0 };
        await measureStream(requestSpec(gateway.origin, gateway.apiKey, true), { count: options.streamCount });
        streaming.toUs = monotonicUs();
        // The profile is written when the process exits; only the measured runs are summed, not the start-up.
        await gateway.app.stop(childStopTimeoutMs);
        gateway = undefined;
        const steadyProfile = summariseProfiles(directory, 25, steady);
        if (steadyProfile) profile = { steady: steadyProfile, streams: summariseProfiles(directory, 25, streaming) };
        else problems.profile = `no .cpuprofile was written to ${directory}`;
      } catch (error) {
        problems.profile = error instanceof Error ? error.message : String(error);
      }
    }
  } catch (error) {
    if (!(error instanceof SkipTargets)) throw error;
  } finally {
    if (gateway !== undefined) await gateway.app.stop(childStopTimeoutMs);
    for (const child of children.reverse()) await stopChild(child);
  }

  const checks = results.floor ? evaluate(results.floor, results.gateway, cold, overload) : [];
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      node: process.version,
      platform: process.platform,
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
    },
    options,
    request: requestBody,
    cores: cores ?? "not pinned (fewer than two cores, or no taskset)",
    results,
    coldStart: cold,
    overload,
    profile,
    limiter,
    problems,
    checks,
  };
  const path = resultPath(startedAt);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);

  console.log("");
  printTable(results);
  console.log("");
  for (const check of checks) {
    const measured =
      check.measured === null
        ? ""
        : ` measured ${formatNumber(check.measured, 2)} ${check.unit} (target ${check.target})`;
    console.log(`${check.status.padEnd(4)}  ${check.name}${measured}${check.note ? ` [${check.note}]` : ""}`);
  }
  if (overload) {
    const { result, rssMb } = overload;
    console.log(
      `overload at ${result.rate} req/s: ${result.served} served (${formatNumber(result.servedRps, 0)}/s, p99 ` +
        `${formatNumber(result.servedLatency.p99, 1)} ms), ${result.shed} refused with 503 (p50 ${formatNumber(result.shedLatency.p50, 1)} ms, ` +
        `p99 ${formatNumber(result.shedLatency.p99, 1)} ms), ${result.timedOut} timed out, ${result.otherStatus} other; RSS ` +
        `${formatNumber(rssMb.before, 0)} → ${formatNumber(rssMb.after, 0)} → ${formatNumber(rssMb.settled, 0)} MB a minute later; ` +
        `cores busy: gateway ${formatNumber(overload.coresUsed.gateway, 2)}, load generator ${formatNumber(overload.coresUsed.generator, 2)}`,
    );
    console.log(
      `  on ${result.connectionsOpened.count} connections opened before it (in ${formatNumber(result.connectionsOpened.ms, 0)} ms); sent after the first second: served p50 ${formatNumber(result.servedLatencyAfterFirstSecond.p50, 1)} ms, p99 ${formatNumber(result.servedLatencyAfterFirstSecond.p99, 1)} ms; served per second sent (p99 ms): ${result.servedBySecond.map(({ served, p99 }) => `${served} (${formatNumber(p99, 0)})`).join(", ")}`,
    );
  }
  if (cold) {
    console.log(
      `first ${cold.seconds} s after start (50 connections): ${formatNumber(cold.rps, 0)} req/s, per second ` +
        `[${cold.servedPerSecond.join(", ")}], p50 ${formatNumber(cold.p50, 1)} ms, p99 ${formatNumber(cold.p99, 1)} ms, ` +
        `slowest ${formatNumber(cold.max, 1)} ms, ${cold.errors} errors, ${cold.non2xx} non-2xx`,
    );
    for (const [status, { count, first }] of Object.entries(cold.refusals)) {
      console.log(`  ${count} × ${status}, the first: ${first}`);
    }
  }
  for (const [what, summary] of [
    ["saturated non-stream requests", profile?.steady],
    ["sequential streams", profile?.streams],
  ] as const) {
    if (!summary) continue;
    console.log(
      `CPU profile of the ${what} (${relative(repositoryRoot, summary.file)}), self time by origin (ms): ${JSON.stringify(summary.byOrigin)}`,
    );
    for (const line of summary.top.slice(0, 15)) {
      console.log(`  ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.function}  ${line.where}`);
    }
  }
  if (limiter) console.log(describeLimiterResult(limiter));
  for (const [name, problem] of Object.entries(problems)) console.log(`problem: ${name}: ${problem}`);
  console.log(
    `load average at start ${loadAverageAtStart.map((value) => value.toFixed(2)).join(" ")}, at end ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")} (${cpus().length} cores)`,
  );
  console.log(`results written to ${relative(repositoryRoot, path)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
