// HTTP plumbing shared by the upstream stand-ins (OpenAI, Anthropic, Gemini): bodies, JSON answers, and the faults
// they script (a reset connection, a stream cut midway, a frame split inside a character).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { randomBytes } from "node:crypto";

/** A JSON answer with its length; each stand-in adds its vendor's own headers (request ids, charset). */
export function sendJsonBody(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text).toString(),
    ...headers,
  });
  response.end(text);
}

export function randomId(prefix: string): string {
  return prefix + randomBytes(12).toString("base64url");
}

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBodyBytes(request)).toString("utf8");
}

export function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts)));
    request.on("error", reject);
  });
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/** Ends a response midway: what was written gets through, then the connection closes without the end of the body. */
export async function cutStream(socket: Socket): Promise<void> {
  await sleep(50);
  socket.destroy();
}

export async function writeFrame(response: ServerResponse, frame: string, splitBytes: boolean): Promise<void> {
  const bytes = Buffer.from(frame, "utf8");
  if (!splitBytes) {
    response.write(bytes);
    return;
  }
  // Cut inside the first multi-byte character, so a reader that decodes each packet alone breaks.
  let cut = bytes.findIndex((byte) => byte >= 0xc0);
  cut = cut === -1 ? Math.floor(bytes.length / 2) : cut + 1;
  response.write(bytes.subarray(0, cut));
  await sleep(5);
  if (!response.destroyed) response.write(bytes.subarray(cut));
}

/** Request headers as single strings, the way a recording keeps them. */
export function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** A recorded body: the parsed JSON, or the raw text when it is not JSON, or null when empty. */
export function parseRecordedBody(rawBody: string): { body: unknown; isJson: boolean } {
  if (rawBody.length === 0) return { body: null, isJson: false };
  try {
    return { body: JSON.parse(rawBody), isJson: true };
  } catch {
    return { body: rawBody, isJson: false };
  }
}

/** Numbers a server's connections as they first carry a request: two requests with one number shared a connection. */
export function connectionNumbering(): (request: IncomingMessage) => number {
  const numbers = new WeakMap<object, number>();
  let count = 0;
  return (request) => {
    let number = numbers.get(request.socket);
    if (number === undefined) {
      count += 1;
      number = count;
      numbers.set(request.socket, number);
    }
    return number;
  };
}

/** Notes on the record when the caller hung up before the response was complete. */
export function watchForHangUp(response: ServerResponse, record: { closedByCaller: boolean }): void {
  response.on("close", () => {
    if (!response.writableFinished) record.closedByCaller = true;
  });
}

/**
 * The connection-level faults every stand-in scripts the same way: a reset before any answer, or a first byte held
 * back. Returns false when the connection is gone and nothing more is to be answered.
 */
export async function playConnectionFaults(
  request: IncomingMessage,
  reply: { resetConnection?: boolean; delayFirstByteMs?: number } | undefined,
  timers: Set<NodeJS.Timeout>,
): Promise<boolean> {
  if (reply?.resetConnection) {
    resetSocket(request.socket);
    return false;
  }
  if (reply?.delayFirstByteMs) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, reply.delayFirstByteMs);
      timers.add(timer);
    });
    if (request.socket.destroyed) return false;
  }
  return true;
}

/** What the control routes reach: the recording and the queue of scripted replies. */
export interface Controlled<Reply> {
  requests: unknown[];
  queue: Reply[];
  enqueue(reply: Reply): void;
  reset(): void;
}

/**
 * The control routes every stand-in serves (GET requests, POST enqueue, POST reset, GET queue).
 * Returns false for any other path, which the stand-in may serve itself.
 */
export function answerControl<Reply>(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  rawBody: string,
  controlled: Controlled<Reply>,
): boolean {
  if (request.method === "GET" && path === "/__control/requests") {
    sendJsonBody(response, 200, controlled.requests);
  } else if (request.method === "POST" && path === "/__control/enqueue") {
    const parsed: unknown = JSON.parse(rawBody || "[]");
    const replies = (Array.isArray(parsed) ? parsed : [parsed]) as Reply[];
    for (const reply of replies) controlled.enqueue(reply);
    sendJsonBody(response, 200, { queued: controlled.queue.length });
  } else if (request.method === "POST" && path === "/__control/reset") {
    controlled.reset();
    sendJsonBody(response, 200, { ok: true });
  } else if (request.method === "GET" && path === "/__control/queue") {
    sendJsonBody(response, 200, controlled.queue);
  } else {
    return false;
  }
  return true;
}
