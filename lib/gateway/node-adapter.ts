// The direct /v1 path's half that lives in npm start's server (scripts/server.ts): a node:http request handed to one
// of the API's route handlers as a WHATWG Request, and the Response it returns written back to the node:http response
// with one hop per chunk (no Next request/response conversion in between). The handlers themselves come from the copy
// of lib/ that Next loaded (direct-v1.ts publishes them on globalThis), so both serving paths run the same functions
// with the same catalog, leases and writers. No Next import and no handler import here.
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "../security-headers";
import { ClientGoneNotice, withClientGone } from "./client-gone";
import { bodyTextOf, type PullController, type PullSource, pullSourceOf } from "./pull-source";
import type { V1Match } from "./routes";

/** What direct-v1.ts publishes for the server: the route lookup, and a wait for the work still running after responses. */
export interface DirectV1 {
  route(method: string, pathname: string): V1Match | undefined;
  /** Resolves once the work scheduled after responses (metering) is done, or after `withinMs`. */
  settle(withinMs: number): Promise<void>;
}

/** Where the two copies meet: what direct-v1.ts published, and who is waiting for it. */
interface Slot {
  direct?: DirectV1;
  waiting: Array<(direct: DirectV1) => void>;
}

function slot(): Slot {
  const shared = globalThis as { [key: symbol]: Slot | undefined };
  const key = Symbol.for("switchyard.v1");
  shared[key] ??= { waiting: [] };
  return shared[key];
}

/**
 * The direct path, once Next's start-up has published it, or undefined after `withinMs` without it. Next runs
 * instrumentation's register() during prepare() but does not wait for it, so the server waits here.
 */
export function awaitDirectV1(withinMs: number): Promise<DirectV1 | undefined> {
  const shared = slot();
  if (shared.direct) return Promise.resolve(shared.direct);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), withinMs);
    shared.waiting.push((direct) => {
      clearTimeout(timer);
      resolve(direct);
    });
  });
}

export function publishDirectV1(direct: DirectV1): void {
  const shared = slot();
  shared.direct = direct;
  for (const resolve of shared.waiting.splice(0)) resolve(direct);
}

/** What next.config.ts adds to every /v1 answer Next gives; the direct path's answers carry the same. */
const API_HEADERS: Array<[string, string]> = [
  ...STATIC_SECURITY_HEADERS.map(({ key, value }): [string, string] => [key.toLowerCase(), value]),
  ["content-security-policy", API_CONTENT_SECURITY_POLICY],
];

/**
 * The request as a route handler takes it. The host is not the client's to choose (handlers read only the path). No
 * signal: the client's going is told by the notice attached to it (client-gone.ts).
 */
function webRequest(request: IncomingMessage, url: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (typeof value === "string") headers.append(name, value);
    else for (const item of value) headers.append(name, item);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD" && declaresBody(request);
  return new Request(`http://localhost${url}`, {
    method,
    headers,
    ...(hasBody ? { body: bodyOf(request), duplex: "half" } : {}),
  } as RequestInit);
}

/** Whether a request says a body follows (a length, or chunks): the server watches those bodies, the adapter reads them. */
export function declaresBody(request: IncomingMessage): boolean {
  return request.headers["content-length"] !== undefined || request.headers["transfer-encoding"] !== undefined;
}

/**
 * The request's body as a web stream, read as the handler pulls it. Not Readable.toWeb(): cancelling that destroys the
 * request, and a body refused part-way (over the size limit, stalled) must be left to the server, which reads and
 * drops the rest while a client sends at a normal pace and closes the connection of one that lingers (server.ts).
 */
function bodyOf(request: IncomingMessage): ReadableStream<Uint8Array> {
  let detach: () => void = () => undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let settled = false;
        const onData = (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        };
        const onEnd = () => {
          if (settled) return;
          settled = true;
          detach();
          controller.close();
        };
        // The client went before its body ended.
        const onClose = () => {
          if (settled) return;
          settled = true;
          detach();
          controller.error(new Error("the client closed the connection before its request body ended"));
        };
        detach = () => {
          request.off("data", onData);
          request.off("end", onEnd);
          request.off("close", onClose);
          request.off("error", onClose);
        };
        request.on("data", onData);
        request.on("end", onEnd);
        request.on("close", onClose);
        request.on("error", onClose);
        request.pause();
      },
      pull() {
        request.resume();
      },
      cancel() {
        detach();
        // The rest is read and dropped, so that the connection can serve the client's next request.
        request.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** A JSON answer without a length of its own: the handlers make those whole; streams and audio go chunk by chunk. */
function isWholeAnswer(answer: Response): boolean {
  const type = answer.headers.get("content-type") ?? "";
  return type.startsWith("application/json") && !answer.headers.has("content-length");
}

/** Resolves when the response can take more, or has closed. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

/**
 * Serves one request with a matched route handler. The request's client-gone notice fires when the client goes before
 * its answer is written (the handlers stop the upstream call then, as on Next with the request's signal); a body the
 * client stops reading is cancelled.
 * Resolves once the answer is written or abandoned; never rejects.
 */
export async function serveDirect(
  request: IncomingMessage,
  response: ServerResponse,
  url: string,
  match: V1Match,
  unexpected: (error: unknown) => { status: number; headers: Record<string, string>; body: string },
): Promise<void> {
  const gone = new ClientGoneNotice();
  response.once("close", () => {
    if (!response.writableFinished) gone.abort();
  });
  let answer: Response | undefined;
  try {
    answer = await match.handler(withClientGone(webRequest(request, url), gone), match.context);
    await writeAnswer(request, response, answer);
  } catch (error) {
    // The handlers answer their own errors; what lands here is the adapter's own fault (a header Node refuses, say).
    if (answer?.body && !answer.body.locked) await answer.body.cancel().catch(() => undefined);
    const fallback = unexpected(error);
    if (response.headersSent || response.destroyed) {
      response.destroy();
      return;
    }
    response.writeHead(fallback.status, { ...fallback.headers, "content-length": Buffer.byteLength(fallback.body) });
    response.end(fallback.body);
  }
}

/** Writes a handler's answer: whole when it is JSON, else chunk by chunk as the body yields them. */
async function writeAnswer(request: IncomingMessage, response: ServerResponse, answer: Response): Promise<void> {
  const body = answer.body;
  if (response.destroyed) {
    await body?.cancel().catch(() => undefined);
    return;
  }
  const head: string[] = [];
  for (const [name, value] of answer.headers) {
    if (name !== "set-cookie") head.push(name, value);
  }
  for (const cookie of answer.headers.getSetCookie()) head.push("set-cookie", cookie);
  for (const [name, value] of API_HEADERS) if (!answer.headers.has(name)) head.push(name, value);
  if (!body || request.method === "HEAD") {
    response.writeHead(answer.status, answer.statusText || undefined, head);
    await body?.cancel().catch(() => undefined);
    response.end();
    return;
  }
  // A JSON answer goes whole, with its length, head and body in one write, not chunked: from the text it was made
  // from when it says (pull-source.ts; its body stream is left unread), else read out of its body.
  let whole: string | Uint8Array | undefined = bodyTextOf(answer);
  if (whole === undefined && isWholeAnswer(answer)) {
    try {
      whole = new Uint8Array(await answer.arrayBuffer());
    } catch {
      response.destroy();
      return;
    }
    if (response.destroyed) return;
  }
  if (whole !== undefined) {
    if (!answer.headers.has("content-length")) head.push("content-length", String(Buffer.byteLength(whole)));
    response.writeHead(answer.status, answer.statusText || undefined, head);
    response.end(whole);
    return;
  }
  response.writeHead(answer.status, answer.statusText || undefined, head);
  await writePulled(response, pullSourceOf(answer) ?? readerSource(body));
}

/** Any other streamed body (audio, a handler's own stream) as a pull source: one read per pull. */
function readerSource(body: ReadableStream<Uint8Array>): PullSource {
  const reader = body.getReader();
  return {
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: () => reader.cancel(),
  };
}

/**
 * A streamed body written from its pull source (a relayed stream's own, pull-source.ts, or a reader's): each pull's
 * chunks written as they come, the next pull once they are, until the source closes; the source cancelled if the
 * client goes first. A relayed stream so skips its web stream's hops.
 */
async function writePulled(response: ServerResponse, source: PullSource): Promise<void> {
  const chunks: Uint8Array[] = [];
  let closed = false;
  let gone = false;
  const controller: PullController = {
    enqueue: (chunk) => void chunks.push(chunk),
    close: () => {
      closed = true;
    },
  };
  const onClose = () => {
    if (closed || response.writableFinished) return;
    gone = true;
    void Promise.resolve()
      .then(() => source.cancel())
      .catch(() => undefined);
  };
  response.once("close", onClose);
  try {
    while (!closed) {
      await source.pull(controller);
      if (gone || response.destroyed) return;
      for (const chunk of chunks.splice(0)) if (!response.write(chunk)) await drained(response);
      if (gone || response.destroyed) return;
    }
    response.end();
  } catch {
    // A source that failed part-way: the connection is cut, so the client sees the answer is incomplete.
    response.destroy();
  } finally {
    response.off("close", onClose);
  }
}
