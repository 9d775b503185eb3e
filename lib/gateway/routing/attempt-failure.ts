// How one upstream attempt failed, and so what happens next: to this request (return the error, try another key or
// deployment, wait and retry) and to shared state (a key's cool-down or circuit, a probe of the key). Only failures that
// are evidence about the upstream itself touch shared state; a request's own 4xx, and our own exceptions, never do.
import { redact } from "../../log";
import { GatewayError } from "../errors";
import type { ErrorClass } from "../metering/usage-writer";
import type { KeyVerdict, UpstreamErrorInfo } from "../providers/types";

export type AttemptFailure =
  /** The upstream refused the request for what it contains: the client's answer, at once. */
  | { kind: "request"; status: number; message: string; clientError: GatewayError }
  /** 401/403, or the key's account is out of credit: not this key again for this request; a probe of our own decides
   * whether the key is taken out of service. `verdict` is what the upstream said about the key, when it said. */
  | { kind: "key_refused"; status: number; message: string; verdict: KeyVerdict | undefined }
  /** 404: this deployment does not serve the model (or the request named something it does not have): another
   * deployment, never another key of this one. */
  | { kind: "not_served"; status: number; message: string }
  | { kind: "rate_limited"; status: number; message: string; retryAfterMs: number | undefined }
  /** 5xx, connection errors and timeouts count toward the key's circuit; `counts: false` for failures that are not
   * clearly the upstream's health (a 408, an answer we could not read). */
  | {
      kind: "upstream";
      status: number | null;
      message: string;
      cause: "server" | "timeout" | "connection";
      counts: boolean;
    }
  /** Our own code threw (a bug, a limit of ours): a 500 for the client, nothing held against the upstream. */
  | { kind: "internal"; message: string; error: unknown };

/** Thrown inside an attempt to say how it failed. */
export class AttemptFailed extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(failure.message);
    this.name = "AttemptFailed";
  }
}

/** An upstream answer that did not make sense (not JSON, no events): another key may do better; no circuit count. */
export function unreadableAnswer(message: string): AttemptFailed {
  return new AttemptFailed({ kind: "upstream", status: 502, message, cause: "server", counts: false });
}

/** Classifies a non-2xx upstream answer from its status and what the adapter read in its body. */
export function failureFromAnswer(status: number, info: UpstreamErrorInfo, retryAfterMs?: number): AttemptFailure {
  const message = `${status} ${redact(info.message)}`;
  if (info.keyVerdict) return { kind: "key_refused", status, message, verdict: info.keyVerdict };
  if (info.causedByRequest) return requestFailure(status, message, info);
  if (status === 429) return { kind: "rate_limited", status, message, retryAfterMs };
  if (status === 401 || status === 403) return { kind: "key_refused", status, message, verdict: undefined };
  if (status === 404) return { kind: "not_served", status, message };
  if (status === 408) return { kind: "upstream", status, message, cause: "timeout", counts: false };
  if (status >= 500) return { kind: "upstream", status, message, cause: "server", counts: true };
  return requestFailure(status, message, info);
}

function requestFailure(status: number, message: string, info: UpstreamErrorInfo): AttemptFailure {
  const code = status === 413 || (status === 429 && info.causedByRequest) ? "request_too_large" : "invalid_value";
  const clientError = new GatewayError(code, `The upstream provider rejected the request: ${redact(info.message)}`);
  return { kind: "request", status, message, clientError };
}

/** For the request record (GET /v1/generation) and the logs. */
export function errorClassOf(failure: AttemptFailure): ErrorClass {
  switch (failure.kind) {
    case "request":
      return "request";
    case "key_refused":
      return "auth";
    case "not_served":
      return "not_served";
    case "rate_limited":
      return "rate_limited";
    case "internal":
      return "internal";
    case "upstream":
      return failure.cause;
  }
}

export function statusOf(failure: AttemptFailure): number | null {
  return failure.kind === "internal" ? null : failure.status;
}
