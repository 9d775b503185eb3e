// Error bodies of OpenAI and the vendors that copy its wire format: {"error": {message, type, code, param}}, or a bare
// {"error": "…"} / {"message": "…"} from some vendors. What the refusal says about the key comes from `code`, `type`
// and the status, never from the message alone: a message can echo what the request sent.
import type { UpstreamErrorInfo } from "../types";

interface ErrorFields {
  message: string;
  codes: string[];
}

function readError(status: number, bodyText: string): ErrorFields {
  let message = bodyText.slice(0, 500);
  const codes: string[] = [];
  try {
    const parsed = JSON.parse(bodyText) as { error?: unknown; message?: unknown };
    const error = parsed.error;
    if (typeof error === "string") message = error;
    else if (typeof error === "object" && error !== null) {
      const fields = error as { message?: unknown; code?: unknown; type?: unknown };
      if (typeof fields.message === "string") message = fields.message;
      for (const value of [fields.code, fields.type]) if (typeof value === "string") codes.push(value.toLowerCase());
    } else if (typeof parsed.message === "string") message = parsed.message;
  } catch {
    // Not JSON (a proxy's HTML page): keep the text.
  }
  return { message: message || `HTTP ${status}`, codes };
}

/** Codes that mean the key is unknown or revoked (OpenAI: invalid_api_key; others: authentication_error, …). */
const INVALID_KEY_CODES = new Set([
  "invalid_api_key",
  "invalid_authentication",
  "authentication_error",
  "account_deactivated",
]);
/** Codes that mean the key's account has no money or quota left. */
const EXHAUSTED_CODES = new Set([
  "insufficient_quota",
  "insufficient_balance",
  "billing_hard_limit_reached",
  "billing_not_active",
]);
/** How vendors without a code word a 401 about the key itself (DeepSeek: "Authentication Fails (no such user)"). */
const INVALID_KEY_MESSAGE =
  /^(incorrect api key|invalid api key|authentication fails|invalid authentication|api key (is )?(invalid|revoked|expired))/i;

export function parseOpenAICompatibleError(status: number, bodyText: string): UpstreamErrorInfo {
  const { message, codes } = readError(status, bodyText);
  if (codes.some((code) => EXHAUSTED_CODES.has(code)) || status === 402)
    return { message, keyVerdict: "key_exhausted" };
  if (status === 401 && (codes.some((code) => INVALID_KEY_CODES.has(code)) || INVALID_KEY_MESSAGE.test(message))) {
    return { message, keyVerdict: "key_invalid" };
  }
  // OpenAI answers a request bigger than the key's tokens-per-minute limit with 429 "Request too large for …": no
  // wait makes it pass, and it says nothing about the key.
  if (status === 429 && /^request too large/i.test(message)) return { message, causedByRequest: true };
  return { message };
}
