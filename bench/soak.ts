// npm run soak [-- --minutes 30 --rate 150 --stream-share 0.3]
// A steady mixed load (non-stream and streamed chat, open loop) on the gateway for a long time, with the memory of its
// process group, what was served and the latency, minute by minute: a leak shows as growth, a slow leak as a slope.
// Results go to bench/results/soak-<date>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Pool } from "undici";
import {
  groupRssMb,
  log,
  requestSpec,
  resultsDirectory,
  sleep,
  spawnBenchServer,
  startGateway,
  stopChild,
  childStopTimeoutMs,
  upstreamApiKey,
} from "./harness";
import { percentile } from "./load";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index < 0 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

interface Minute {
  minute: number;
  rssMb: number;
  served: number;
  streamsServed: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
}

async function main(): Promise<void> {
  const minutes = option("--minutes", 30);
  const rate = option("--rate", 150);
  const streamShare = option("--stream-share", 0.3);
  mkdirSync(resultsDirectory, { recursive: true });
  const mock = await spawnBenchServer("mock-upstream.ts", ["--chunk-delay", "2", "--api-key", upstreamApiKey]);
  // The gateway on a core of its own, as the benchmark measures it.
  const gateway = await startGateway(mock.url, "1");
  const pid = gateway.app.child.pid;
  const pool = new Pool(gateway.origin, {
    connections: 256,
    keepAliveTimeout: 60_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const plain = requestSpec(gateway.origin, gateway.apiKey, false);
  const streamed = requestSpec(gateway.origin, gateway.apiKey, true);
  const report: Minute[] = [];
  const baselineMb = groupRssMb(pid);
  log(
    `soak: ${minutes} min at ${rate} req/s (${Math.round(streamShare * 100)}% streams); RSS at start ${baselineMb.toFixed(0)} MB`,
  );

  let latencies: number[] = [];
  let served = 0;
  let streamsServed = 0;
  let failed = 0;
  const send = async (stream: boolean): Promise<void> => {
    const spec = stream ? streamed : plain;
    const sentAt = performance.now();
    try {
      const response = await pool.request({
        path: spec.path,
        method: "POST",
        headers: { "content-type": "application/json", ...spec.headers },
        body: spec.body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200 || (stream && !text.trimEnd().endsWith("data: [DONE]"))) failed += 1;
      else {
        served += 1;
        if (stream) streamsServed += 1;
        latencies.push(performance.now() - sentAt);
      }
    } catch {
      failed += 1;
    }
  };

  const startedAt = performance.now();
  const inFlight = new Set<Promise<void>>();
  try {
    for (let minute = 1; minute <= minutes; minute += 1) {
      const minuteEnds = startedAt + minute * 60_000;
      for (let index = 0; ; index += 1) {
        const due = minuteEnds - 60_000 + (index * 1000) / rate;
        if (due >= minuteEnds) break;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const request = send(Math.random() < streamShare);
        inFlight.add(request);
        void request.finally(() => inFlight.delete(request));
      }
      const entry = {
        minute,
        rssMb: groupRssMb(pid),
        served,
        streamsServed,
        failed,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
      };
      report.push(entry);
      log(
        `minute ${minute}: RSS ${entry.rssMb.toFixed(0)} MB, ${served} served (${streamsServed} streams), ${failed} failed, p50 ${entry.p50Ms.toFixed(1)} ms, p99 ${entry.p99Ms.toFixed(1)} ms`,
      );
      latencies = [];
      served = 0;
      streamsServed = 0;
      failed = 0;
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
    await gateway.app.stop(childStopTimeoutMs);
    await stopChild(mock.child);
  }
  const first = report[0]?.rssMb ?? baselineMb;
  const last = report.at(-1)?.rssMb ?? baselineMb;
  const growth = ((last - first) / first) * 100;
  const path = join(resultsDirectory, `soak-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-")}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ minutes, rate, streamShare, baselineMb, minutes_: report, growthPercentAfterFirstMinute: growth }, null, 2)}\n`,
  );
  log(
    `RSS after the first minute ${first.toFixed(0)} MB, at the end ${last.toFixed(0)} MB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)}%); ${path}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
