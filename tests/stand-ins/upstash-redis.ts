// A local stand-in of Upstash's Redis REST API over a real Redis (RESP on TCP), for testing the
// @upstash/redis and @upstash/ratelimit clients without the internet.
// - POST / with ["CMD", ...args] → {"result": …}; POST /pipeline (or /multi-exec) with [[…], …] → [{"result": …}, …]
// - "Upstash-Encoding: base64" asks for string results base64-encoded, as the client does by default.
// - Scripts: @upstash/ratelimit sends Lua starting with an Upstash-only shebang (`#!lua flags=…`) that stock Redis
//   rejects; it is stripped, and EVALSHA of the original script's hash is mapped to the stripped one.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

type RespValue = string | number | null | RespValue[] | Error;

class RespConnection {
  private buffer = Buffer.alloc(0);
  private waiting: Array<(value: RespValue) => void> = [];
  constructor(private readonly socket: Socket) {
    socket.on("data", (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      for (;;) {
        const parsed = parseReply(this.buffer, 0);
        if (!parsed) break;
        this.buffer = this.buffer.subarray(parsed.end);
        this.waiting.shift()?.(parsed.value);
      }
    });
  }

  send(args: Array<string | number>): Promise<RespValue> {
    const parts = [`*${args.length}\r\n`];
    for (const arg of args) {
      const text = String(arg);
      parts.push(`$${Buffer.byteLength(text)}\r\n${text}\r\n`);
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(parts.join(""));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

function parseReply(buffer: Buffer, start: number): { value: RespValue; end: number } | undefined {
  const lineEnd = buffer.indexOf("\r\n", start);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[start]);
  const line = buffer.toString("utf8", start + 1, lineEnd);
  const next = lineEnd + 2;
  if (type === "+") return { value: line, end: next };
  if (type === "-") return { value: new Error(line), end: next };
  if (type === ":") return { value: Number(line), end: next };
  if (type === "$") {
    const length = Number(line);
    if (length === -1) return { value: null, end: next };
    if (buffer.length < next + length + 2) return undefined;
    return { value: buffer.toString("utf8", next, next + length), end: next + length + 2 };
  }
  if (type === "*") {
    const count = Number(line);
    if (count === -1) return { value: null, end: next };
    const items: RespValue[] = [];
    let position = next;
    for (let index = 0; index < count; index++) {
      const item = parseReply(buffer, position);
      if (!item) return undefined;
      items.push(item.value);
      position = item.end;
    }
    return { value: items, end: position };
  }
  throw new Error(`unexpected RESP type ${type}`);
}

function encodeResult(value: RespValue, base64: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => encodeResult(item, base64));
  if (typeof value === "string" && base64) return Buffer.from(value).toString("base64");
  return value;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export interface UpstashStandIn {
  url: string;
  token: string;
  commands: string[][];
  close(): Promise<void>;
}

export async function startUpstashStandIn(redisPort = 6379): Promise<UpstashStandIn> {
  const socket = connect(redisPort, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const redis = new RespConnection(socket);
  const token = "upstash-stand-in-token";
  const shaMap = new Map<string, string>();
  const commands: string[][] = [];

  async function run(command: Array<string | number>): Promise<RespValue> {
    const args = command.map(String);
    commands.push(args);
    const name = args[0].toUpperCase();
    if ((name === "EVAL" || name === "EVAL_RO") && args[1].startsWith("#!")) {
      const stripped = args[1].replace(/^#![^\n]*\n/, "");
      shaMap.set(sha1(args[1]), sha1(stripped));
      args[1] = stripped;
    }
    const stored = name === "EVALSHA" || name === "EVALSHA_RO" ? shaMap.get(args[1]) : undefined;
    if (stored) args[1] = stored;
    return redis.send(args);
  }

  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${token}`) return reply(401, { error: "Unauthorized" });
    const base64 = String(request.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") as unknown;
    const path = (request.url ?? "/").split("?")[0];
    const toEntry = (value: RespValue) =>
      value instanceof Error ? { error: value.message } : { result: encodeResult(value, base64) };
    if (path === "/pipeline" || path === "/multi-exec") {
      const results = [];
      for (const command of body as Array<Array<string | number>>) results.push(toEntry(await run(command)));
      return reply(200, results);
    }
    const result = await run(body as Array<string | number>);
    return result instanceof Error ? reply(400, { error: result.message }) : reply(200, toEntry(result));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    commands,
    close: async () => {
      redis.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
