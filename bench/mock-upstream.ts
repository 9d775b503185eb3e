// A stand-in for OpenAI's POST /v1/chat/completions that speaks the real wire format, so the
// gateway's parsing, streaming and metering paths do their real work during the benchmark.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export interface MockUpstreamOptions {
  /** Milliseconds to wait between streamed chunks; 0 writes them back to back. */
  chunkDelayMs?: number;
  /** Number of content chunks in a streamed answer. */
  chunkCount?: number;
  /** When set, requests without `Authorization: Bearer <key>` get OpenAI's 401. */
  expectedApiKey?: string;
}

export interface MockUpstream {
  url: string;
  close: () => Promise<void>;
}

interface ChatRequest {
  model?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
}

const systemFingerprint = "fp_bench0000";
const defaultChunkCount = 50;
const promptTokens = 9;

let completionSequence = 0;

function nextCompletionId(): string {
  completionSequence += 1;
  return `chatcmpl-bench${completionSequence.toString(36).padStart(10, "0")}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "openai-processing-ms": "1",
    "x-request-id": `req_bench${completionSequence}`,
  });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, type: string, message: string, code: string | null): void {
  sendJson(response, status, { error: { message, type, param: null, code } });
}

function usage(completionTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function tokenText(index: number): string {
  return index === 0 ? "Hello" : ` word${index}`;
}

function sendCompletion(response: ServerResponse, model: string, chunkCount: number): void {
  const content = Array.from({ length: chunkCount }, (_, index) => tokenText(index)).join("");
  sendJson(response, 200, {
    id: nextCompletionId(),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: usage(chunkCount),
    service_tier: "default",
    system_fingerprint: systemFingerprint,
  });
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function sendStream(
  request: IncomingMessage,
  response: ServerResponse,
  model: string,
  includeUsage: boolean,
  chunkCount: number,
  chunkDelayMs: number,
): Promise<void> {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-request-id": `req_bench${completionSequence}`,
  });
  let clientGone = false;
  request.on("close", () => {
    if (!response.writableFinished) clientGone = true;
  });
  const id = nextCompletionId();
  const created = Math.floor(Date.now() / 1000);
  // OpenAI adds `"usage": null` to every chunk only when usage was asked for.
  const usageField = includeUsage ? { usage: null } : {};
  for (let index = 0; index < chunkCount && !clientGone; index += 1) {
    const delta =
      index === 0 ? { role: "assistant", content: tokenText(index), refusal: null } : { content: tokenText(index) };
    const chunk = {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      service_tier: "default",
      system_fingerprint: systemFingerprint,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: index === chunkCount - 1 ? "stop" : null }],
      ...usageField,
    };
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (chunkDelayMs > 0) await sleep(chunkDelayMs);
  }
  if (clientGone) {
    response.destroy();
    return;
  }
  if (includeUsage) {
    const usageChunk = {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      service_tier: "default",
      system_fingerprint: systemFingerprint,
      choices: [],
      usage: usage(chunkCount),
    };
    response.write(`data: ${JSON.stringify(usageChunk)}\n\n`);
  }
  response.end("data: [DONE]\n\n");
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: Required<MockUpstreamOptions>,
): Promise<void> {
  const path = (request.url ?? "/").split("?")[0];
  if (path !== "/v1/chat/completions") {
    await readBody(request);
    sendError(response, 404, "invalid_request_error", `Unknown request URL: ${request.method} ${path}.`, "unknown_url");
    return;
  }
  if (request.method !== "POST") {
    await readBody(request);
    sendError(response, 405, "invalid_request_error", `Method ${request.method} not allowed.`, null);
    return;
  }
  const body = await readBody(request);
  if (options.expectedApiKey !== "" && request.headers.authorization !== `Bearer ${options.expectedApiKey}`) {
    sendError(response, 401, "invalid_request_error", "Incorrect API key provided.", "invalid_api_key");
    return;
  }
  let parsed: ChatRequest;
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
    parsed = value as ChatRequest;
  } catch {
    sendError(response, 400, "invalid_request_error", "We could not parse the JSON body of your request.", null);
    return;
  }
  const model = typeof parsed.model === "string" ? parsed.model : "gpt-4o-mini";
  if (parsed.stream === true) {
    const includeUsage = parsed.stream_options?.include_usage === true;
    await sendStream(request, response, model, includeUsage, options.chunkCount, options.chunkDelayMs);
  } else {
    sendCompletion(response, model, options.chunkCount);
  }
}

export function startMockUpstream(port = 0, options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const resolved: Required<MockUpstreamOptions> = {
    chunkDelayMs: options.chunkDelayMs ?? 0,
    chunkCount: options.chunkCount ?? defaultChunkCount,
    expectedApiKey: options.expectedApiKey ?? "",
  };
  const server = createServer({ keepAlive: true }, (request, response) => {
    handle(request, response, resolved).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, "server_error", String(error), null);
      else response.destroy();
    });
  });
  // Load generators keep connections open between bursts; Node's 5 s default would drop them mid-run.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((resolveClose) => {
            server.close(() => resolveClose());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function flagValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

// Run as its own process (see bench/run.ts) so the mock does not share an event loop with the load generator.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const upstream = await startMockUpstream(Number(flagValue("--port") ?? 0), {
    chunkDelayMs: Number(flagValue("--chunk-delay") ?? 0),
    expectedApiKey: flagValue("--api-key") ?? "",
  });
  process.stdout.write(`${JSON.stringify({ url: upstream.url })}\n`);
  const shutdown = () => {
    upstream.close().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
