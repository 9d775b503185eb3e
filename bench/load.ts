import autocannon from "autocannon";
import { Client, Pool } from "undici";

export interface RequestSpec {
  /** Scheme, host and port, e.g. http://127.0.0.1:3000 */
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Latency percentiles in milliseconds, over 2xx responses. */
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  requests: number;
  durationSeconds: number;
}

export interface StreamResult {
  count: number;
  /** Connection errors, plus streams that ended without `data: [DONE]`. */
  errors: number;
  incomplete: number;
  non2xx: number;
  /** Time to response headers, in milliseconds. */
  headers: { p50: number; p99: number };
  /** Time to the first byte of the body, in milliseconds. */
  firstByte: { p50: number; p99: number };
  /** Time to the end of the body, in milliseconds. */
  total: { p50: number; p99: number };
}

const requestTimeoutMs = 30_000;

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1];
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Closed-loop load: `connections` clients each send the next request as soon as the last one ends. */
export async function measureSaturated(
  spec: RequestSpec,
  options: { connections?: number; durationSeconds?: number } = {},
): Promise<LoadResult> {
  const connections = options.connections ?? 50;
  const durationSeconds = options.durationSeconds ?? 10;
  const startedAt = performance.now();
  const result = await autocannon({
    url: `${spec.origin}${spec.path}`,
    method: "POST",
    headers: { "content-type": "application/json", ...spec.headers },
    body: spec.body,
    connections,
    duration: durationSeconds,
    timeout: requestTimeoutMs / 1000,
  });
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return {
    rps: result["2xx"] / elapsedSeconds,
    // autocannon's latency histogram stores whole milliseconds.
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result["2xx"] + result.non2xx,
    durationSeconds: elapsedSeconds,
  };
}

/**
 * Open-loop load at a fixed rate: request i is sent at start + i/rate whether or not earlier ones
 * have finished, so a slow server shows up as latency instead of as a lower sending rate.
 * autocannon's `overallRate` is not used because it sends each second's quota as a burst at the
 * start of the second (10 connections back to back) and records whole milliseconds only; that
 * measures latency at concurrency 10, not at an even 100 req/s, and cannot resolve a 2 ms target.
 */
export async function measureFixedRate(
  spec: RequestSpec,
  options: { rate?: number; durationSeconds?: number; connections?: number } = {},
): Promise<LoadResult> {
  const rate = options.rate ?? 100;
  const durationSeconds = options.durationSeconds ?? 10;
  const pool = new Pool(spec.origin, {
    connections: options.connections ?? 10,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  const headers = { "content-type": "application/json", ...spec.headers };
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;

  const sendOne = async (): Promise<void> => {
    const sentAt = performance.now();
    try {
      const response = await pool.request({ path: spec.path, method: "POST", headers, body: spec.body });
      await response.body.arrayBuffer();
      if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - sentAt);
      else non2xx += 1;
    } catch {
      errors += 1;
    }
  };

  const total = Math.max(1, Math.round(rate * durationSeconds));
  const startedAt = performance.now();
  try {
    await sendAtRate(rate, total, sendOne);
  } finally {
    await pool.close();
  }
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return {
    rps: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    non2xx,
    requests: total,
    durationSeconds: elapsedSeconds,
  };
}

/** `count` streamed requests one after another on one keep-alive connection. */
export async function measureStream(spec: RequestSpec, options: { count?: number } = {}): Promise<StreamResult> {
  const count = options.count ?? 200;
  const client = new Client(spec.origin, {
    keepAliveTimeout: 60_000,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  const headers = { "content-type": "application/json", accept: "text/event-stream", ...spec.headers };
  const headerTimes: number[] = [];
  const firstByteTimes: number[] = [];
  const totalTimes: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let incomplete = 0;
  try {
    for (let index = 0; index < count; index += 1) {
      const sentAt = performance.now();
      try {
        const response = await client.request({ path: spec.path, method: "POST", headers, body: spec.body });
        const headersAt = performance.now();
        let firstByteAt: number | undefined;
        let tail = "";
        for await (const chunk of response.body) {
          firstByteAt ??= performance.now();
          tail = (tail + (chunk as Buffer).toString("utf8")).slice(-64);
        }
        const endedAt = performance.now();
        if (response.statusCode !== 200 || firstByteAt === undefined) {
          non2xx += 1;
        } else {
          // A stream that ends without [DONE] (e.g. with an error frame) still has real timings; it is counted, not hidden.
          if (!tail.trimEnd().endsWith("data: [DONE]")) incomplete += 1;
          headerTimes.push(headersAt - sentAt);
          firstByteTimes.push(firstByteAt - sentAt);
          totalTimes.push(endedAt - sentAt);
        }
      } catch {
        errors += 1;
      }
    }
  } finally {
    await client.close();
  }
  const summary = (values: number[]) => ({ p50: percentile(values, 0.5), p99: percentile(values, 0.99) });
  return {
    count,
    errors: errors + incomplete,
    incomplete,
    non2xx,
    headers: summary(headerTimes),
    firstByte: summary(firstByteTimes),
    total: summary(totalTimes),
  };
}

export interface OverloadResult {
  /** The open-loop rate sent, req/s. */
  rate: number;
  requests: number;
  served: number;
  /** Refused with 503 (the gateway shedding load). */
  shed: number;
  otherStatus: number;
  /** Gave up after the client's timeout, or the connection failed. */
  timedOut: number;
  /** Served requests per second. */
  servedRps: number;
  /** Latency of served (2xx) answers, ms. */
  servedLatency: { p50: number; p90: number; p99: number };
  /** Latency of the 503s, ms: how fast overload is refused. */
  shedLatency: { p50: number; p90: number; p99: number };
  /** The served requests sent after the first second: how the gateway holds once its shedding has caught up. */
  servedLatencyAfterFirstSecond: { p50: number; p90: number; p99: number };
  /** For each second of the run (by when the request was sent): served, and the p99 of their latency, ms. */
  servedBySecond: Array<{ served: number; p99: number }>;
  /** The connections opened before the flood, and how long opening them took, ms. */
  connectionsOpened: { count: number; ms: number };
}

/**
 * Open-loop load past capacity: request i leaves at start + i/rate whatever happened to the others, each client giving
 * up after `clientTimeoutMs` as real clients do. What matters is that the excess is refused fast (503 latency) and
 * that what is served stays fast (its p99), not a queue growing to seconds.
 *
 * Its `connections` are opened before the clock starts, as wrk2 does, with one request each to `openWith` (a path
 * the server answers cheaply). Opened during the flood instead, as the load asks for them, they cost this process
 * more than its requests do: measured, it sent nothing for 300 ms while it opened 1,400 connections, then sent those
 * requests at once, and every answer, served or refused, waited behind its connecting. What is measured then is the
 * load generator's connection storm, not the server's answer to a flood of requests.
 */
export async function measureOverload(
  spec: RequestSpec,
  options: {
    rate: number;
    durationSeconds: number;
    openWith: string;
    /** Called as the flood starts, once its connections are open: where the caller starts its clocks. */
    onFloodStart?: () => void;
    clientTimeoutMs?: number;
    connections?: number;
  },
): Promise<OverloadResult> {
  const clientTimeoutMs = options.clientTimeoutMs ?? 10_000;
  const connections = options.connections ?? 2_000;
  const pool = new Pool(spec.origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: clientTimeoutMs,
    bodyTimeout: clientTimeoutMs,
  });
  try {
    const connectionsOpened = await openConnections(pool, {
      count: connections,
      path: options.openWith,
      rate: options.rate,
    });
    const headers = { "content-type": "application/json", ...spec.headers };
    const served: number[] = [];
    const servedInSecond: number[][] = [];
    const shed: number[] = [];
    let otherStatus = 0;
    let timedOut = 0;
    const sendOne = async (sentAfter: number): Promise<void> => {
      const sentAt = performance.now();
      try {
        const response = await pool.request({
          path: spec.path,
          method: "POST",
          headers,
          body: spec.body,
          signal: AbortSignal.timeout(clientTimeoutMs),
        });
        await response.body.arrayBuffer();
        const elapsed = performance.now() - sentAt;
        if (response.statusCode >= 200 && response.statusCode < 300) {
          served.push(elapsed);
          const second = Math.floor(sentAfter / 1000);
          servedInSecond[second] ??= [];
          servedInSecond[second].push(elapsed);
        } else if (response.statusCode === 503) shed.push(elapsed);
        else otherStatus += 1;
      } catch {
        timedOut += 1;
      }
    };
    const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
    options.onFloodStart?.();
    const startedAt = performance.now();
    await sendAtRate(options.rate, total, () => sendOne(performance.now() - startedAt));
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const summary = (values: number[]) => ({
      p50: percentile(values, 0.5),
      p90: percentile(values, 0.9),
      p99: percentile(values, 0.99),
    });
    return {
      rate: options.rate,
      requests: total,
      served: served.length,
      shed: shed.length,
      otherStatus,
      timedOut,
      servedRps: served.length / elapsedSeconds,
      servedLatency: summary(served),
      shedLatency: summary(shed),
      servedLatencyAfterFirstSecond: summary(servedInSecond.slice(1).flat()),
      servedBySecond: Array.from(servedInSecond, (values = []) => ({
        served: values.length,
        p99: percentile(values, 0.99),
      })),
      connectionsOpened,
    };
  } finally {
    await pool.close();
  }
}

/**
 * Opens `count` connections on `pool` (as many requests to `path` at once: the pool opens one for each request that
 * finds them all busy), then sends a second of requests to `path` at `rate`: this process's own first second at a
 * flood's pace (its code compiled, its buffers grown) is slow, tens of ms a request against a mock that answers in
 * one (measured on the mock alone), which is not the server's to answer for. Returns how many it opened, and how long
 * opening them took, ms.
 */
async function openConnections(
  pool: Pool,
  options: { count: number; path: string; rate: number },
): Promise<{ count: number; ms: number }> {
  let opened = 0;
  const onConnect = () => {
    opened += 1;
  };
  pool.on("connect", onConnect);
  const ask = async () => {
    const response = await pool.request({ path: options.path, method: "GET" });
    await response.body.arrayBuffer();
  };
  const openingAt = performance.now();
  await Promise.all(Array.from({ length: options.count }, ask));
  const result = { count: opened, ms: performance.now() - openingAt };
  pool.off("connect", onConnect);
  await sendAtRate(options.rate, options.rate, ask);
  // Its answers, and their garbage, are behind the server before the flood.
  await sleep(2_000);
  return result;
}

/** Starts `count` calls of `send`, call i at start + i/rate whether or not earlier ones have finished; then waits for all. */
async function sendAtRate(rate: number, count: number, send: () => Promise<void>): Promise<void> {
  const intervalMs = 1000 / rate;
  const sent: Promise<void>[] = [];
  const startedAt = performance.now();
  for (let index = 0; index < count; index += 1) {
    const wait = startedAt + index * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    sent.push(send());
  }
  await Promise.all(sent);
}

export interface ColdStartResult {
  seconds: number;
  connections: number;
  /** 2xx answers completed in each second after the start of the run. */
  servedPerSecond: number[];
  /** Over the whole run: req/s, and latency of the answered requests in milliseconds. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** The non-2xx answers by status, with the first body of each: what a new server refused, and why. */
  refusals: Record<string, { count: number; first: string }>;
}

/**
 * A closed loop of `connections` clients sending back to back for `seconds`, from the moment the server is ready: what
 * a server just started gives its first callers (per-second throughput and its slowest answer).
 */
export async function measureColdStart(
  spec: RequestSpec,
  options: { seconds?: number; connections?: number } = {},
): Promise<ColdStartResult> {
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 50;
  const pool = new Pool(spec.origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  const headers = { "content-type": "application/json", ...spec.headers };
  const servedPerSecond = Array.from({ length: seconds }, () => 0);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const refusals: ColdStartResult["refusals"] = {};
  const startedAt = performance.now();
  const endsAt = startedAt + seconds * 1000;
  const client = async () => {
    while (performance.now() < endsAt) {
      const sentAt = performance.now();
      try {
        const response = await pool.request({ path: spec.path, method: "POST", headers, body: spec.body });
        const body = await response.body.text();
        const doneAt = performance.now();
        if (response.statusCode >= 200 && response.statusCode < 300) {
          latencies.push(doneAt - sentAt);
          const second = Math.floor((doneAt - startedAt) / 1000);
          if (second < seconds) servedPerSecond[second] += 1;
        } else {
          non2xx += 1;
          refusals[response.statusCode] ??= { count: 0, first: body.slice(0, 300) };
          refusals[response.statusCode].count += 1;
        }
      } catch {
        errors += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, client));
  } finally {
    await pool.close();
  }
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return {
    seconds,
    connections,
    servedPerSecond,
    rps: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.length === 0 ? Number.NaN : Math.max(...latencies),
    errors,
    non2xx,
    refusals,
  };
}
