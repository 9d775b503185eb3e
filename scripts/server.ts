// The production server `npm start` runs: Next's request handler behind a plain node:http server, so that the
// client address the gateway sees (x-forwarded-for, used by per-key IP allow-lists) is the socket's, and the
// forwarded host and protocol are Next's own, not whatever a client chose to send. Behind a trusted reverse proxy set TRUST_PROXY=1 to keep its header.
// On Vercel this file is not used: Vercel overwrites x-forwarded-for itself.
// It also answers, before Next, what Next cannot answer in the API's error shape (lib/gateway/answer-before-next.ts),
// and serves /v1 itself, straight from the route handlers Next loaded (lib/gateway/direct-v1.ts, node-adapter.ts):
// Next's request handling costs more CPU than the whole of the gateway's own work. Pages and assets stay Next's.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, STATUS_CODES, type ServerResponse } from "node:http";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import type { Socket } from "node:net";
import next from "next";
import { env } from "../lib/env";
import {
  answerBeforeNext,
  answerToClientError,
  apiError,
  isApiRequest,
  type EarlyAnswer,
} from "../lib/gateway/answer-before-next";
import { GatewayError } from "../lib/gateway/errors";
import { startIdleHeapRelease } from "../lib/gateway/idle-heap-release";
import { createLoadShedder } from "../lib/gateway/load-shedder";
import { awaitDirectV1, declaresBody, serveDirect } from "../lib/gateway/node-adapter";
import { log } from "../lib/log";
import { compress, isUncompressedPath } from "./compression";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST;
const trustProxy = env().TRUST_PROXY;

// tsx, when it runs this file (`node --import tsx scripts/server.ts`; npm start runs it compiled, where Node leaves
// source maps off), turns Node's source-map support on: every bundle Next then loads would have its source map (41 MB
// of them under .next/server) read, parsed and kept, for stack traces nobody reads in production. Off, before Next
// loads anything (measured under tsx: 348 → 281 MB resident once started).
process.setSourceMapsEnabled(false);

// Tells Next's start-up (instrumentation.ts) that this server can serve /v1 itself: it then publishes the route table
// once warm, which this server waits for below.
process.env.SWITCHYARD_SERVER = "1";
// The configuration the build resolved, as Next's own standalone server hands it over: otherwise Next compiles
// next.config.ts again at every start, which loads SWC's native compiler (27 MB resident) for the life of the server.
// Without a build there is nothing to hand over, and Next says what is missing.
const builtServerFiles = join(process.cwd(), ".next", "required-server-files.json");
if (existsSync(builtServerFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(
    JSON.parse(readFileSync(builtServerFiles, "utf8")).config,
  );
}
const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();
// Published, warm, by Next's start-up (which prepare() begins but does not wait for). Undefined with
// SWITCHYARD_V1_VIA_NEXT=1: Next's route files serve /v1, as on Vercel.
const direct = env().SWITCHYARD_V1_VIA_NEXT ? undefined : await awaitDirectV1(30_000);
if (!env().SWITCHYARD_V1_VIA_NEXT && !direct) log.warn("the direct /v1 path did not start; Next serves /v1");

/** An error of the direct path's own (the handlers answer theirs): a 500 in the API's shape, logged. */
function unexpected(error: unknown): EarlyAnswer {
  log.error("the direct /v1 path failed", { error });
  return apiError(new GatewayError("internal_error", "The gateway failed to answer this request; retry it"));
}

function send(response: ServerResponse, answer: EarlyAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, "content-length": Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

/** The same answer, written straight to a socket whose request node:http could not parse; the connection then ends. */
function sendOnSocket(socket: Socket, answer: EarlyAnswer): void {
  const head = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ""}`];
  const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(answer.body)), connection: "close" };
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  // Then closed, as Node closes it after its own answer: the parser cannot go on after an error.
  socket.end(`${head.join("\r\n")}\r\n\r\n${answer.body}`, () => socket.destroy());
}

/** How long the rest of a body may take to arrive once its answer has gone. */
const LINGER_MS = 5_000;

/**
 * A body still arriving when its answer has gone (refused before it was read, or stalled: 408) is read and thrown away
 * by Node so the connection can be kept alive, for as long as it takes: a body trickled in a byte at a time would hold
 * the connection until Node's 300 s limit. Past LINGER_MS the connection is closed instead. Not at once: a client that
 * is still sending at a normal pace finishes, gets its answer and keeps its connection, and one told nothing could
 * otherwise send its next request on a connection already closing.
 */
function closeIfBodyLingers(request: IncomingMessage, socket: Socket): void {
  if (request.complete) return;
  setTimeout(() => {
    if (!request.complete) socket.destroy();
  }, LINGER_MS).unref();
}

// Past capacity, /v1 requests are refused here with a 503 before their body is read or Next runs (load-shedder.ts).
// In its first 10 s the server runs late compiling its code under the first requests: only four times the usual
// delay is refused then. With more than 64 requests in flight, a fifth of it is enough (load-shedder.ts): measured
// at three times the capacity, without that rule the requests it served took seconds. Once refusing, admissions are
// paced to what keeps the loop busy at most 95% of the time and within a tenth of the delay (cut by 15% after a period
// past either, raised by 5% after one that was not), until 2 s pass without a paced refusal. Measured at three times
// the capacity: with 85% and a quarter off, a flooded process served a third of its capacity with a quarter of its core
// idle (the 503s themselves take half of it); with 95% and 15% off it served a quarter more, as fast. On lateness
// alone (no utilisation target) it served twice as much, but the 503s took 21 ms at p50 and the served 675 ms at p99.
const shedder = createLoadShedder({
  maxInFlight: env().MAX_IN_FLIGHT,
  maxEventLoopDelayMs: env().SHED_EVENT_LOOP_DELAY_MS,
  startUp: { forMs: 10_000, maxEventLoopDelayMs: 4 * env().SHED_EVENT_LOOP_DELAY_MS },
  busy: { inFlight: 64, maxEventLoopDelayMs: env().SHED_EVENT_LOOP_DELAY_MS / 5 },
  pacing: {
    targetUtilization: 0.95,
    cut: 0.85,
    targetDelayMs: env().SHED_EVENT_LOOP_DELAY_MS / 10,
    releaseAfterMs: 2_000,
  },
});
// A burst's garbage given back once the /v1 traffic stops (idle-heap-release.ts; `gc` from --expose-gc, set by start.ts).
startIdleHeapRelease({
  requests: shedder.seen,
  heap: () => {
    const heap = getHeapStatistics();
    return { used: heap.used_heap_size, total: heap.total_heap_size };
  },
  collect: (globalThis as { gc?: () => void }).gc,
});

const server = createServer((request, response) => {
  if (!trustProxy) {
    request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    // Sign-in links are built from the forwarded host: a client must not be able to point them elsewhere.
    delete request.headers["x-forwarded-host"];
    delete request.headers["x-forwarded-proto"];
    delete request.headers["x-real-ip"];
  }
  // Requests that declare a body (POSTs): one listener, a no-op if the body was read. GETs skip even that. The socket
  // is taken now: by the time the linger ends, the request may have let go of it (`request.socket` null: seen once,
  // as a TypeError that kept the connection open).
  const { socket } = request;
  if (declaresBody(request)) {
    response.once("finish", () => closeIfBodyLingers(request, socket));
  }
  const url = request.url ?? "/";
  const early = answerBeforeNext(request.method ?? "", url);
  if (early) return send(response, early);
  if (isApiRequest(url)) {
    const admission = shedder.admit();
    if (!admission.admitted) return send(response, apiError(admission.error));
    // A stream holds its place until it ends, or until its client goes.
    response.once("close", admission.done);
    const queryAt = url.indexOf("?");
    const match = direct?.route(request.method ?? "GET", queryAt === -1 ? url : url.slice(0, queryAt));
    // What the table does not serve (an unknown path, a trailing slash) is Next's, answered as on Vercel.
    if (!match) return void handle(request, response);
    return void serveDirect(request, response, url, match, unexpected);
  }
  // Pages and their assets go out compressed (compression.ts); the API above never is.
  if (isUncompressedPath(url)) return void handle(request, response);
  compress(request, response, () => void handle(request, response));
});
// Node's default answers to requests it cannot parse (431 headers too large, 400, 408) are empty: give the API's
// error shape instead. Only while nothing of a response has been written on the connection, as Node itself checks.
server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  sendOnSocket(socket, answerToClientError(error.code));
});
server.keepAliveTimeout = 65_000;
// A deep accept queue: past capacity, connections must wait to be answered with a fast 503, not be dropped by the
// kernel, which makes a client retry its connection after 1, 3, 7 s (seconds-long tails that no 503 can fix).
server.listen({ port, host: hostname, backlog: 4096 }, () => {
  process.stdout.write(`ready on http://${hostname ?? "localhost"}:${port}\n`);
});

let exiting = false;
const shutdown = () => {
  // The data plane (lib/gateway/background.ts, loaded by Next in this process) writes its queued usage and returns
  // its credit leases first, once the metering of the last responses it served directly is done.
  const exit = async () => {
    if (exiting) return;
    exiting = true;
    await direct?.settle(2_000);
    const hooks =
      (globalThis as { [key: symbol]: Array<() => Promise<void>> | undefined })[Symbol.for("switchyard.shutdown")] ??
      [];
    void Promise.allSettled(hooks.map((hook) => hook())).finally(() => process.exit(0));
  };
  server.close(() => void exit());
  server.closeIdleConnections();
  setTimeout(() => void exit(), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
