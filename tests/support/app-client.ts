// How tests talk to the running app: the official OpenAI SDK where it shows what users see, raw fetch
// where the SDK hides details (headers, error bodies, SSE frames).
import OpenAI from "openai";
import { expect, inject } from "vitest";

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
export function chatBody(model: string, text = "Say hello.", extra: Record<string, unknown> = {}): Record<string, unknown> {
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
