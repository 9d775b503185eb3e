// Anthropic error bodies: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_…"}.
// Whether to retry is the gateway's call from the status (529 overloaded is a 5xx and retried); this reads the
// message and whether the key itself is out of money.
import type { UpstreamErrorInfo } from "../types";
import { anthropicErrorBodySchema } from "./anthropic-api";

export function parseAnthropicError(status: number, bodyText: string): UpstreamErrorInfo {
  let message = bodyText.slice(0, 500);
  let type = "";
  try {
    const parsed = anthropicErrorBodySchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) {
      message = parsed.data.error.message;
      type = parsed.data.error.type;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text.
  }
  return { message: message || `HTTP ${status}`, keyVerdict: keyVerdictOf(type, message) };
}

/**
 * authentication_error is about the key; an account out of credit answers 400 invalid_request_error "Your credit
 * balance is too low…" (billing_error in newer versions). A permission_error (403) can be about what the request asked
 * for, so it says nothing certain about the key.
 */
function keyVerdictOf(type: string, message: string): UpstreamErrorInfo["keyVerdict"] {
  if (type === "authentication_error") return "key_invalid";
  if (type === "billing_error" || /^your credit balance is too low/i.test(message)) return "key_exhausted";
  return undefined;
}

/** The HTTP status Anthropic gives each error type, for errors that arrive inside a 200 stream. */
const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function statusForAnthropicErrorType(type: string): number | undefined {
  return STATUS_BY_ERROR_TYPE[type];
}
