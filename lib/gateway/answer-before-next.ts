// Requests Next cannot answer well, answered by the node:http server in front of it (scripts/server.ts) before Next
// sees them: methods Next's router does not know (TRACE answers a plain-text 500, PROPFIND an empty 400), /v1 paths
// whose percent-encoding does not decode (a plain-text 500), /V1 in another case (Next's HTML 404), and requests
// node:http itself refuses (431 and the like: an empty answer). On /v1 each gets the contract's JSON error with a
// request id. This runs on every request, so the common case costs one Set lookup and one anchored regex test.
// On Vercel this server is not used; see the README for what remains there.
import { GatewayError, toOpenAIError } from "./errors";
import { newRequestId } from "./request-id";

export interface EarlyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The methods Next's route handlers can serve; any other reaches no handler. */
const NEXT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]);
const ALLOW = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
/** The API's paths, in any letter case: /v1, /v1/…, /v1?…. */
const API_PATH = /^\/v1(?:[/?]|$)/i;
/** As next.config.ts sets on every answer Next gives. */
const NOSNIFF = { "x-content-type-options": "nosniff" };

/** The answer to give instead of Next's, or undefined to let Next serve the request. */
export function answerBeforeNext(method: string, url: string): EarlyAnswer | undefined {
  const api = API_PATH.test(url);
  if (!NEXT_METHODS.has(method)) {
    const message = `${method} is not supported; use ${ALLOW}`;
    const answer = api ? apiError(new GatewayError("method_not_allowed", message)) : plainText(405, message);
    answer.headers.allow = ALLOW;
    return answer;
  }
  if (!api) return undefined;
  if (!url.startsWith("/v1")) {
    const message = `Unknown endpoint ${method} ${pathOf(url)}; API paths are lower-case: /v1/…`;
    return apiError(new GatewayError("not_found", message));
  }
  if (url.includes("%") && !decodes(pathOf(url))) {
    const message = "The request path is not valid percent-encoded UTF-8";
    return apiError(new GatewayError("invalid_value", message, { param: "path" }));
  }
  return undefined;
}

/**
 * The answer to a request node:http could not parse (its `clientError`), keyed by Node's error code; Node's own
 * statuses, in the API's error shape, since a path is not known yet.
 */
export function answerToClientError(code: string | undefined): EarlyAnswer {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return apiError(new GatewayError("request_headers_too_large", "The request's headers are larger than accepted"));
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return apiError(new GatewayError("request_too_large", "The request's chunk extensions are larger than accepted"));
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return apiError(new GatewayError("request_timeout", "The request did not arrive in time"));
    // A method the HTTP parser does not know (TRACK, BREW): unrecognised methods get 501, as HTTP asks.
    case "HPE_INVALID_METHOD":
      return apiError(new GatewayError("not_implemented", `The request method is not supported; use ${ALLOW}`));
    default:
      return apiError(new GatewayError("invalid_value", "The request is not valid HTTP"));
  }
}

/** Whether a request is the API's (and so the data plane's). */
export function isApiRequest(url: string): boolean {
  return API_PATH.test(url);
}

/** An error in the API's shape, with a request id (and Retry-After when the error has one). */
export function apiError(error: GatewayError): EarlyAnswer {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-request-id": newRequestId(),
    ...NOSNIFF,
  };
  if (error.retryAfter !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(error.retryAfter)));
  return { status: error.status, headers, body: JSON.stringify(toOpenAIError(error)) };
}

function plainText(status: number, message: string): EarlyAnswer {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...NOSNIFF }, body: `${message}\n` };
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
