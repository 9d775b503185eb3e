// A key's limits as enforced: its own where set, its plan's otherwise, and never above its plan's (a key may only
// narrow what its account's plan allows). null: no such limit (requests per minute then fall back to the gateway's
// default, DEFAULT_KEY_RPM or the console's setting).

export interface KeyLimits {
  requestsPerMinute: number | null;
  requestsPerDay: number | null;
  tokensPerMinute: number | null;
  concurrentRequests: number | null;
}

export const NO_LIMITS: KeyLimits = Object.freeze({
  requestsPerMinute: null,
  requestsPerDay: null,
  tokensPerMinute: null,
  concurrentRequests: null,
});

/** The limit columns a key row and a plan row both have. */
export interface LimitColumns {
  rpmLimit: number | null;
  rpdLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
}

const lower = (own: number | null, plan: number | null) =>
  own === null ? plan : plan === null ? own : Math.min(own, plan);

export function effectiveKeyLimits(key: LimitColumns, plan: LimitColumns): KeyLimits {
  return {
    requestsPerMinute: lower(key.rpmLimit, plan.rpmLimit),
    requestsPerDay: lower(key.rpdLimit, plan.rpdLimit),
    tokensPerMinute: lower(key.tpmLimit, plan.tpmLimit),
    concurrentRequests: lower(key.concurrencyLimit, plan.concurrencyLimit),
  };
}
