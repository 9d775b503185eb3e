// One error vocabulary for the gateway: throw GatewayError(code, message, param?); this table decides the status.
import { isDatabaseUnreachable } from "../db/database-errors";
export const ERROR_TABLE = {
  invalid_json: { status: 400, type: "invalid_request_error" },
  missing_field: { status: 400, type: "invalid_request_error" },
  invalid_value: { status: 400, type: "invalid_request_error" },
  invalid_api_key: { status: 401, type: "authentication_error" },
  session_required: { status: 401, type: "authentication_error" },
  insufficient_credits: { status: 402, type: "insufficient_credits" },
  key_expired: { status: 403, type: "permission_error" },
  model_not_allowed: { status: 403, type: "permission_error" },
  ip_not_allowed: { status: 403, type: "permission_error" },
  budget_exceeded: { status: 403, type: "permission_error" },
  account_suspended: { status: 403, type: "permission_error" },
  spending_limit_reached: { status: 403, type: "permission_error" },
  cross_origin_request: { status: 403, type: "permission_error" },
  model_not_found: { status: 404, type: "not_found_error" },
  not_found: { status: 404, type: "not_found_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  request_timeout: { status: 408, type: "invalid_request_error" },
  request_too_large: { status: 413, type: "invalid_request_error" },
  request_headers_too_large: { status: 431, type: "invalid_request_error" },
  rate_limit_exceeded: { status: 429, type: "rate_limit_error" },
  concurrency_limit_exceeded: { status: 429, type: "rate_limit_error" },
  internal_error: { status: 500, type: "api_error" },
  not_implemented: { status: 501, type: "not_implemented" },
  upstream_error: { status: 502, type: "upstream_error" },
  overloaded: { status: 503, type: "overloaded_error" },
  upstream_timeout: { status: 504, type: "timeout_error" },
} as const satisfies Record<string, { status: number; type: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly param: string | null;
  /** Seconds, for 429 and 503. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { param?: string | null; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "GatewayError";
    this.code = code;
    this.param = options.param ?? null;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }

  get type(): string {
    return ERROR_TABLE[this.code].type;
  }
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

export function toOpenAIError(error: GatewayError): OpenAIErrorBody {
  return { error: { message: error.message, type: error.type, code: error.code, param: error.param } };
}

/** The error types of Anthropic's Messages API. */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "api_error"
  | "overloaded_error";

/**
 * Anthropic's type for one of our errors, by status as Anthropic assigns them (a 402 for credit is Anthropic's own
 * "credit balance is too low", an invalid_request_error). One mapping for /v1/messages, non-stream bodies and stream
 * error events alike; the status stays ours, which is what the Anthropic SDKs choose their error classes by.
 */
export function anthropicErrorType(error: GatewayError): AnthropicErrorType {
  const { status } = error;
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status === 503) return "overloaded_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

export interface AnthropicErrorBody {
  type: "error";
  error: { type: AnthropicErrorType; message: string; code: string; param: string | null };
}

/** Anthropic's envelope, with our code and param beside its fields (its SDKs ignore what they do not know). */
export function toAnthropicError(error: GatewayError): AnthropicErrorBody {
  return {
    type: "error",
    error: { type: anthropicErrorType(error), message: error.message, code: error.code, param: error.param },
  };
}

/** How long a client is asked to wait while the database is out of reach (a restart takes a few seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Anything thrown that is not a GatewayError is a bug, and the client gets a generic 500 with the request id; except
 * a database out of reach, which is an outage the client should wait out: 503 with Retry-After.
 */
export function asGatewayError(error: unknown, requestId: string): GatewayError {
  if (error instanceof GatewayError) return error;
  if (isDatabaseUnreachable(error)) {
    return new GatewayError("overloaded", "The gateway cannot reach its database right now; retry in a few seconds", {
      retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      cause: error,
    });
  }
  return new GatewayError("internal_error", `Internal error; quote request id ${requestId} when reporting it`, {
    cause: error,
  });
}
