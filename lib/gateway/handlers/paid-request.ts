// What every endpoint that spends money does around its upstream call: hold the key's tokens per minute and a
// concurrency slot, the key's budget and the account's spending limit, and reserve credit for the worst case, meter the
// outcome (which gives all of it back), and tie the upstream call to the client's connection.
import { reserveCredit } from "../../billing/credit-leases";
import { holdBudget } from "../../billing/key-budgets";
import { holdSpendingLimit } from "../../billing/spending-limits";
import { microsToUsd } from "../../money";
import { GatewayError } from "../errors";
import type { GatewayContext } from "../pipeline";
import type { Candidate } from "../routing/candidates";
import type { AttemptRecord } from "../metering/usage-writer";
import { startMeter, type Meter } from "../metering/meter";
import { type ClientGone, ClientGoneNotice, clientGoneOf } from "../client-gone";

export interface PaidRequest {
  meter: Meter;
  /** Told when the client goes (or the relay of the answer is cancelled): every attempt stops then. */
  signal: ClientGone;
  abort(): void;
  /** Stops following the client's connection (the request is over). */
  detach(): void;
  /** Meters a failed request, notes its attempts on the response, and rethrows. */
  fail(error: unknown, attempts?: AttemptRecord[]): never;
  /** The x-switchyard-* headers of a served request (cost too, for a non-stream answer). */
  served(candidate: Candidate, attempts: number, costMicros?: bigint): void;
}

export async function beginPaidRequest(
  context: GatewayContext,
  options: {
    endpoint: string;
    stream: boolean;
    requestedModel: string;
    reserveMicros: bigint;
    /** The worst case in tokens (prompt and max output), reserved against the key's tokens per minute. */
    reserveTokens: number;
    prompt?: unknown;
  },
): Promise<PaidRequest> {
  // The free demo's system account pays for nothing: what it starts must be unable to cost anything, so it reserves
  // nothing (and its meter charges nothing, whatever the usage).
  if (context.principal.billing === "never" && options.reserveMicros !== 0n) {
    throw new GatewayError("model_not_allowed", `'${options.requestedModel}' is not free: it needs an API key`, {
      param: "model",
    });
  }
  // Rate limits first (one round trip for all of them): a request refused for them costs no database work.
  const releaseLimits = await context.limits.holdSpend(options.reserveTokens);
  let releaseKeyBudget: (spent: bigint) => void;
  try {
    releaseKeyBudget = await holdBudget(context.principal, options.reserveMicros);
  } catch (error) {
    releaseLimits(0);
    throw error;
  }
  let releaseAccountLimit: (spent: bigint) => void;
  try {
    releaseAccountLimit = await holdSpendingLimit(context.principal, options.reserveMicros);
  } catch (error) {
    releaseKeyBudget(0n);
    releaseLimits(0);
    throw error;
  }
  const release = (spent: bigint, usedTokens: number) => {
    releaseKeyBudget(spent);
    releaseAccountLimit(spent);
    releaseLimits(usedTokens);
  };
  let reservation: Awaited<ReturnType<typeof reserveCredit>>;
  try {
    reservation = await reserveCredit(context.principal.userId, options.reserveMicros);
  } catch (error) {
    release(0n, 0);
    throw error;
  }
  const meter = startMeter(context, { ...options, reservation, release });
  // A notice, not an AbortController: each attempt makes the one its upstream call needs, following this one.
  const stop = new ClientGoneNotice();
  const onClientAbort = () => stop.abort();
  const clientGone = clientGoneOf(context.request);
  clientGone?.addEventListener("abort", onClientAbort, { once: true });
  const detach = () => clientGone?.removeEventListener("abort", onClientAbort);
  return {
    meter,
    signal: stop,
    abort: () => stop.abort(),
    detach,
    fail(error, attempts = []) {
      const gatewayError = error instanceof GatewayError ? error : new GatewayError("internal_error", "Internal error");
      const clientGone = stop.aborted;
      meter.finish({
        status: clientGone ? 499 : gatewayError.status,
        errorCode: clientGone ? "client_closed" : gatewayError.code,
        attempts,
      });
      if (attempts.length > 0) context.headers.set("x-switchyard-attempts", String(attempts.length));
      detach();
      throw error;
    },
    served(candidate, attempts, costMicros) {
      context.headers.set("x-switchyard-provider", candidate.deployment.provider.id);
      context.headers.set("x-switchyard-model", candidate.model.id);
      context.headers.set("x-switchyard-attempts", String(attempts));
      if (costMicros !== undefined) context.headers.set("x-switchyard-cost-usd", microsToUsd(costMicros).toFixed(6));
    },
  };
}
