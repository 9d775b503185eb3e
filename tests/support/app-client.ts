// How tests talk to the running app: the official OpenAI SDK where it shows what users see, raw fetch
// where the SDK hides details (headers, error bodies, SSE frames).
import OpenAI from "openai";
import { expect, inject } from "vitest";
import { balanceMicros, database, requestLogs, type RequestLogRow } from "./keys";

/** The app's origin; fails clearly when the run was started with SKIP_APP=1. */
export function appBaseUrl(): string {
  const baseUrl = inject("baseUrl");
  if (!baseUrl) throw new Error("the app was not started (SKIP_APP=1); run without it to test the app");
  return baseUrl;
}

export function gatewayClient(apiKey: string): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${appBaseUrl()}/v1`, maxRetries: 0, timeout: 60_000 });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions {
  apiKey?: string;
  headers?: Record<string, string>;
  method?: string;
  /** Sent as is when a string, as JSON otherwise; omitted when undefined. */
  body?: unknown;
}

export async function send(path: string, options: SendOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${appBaseUrl()}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export function postChat(apiKey: string, body: unknown, headers?: Record<string, string>): Promise<RawResponse> {
  return send("/v1/chat/completions", { apiKey, body, headers });
}

export function parseJson(response: RawResponse): Record<string, unknown> {
  try {
    return JSON.parse(response.text) as Record<string, unknown>;
  } catch {
    throw new Error(`expected a JSON body, got ${response.status}: ${response.text.slice(0, 500)}`);
  }
}

/** The `data:` payloads of an SSE body, in order (multi-line data joined with "\n"). */
export function sseData(text: string): string[] {
  const payloads: string[] = [];
  for (const event of text.split(/\r?\n\r?\n/)) {
    const lines = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).replace(/^ /, ""));
    if (lines.length > 0) payloads.push(lines.join("\n"));
  }
  return payloads;
}

export interface OpenAIErrorBody {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}

/** Asserts the OpenAI error shape exactly: JSON, `{"error":{message,type,code,param}}` and nothing else. */
export function expectOpenAIError(
  response: RawResponse,
  status: number,
  code: string,
  param?: string | RegExp | null,
): OpenAIErrorBody {
  const summary = `${response.status} ${response.text.slice(0, 400)}`;
  expect(response.status, summary).toBe(status);
  expect(response.headers.get("content-type") ?? "", summary).toMatch(/^application\/json/);
  const body = parseJson(response);
  expect(Object.keys(body), summary).toEqual(["error"]);
  const error = body.error as Record<string, unknown>;
  expect(Object.keys(error).sort(), summary).toEqual(["code", "message", "param", "type"]);
  expect(typeof error.message, summary).toBe("string");
  expect((error.message as string).length, summary).toBeGreaterThan(0);
  expect(typeof error.type, summary).toBe("string");
  expect(error.code, summary).toBe(code);
  if (param instanceof RegExp) expect(String(error.param), summary).toMatch(param);
  else if (param !== undefined) expect(error.param, summary).toBe(param);
  expect(response.text, "an error body must never carry an upstream key").not.toMatch(/sk-test-/);
  return error as unknown as OpenAIErrorBody;
}

/** The `cost` in USD the gateway adds to OpenAI's usage object (not in the SDK's types); fails when absent. */
export function usageCost(usage: unknown): number {
  const cost = (usage as Record<string, unknown> | null | undefined)?.cost;
  if (typeof cost !== "number") throw new Error(`usage without a numeric cost: ${JSON.stringify(usage)}`);
  return cost;
}

/** A minimal valid chat request for `model`. */
export function chatBody(
  model: string,
  text = "Say hello.",
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { model, messages: [{ role: "user", content: text }], ...extra };
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Calls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

/** The events of an SSE body in order: the `event:` name (undefined when absent) and the `data:` payload. */
export function sseEvents(text: string): Array<{ event: string | undefined; data: string }> {
  const events: Array<{ event: string | undefined; data: string }> = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/);
    const data = lines.filter((line) => line.startsWith("data:")).map((line) => line.slice(5).replace(/^ /, ""));
    const name = lines
      .find((line) => line.startsWith("event:"))
      ?.slice(6)
      .trim();
    if (data.length > 0 || name !== undefined) events.push({ event: name, data: data.join("\n") });
  }
  return events;
}

/** A model's catalog prices (micro-USD per 1M tokens), with the provider's fallbacks: cached and cache-write at input. */
export interface CatalogPrices {
  input: bigint;
  cachedInput: bigint;
  cacheWrite: bigint;
  output: bigint;
  markupBps: number;
}

export async function catalogPrices(modelId: string): Promise<CatalogPrices> {
  const result = await database().query<{
    input_price_micros: string | null;
    cached_input_price_micros: string | null;
    cache_write_price_micros: string | null;
    output_price_micros: string | null;
    markup_bps: number;
  }>(
    "SELECT input_price_micros, cached_input_price_micros, cache_write_price_micros, output_price_micros, markup_bps FROM models WHERE id = $1",
    [modelId],
  );
  if (result.rowCount !== 1) throw new Error(`no catalog row for ${modelId}`);
  const row = result.rows[0];
  const input = BigInt(row.input_price_micros ?? "0");
  return {
    input,
    cachedInput: row.cached_input_price_micros === null ? input : BigInt(row.cached_input_price_micros),
    cacheWrite: row.cache_write_price_micros === null ? input : BigInt(row.cache_write_price_micros),
    output: BigInt(row.output_price_micros ?? "0"),
    markupBps: row.markup_bps,
  };
}

/** Tokens by how they are priced: uncached input, cache reads, cache writes, output (reasoning included). */
export interface PricedTokens {
  input?: number;
  cacheRead?: number;
  cacheWrite?: number;
  output?: number;
}

/** Price × tokens × (1 + markup), rounded once to the nearest micro-USD (half away from zero). */
export function expectedCostMicros(prices: CatalogPrices, tokens: PricedTokens): bigint {
  const list =
    BigInt(tokens.input ?? 0) * prices.input +
    BigInt(tokens.cacheRead ?? 0) * prices.cachedInput +
    BigInt(tokens.cacheWrite ?? 0) * prices.cacheWrite +
    BigInt(tokens.output ?? 0) * prices.output;
  const denominator = 1_000_000n * 10_000n;
  return (list * BigInt(10_000 + prices.markupBps) + denominator / 2n) / denominator;
}

/** The balance once every request of this user so far is logged and settled: `initialMicros` minus every logged cost. */
export function settledBalance(userId: string, initialMicros: bigint): Promise<bigint> {
  return eventually(
    async () => {
      const spent = (await requestLogs(userId)).reduce((total, row) => total + row.costMicros, 0n);
      const balance = await balanceMicros(userId);
      return balance === initialMicros - spent ? balance : undefined;
    },
    15_000,
    "every request so far logged and settled",
  );
}

/**
 * Waits for the batched writer to log `requestId` and settle: the balance is `initialMicros` minus every logged cost
 * of this user. Returns that request's row.
 */
export async function chargedRow(
  userId: string,
  initialMicros: bigint,
  requestId: string | null,
): Promise<RequestLogRow> {
  if (!requestId) throw new Error("the response had no x-request-id");
  return eventually(
    async () => {
      const rows = await requestLogs(userId);
      const row = rows.find((candidate) => candidate.id === requestId);
      const balance = await balanceMicros(userId);
      const spent = rows.reduce((total, candidate) => total + candidate.costMicros, 0n);
      return row !== undefined && balance === initialMicros - spent ? row : undefined;
    },
    15_000,
    `request ${requestId} logged and the balance settled to the initial one minus the logged costs`,
  );
}
