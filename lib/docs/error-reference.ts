// The errors page's table, derived from the gateway's own error table: a code added to lib/gateway/errors.ts appears
// here by itself, and error-reference.test.ts fails until its cause and fix are written in both languages
// (messages/<locale>/docs-errors.json, under codes.<code>).
import {
  anthropicErrorType,
  ERROR_TABLE,
  GatewayError,
  type AnthropicErrorType,
  type ErrorCode,
} from "../gateway/errors";

/** What a client should do with an error: change something first, or send the same request again (and when). */
export type RetryAdvice =
  /** The request itself is wrong: sending it again gives the same answer. */
  | "fix-request"
  /** The key or the account stops it: change the key, its limits, or top up. */
  | "fix-account"
  /** Wait the seconds in Retry-After, then send it again unchanged. */
  | "after-retry-after"
  /** A failure on the way (the gateway or an upstream): retry with backoff. */
  | "with-backoff";

/** Where a code can come from: every keyed /v1 route, or only the website's own endpoints (playground, free demo). */
export type ErrorScope = "api" | "site";

const ADVICE: Record<ErrorCode, { retry: RetryAdvice; scope: ErrorScope }> = {
  invalid_json: { retry: "fix-request", scope: "api" },
  missing_field: { retry: "fix-request", scope: "api" },
  invalid_value: { retry: "fix-request", scope: "api" },
  invalid_api_key: { retry: "fix-account", scope: "api" },
  session_required: { retry: "fix-account", scope: "site" },
  insufficient_credits: { retry: "fix-account", scope: "api" },
  key_expired: { retry: "fix-account", scope: "api" },
  model_not_allowed: { retry: "fix-account", scope: "api" },
  ip_not_allowed: { retry: "fix-account", scope: "api" },
  budget_exceeded: { retry: "fix-account", scope: "api" },
  account_suspended: { retry: "fix-account", scope: "api" },
  spending_limit_reached: { retry: "fix-account", scope: "api" },
  cross_origin_request: { retry: "fix-request", scope: "site" },
  model_not_found: { retry: "fix-request", scope: "api" },
  not_found: { retry: "fix-request", scope: "api" },
  method_not_allowed: { retry: "fix-request", scope: "api" },
  request_timeout: { retry: "with-backoff", scope: "api" },
  request_too_large: { retry: "fix-request", scope: "api" },
  request_headers_too_large: { retry: "fix-request", scope: "api" },
  rate_limit_exceeded: { retry: "after-retry-after", scope: "api" },
  concurrency_limit_exceeded: { retry: "after-retry-after", scope: "api" },
  internal_error: { retry: "with-backoff", scope: "api" },
  not_implemented: { retry: "fix-request", scope: "api" },
  upstream_error: { retry: "with-backoff", scope: "api" },
  overloaded: { retry: "after-retry-after", scope: "api" },
  upstream_timeout: { retry: "with-backoff", scope: "api" },
};

export interface ErrorReferenceRow {
  code: ErrorCode;
  status: number;
  /** `error.type` in the OpenAI-shaped body of every /v1 route. */
  type: string;
  /** `error.type` in the Anthropic-shaped body of POST /v1/messages. */
  anthropicType: AnthropicErrorType;
  retry: RetryAdvice;
  scope: ErrorScope;
  /** Whether the answer carries a Retry-After header (seconds). */
  retryAfterHeader: boolean;
}

/** Every code the gateway can answer with, by status, then in the order of the gateway's table. */
export function errorReference(): ErrorReferenceRow[] {
  const codes = Object.keys(ERROR_TABLE) as ErrorCode[];
  return codes
    .map((code, index) => ({ code, index, status: ERROR_TABLE[code].status }))
    .sort((a, b) => a.status - b.status || a.index - b.index)
    .map(({ code, status }) => {
      const { retry, scope } = ADVICE[code];
      return {
        code,
        status,
        type: ERROR_TABLE[code].type,
        anthropicType: anthropicErrorType(new GatewayError(code, "")),
        retry,
        scope,
        retryAfterHeader: retry === "after-retry-after",
      };
    });
}

/** The statuses in the table, in order, each once (the page's summary list). */
export function errorStatuses(): number[] {
  return [...new Set(errorReference().map((row) => row.status))];
}
