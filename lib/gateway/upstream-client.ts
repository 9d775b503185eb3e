// The one way the gateway talks to upstreams: undici's request() on a keep-alive Agent.
// Chosen over fetch() because the data plane's cost is dominated by the upstream client (DESIGN.md).
import { Agent, request, errors as undiciErrors } from "undici";
import type { UpstreamRequest } from "./providers/types";

const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256, pipelining: 1 });

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> & { text(): Promise<string>; destroy(error?: Error): void };
}

export type UpstreamFailureKind = "timeout" | "connection" | "aborted";

export class UpstreamFailure extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UpstreamFailure";
  }
}

export interface SendOptions {
  signal: AbortSignal;
  /** Until the response headers arrive. */
  headersTimeoutMs: number;
  /** Between two pieces of the body. */
  bodyTimeoutMs: number;
}

export async function sendUpstream(upstream: UpstreamRequest, options: SendOptions): Promise<UpstreamResponse> {
  try {
    const response = await request(upstream.url, {
      method: upstream.method,
      headers: upstream.headers,
      body: upstream.body,
      signal: options.signal,
      dispatcher: agent,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw classifyUpstreamError(error, options.signal);
  }
}

export function classifyUpstreamError(error: unknown, signal?: AbortSignal): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  if (signal?.aborted) return new UpstreamFailure("aborted", "request aborted", { cause: error });
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new UpstreamFailure("timeout", "upstream did not answer in time", { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UpstreamFailure("connection", `connection to upstream failed: ${message}`, { cause: error });
}

export function headerValue(headers: UpstreamResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
