// The one way the gateway talks to upstreams: undici's request() on a keep-alive Agent.
// Chosen over fetch() because the data plane's cost is dominated by the upstream client (DESIGN.md).
import { Agent, request, errors as undiciErrors } from "undici";
import { env } from "../env";
import { type NetworkReach, publicOnlyConnector } from "../security/network-guard";
import type { UpstreamRequest } from "./providers/types";

const AGENT_OPTIONS = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256, pipelining: 1 };
const agent = new Agent(AGENT_OPTIONS);
// Customers' own endpoints: a pool of its own whose every connection is checked against the blocked ranges (a pooled
// socket to an operator's private upstream is never lent to a customer's request).
let publicOnlyAgent: Agent | undefined;

function agentFor(reach: NetworkReach): Agent {
  if (reach === "any" || env().BYO_ALLOW_PRIVATE_NETWORKS) return agent;
  publicOnlyAgent ??= new Agent({ ...AGENT_OPTIONS, connect: publicOnlyConnector() });
  return publicOnlyAgent;
}

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
  /** "public" for a customer's own endpoint (no loopback, private or metadata address); "any" by default. */
  reach?: NetworkReach;
}

export async function sendUpstream(upstream: UpstreamRequest, options: SendOptions): Promise<UpstreamResponse> {
  try {
    const response = await request(upstream.url, {
      method: upstream.method,
      headers: upstream.headers,
      body: upstream.bytes ?? upstream.body,
      signal: options.signal,
      // No redirect is followed (undici's request() follows none unless asked): a 3xx is the upstream's answer, so a
      // customer's public endpoint cannot bounce the gateway to a private address either.
      dispatcher: agentFor(options.reach ?? "any"),
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw classifyUpstreamError(error, options.signal);
  }
}

export function classifyUpstreamError(error: unknown, signal?: { readonly aborted: boolean }): UpstreamFailure {
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
