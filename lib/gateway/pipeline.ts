// The data plane's steps, composed: overload bound → admission (who the request acts for, and its rate limits) →
// handler → error serialiser. /v1 routes wrap their handler with withApiKey(); the free demo and the playground admit
// their principal their own way through withPrincipal(). No Next import here (the route glue passes `after`).
import "../server-only";
import { env } from "../env";
import { log } from "../log";
import { authenticate, clientIpFrom, type Principal } from "./auth";
import { asGatewayError, GatewayError, toAnthropicError, toOpenAIError } from "./errors";
import { keyRequestLimits, type RequestLimits } from "./key-rate-limits";
import { noteFailedAuthentication, refuseThrottledAddress } from "./auth-failure-throttle";
import { recordUsage } from "./metering/usage-writer";
import { shareKeyHealth } from "./routing/key-health";
import { databaseHealthStore } from "./routing/key-health-store";
import { retestKeysWhenDue } from "./routing/key-recovery";
import { startBackgroundWork } from "./background";
import { stallGuardedRead } from "./body-stall-guard";
import { newRequestId } from "./request-id";
import { withBodyText } from "./pull-source";

export interface GatewayContext {
  request: Request;
  requestId: string;
  principal: Principal;
  /** The principal's rate limits for this request: counted when it spends, or once its handler is done. */
  limits: RequestLimits;
  clientIp: string | undefined;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** Path segments after the route's own path (e.g. a model id with slashes). */
  params: Record<string, string | string[] | undefined>;
  /** Headers every response of this request carries (request id, rate limits). */
  headers: Headers;
  /** Work to finish after the response (metering): Next's after() in production. */
  schedule(work: Promise<unknown>): void;
  /** Keeps the in-flight slot until a stream ends; returns the function that frees it. */
  holdSlot(): () => void;
  /** Set by the meter; a request refused before it was metered is logged by the pipeline. */
  metered: boolean;
  /** The catalog model the request asked for, once it resolved; a refusal after that is logged under it. */
  model?: string;
  /** The model string the body named, as sent (cut short): a refusal before the model resolved is logged under it. */
  requestedModel?: string;
}

export type GatewayHandler = (context: GatewayContext) => Promise<Response>;
export type ErrorShape = "openai" | "anthropic";

export interface PipelineOptions {
  schedule?: (work: Promise<unknown>) => void;
  errorShape?: ErrorShape;
  /** The endpoint a refused request is logged under; by default the /v1 path's first two segments ("chat.completions"). */
  endpoint?: string;
}

/** Who a request acts for, and its rate limits (whose headers go on `headers`). */
export interface Admitted {
  principal: Principal;
  limits: RequestLimits;
}

/**
 * The first step of a request: who it acts for, once it may go on. Authenticates (or throws 401/403); the principal's
 * rate limits are counted later, in the same round trip as its spend limits (key-rate-limits.ts), unless the
 * admission counts its own (the free demo's).
 */
export type Admission = (request: Request, clientIp: string | undefined, headers: Headers) => Promise<Admitted>;

let inFlight = 0;

export { newRequestId };

export function jsonResponse(body: unknown, status: number, headers: Headers): Response {
  headers.set("content-type", "application/json");
  const text = JSON.stringify(body);
  return withBodyText(new Response(text, { status, headers }), text);
}

export function errorResponse(error: GatewayError, headers: Headers, shape: ErrorShape = "openai"): Response {
  if (error.retryAfter !== undefined) headers.set("retry-after", String(Math.max(1, Math.ceil(error.retryAfter))));
  const body = shape === "anthropic" ? toAnthropicError(error) : toOpenAIError(error);
  return jsonResponse(body, error.status, headers);
}

function reportUnexpected(error: GatewayError, requestId: string): void {
  if (error.code === "internal_error") log.error("unhandled error", { requestId, error: error.cause });
  else if (error.cause !== undefined && error.code === "overloaded")
    log.warn("database out of reach", { requestId, error: error.cause });
}

/**
 * A keyed request refused before it reached an upstream (validation, credits, guardrails, no provider key): logged,
 * never charged. Under its model when that had resolved, else under the model string the body named (an unknown id
 * too: the owner sees what was asked for), else under "" (a body that named none).
 */
function logRefused(context: GatewayContext, error: GatewayError, endpoint: string | undefined): void {
  const path = new URL(context.request.url).pathname.replace(/^\/v1\//, "");
  context.schedule(
    recordUsage({
      requestId: context.requestId,
      userId: context.principal.userId,
      apiKeyId: context.principal.keyId,
      endpoint: endpoint ?? path.split("/").slice(0, 2).join("."),
      model: context.model ?? context.requestedModel ?? "",
      providerId: null,
      upstreamModel: null,
      stream: false,
      status: error.status,
      errorCode: error.code,
      finishReason: null,
      promptTokens: 0,
      completionTokens: 0,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costMicros: 0n,
      reservedMicros: 0n,
      latencyMs: Math.round(performance.now() - context.startedAt),
      ttftMs: null,
      attempts: [],
      prompt: null,
      usageSource: "reported",
      createdAt: new Date(),
    }),
  );
}

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** A /v1 request: its API key, and that key's limits. */
export const admitApiKey: Admission = async (request, clientIp, headers) => {
  refuseThrottledAddress(clientIp);
  let principal: Principal;
  try {
    principal = await authenticate(request.headers, clientIp);
  } catch (error) {
    if (error instanceof GatewayError && error.code === "invalid_api_key") {
      throw (await noteFailedAuthentication(clientIp)) ?? error;
    }
    throw error;
  }
  return { principal, limits: keyRequestLimits(principal, headers) };
};

/** Wraps a handler for a keyed /v1 route. */
export function withApiKey(handler: GatewayHandler, options: PipelineOptions = {}) {
  return withPrincipal(admitApiKey, handler, options);
}

/** Wraps a handler whose principal comes from `admit`: an API key (withApiKey), the free demo, a signed-in session. */
export function withPrincipal(admit: Admission, handler: GatewayHandler, options: PipelineOptions = {}) {
  const schedule = options.schedule ?? ((work: Promise<unknown>) => void work.catch(() => undefined));
  return async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    const requestId = newRequestId();
    const startedAt = performance.now();
    const headers = new Headers({ "x-request-id": requestId });
    const config = env();
    shareKeyHealth(databaseHealthStore);
    startBackgroundWork();
    retestKeysWhenDue(schedule);

    if (inFlight >= config.MAX_IN_FLIGHT) {
      return errorResponse(
        new GatewayError("overloaded", "The gateway is at capacity; retry shortly", { retryAfter: 1 }),
        headers,
        options.errorShape,
      );
    }
    inFlight += 1;
    let held = false;
    let freed = false;
    let context: GatewayContext | undefined;
    const free = () => {
      if (!freed) {
        freed = true;
        inFlight -= 1;
      }
    };
    try {
      const clientIp = clientIpFrom(request.headers);
      const { principal, limits } = await admit(request, clientIp, headers);
      const params = (await routeContext?.params) ?? {};
      context = {
        request,
        requestId,
        principal,
        limits,
        clientIp,
        startedAt,
        params,
        headers,
        schedule,
        metered: false,
        holdSlot: () => {
          held = true;
          return free;
        },
      };
      const response = await handler(context);
      if (limits.counted) return response;
      // A request that spent nothing is counted once its handler is done (no round trip before it).
      try {
        await limits.count();
      } catch (refusal) {
        await response.body?.cancel().catch(() => undefined);
        throw refusal;
      }
      return withRateLimitHeaders(response, headers);
    } catch (thrown) {
      let error = asGatewayError(thrown, requestId);
      // A request refused before it spent counts against its requests per minute and per day too (a flood of bad
      // requests is limited like any other); over them, the answer is the 429.
      if (context && !context.limits.counted) {
        error = await context.limits.count().then(
          () => error,
          (refusal: unknown) => asGatewayError(refusal, requestId),
        );
      }
      reportUnexpected(error, requestId);
      if (context && !context.metered) logRefused(context, error, options.endpoint);
      return errorResponse(error, headers, options.errorShape);
    } finally {
      if (!held) free();
    }
  };
}

/**
 * The response with the rate-limit headers counted after it was made. A response's headers are usually ours to change;
 * one that came back immutable (a redirect, a fetched response) is copied instead.
 */
export function withRateLimitHeaders(response: Response, headers: Headers): Response {
  const limits = [...headers].filter(([name]) => name.startsWith("x-ratelimit-"));
  try {
    for (const [name, value] of limits) response.headers.set(name, value);
    return response;
  } catch {
    const copied = new Headers(response.headers);
    for (const [name, value] of limits) copied.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: copied });
  }
}

/** For unkeyed routes (status): same error handling and request id, no key. */
export function withoutKey(handler: (request: Request, requestId: string, headers: Headers) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const requestId = newRequestId();
    const headers = new Headers({ "x-request-id": requestId });
    startBackgroundWork();
    try {
      return await handler(request, requestId, headers);
    } catch (thrown) {
      const error = asGatewayError(thrown, requestId);
      reportUnexpected(error, requestId);
      return errorResponse(error, headers);
    }
  };
}

/** For the methods a route does not serve: an OpenAI-shaped 405 instead of Next's empty one. */
export function methodNotAllowed(allowed: string) {
  return async (request: Request): Promise<Response> => {
    const headers = new Headers({ "x-request-id": newRequestId(), allow: allowed });
    return errorResponse(
      new GatewayError(
        "method_not_allowed",
        `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allowed}`,
      ),
      headers,
    );
  };
}

/** Reads the body up to `limit` bytes (MAX_REQUEST_BYTES by default); a larger body is refused before it is parsed. */
export async function readBodyText(
  request: Request,
  limit = env().MAX_REQUEST_BYTES,
): Promise<{ text: string; bytes: number }> {
  const body = await readBodyBytes(request, limit);
  return { text: body.toString("utf8"), bytes: body.byteLength };
}

/**
 * The body as bytes, up to `limit`: a declared length over it is refused before a byte is read, and a body that turns
 * out longer is refused as soon as it passes the limit (never read to its end).
 */
export async function readBodyBytes(
  request: Request,
  limit = env().MAX_REQUEST_BYTES,
  tooLarge = () => new GatewayError("request_too_large", `The request body is larger than the limit of ${limit} bytes`),
): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  // A body that stalls or trickles is refused with 408 rather than holding the connection (and a slot) for minutes.
  const read = stallGuardedRead(reader, env().REQUEST_BODY_TIMEOUT_MS);
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(value);
  }
  return Buffer.concat(parts, bytes);
}
