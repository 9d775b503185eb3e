// Account spending limits on the data plane: the same holds as per-key budgets (monthly-holds.ts), per account, over
// the spend of every key of it. Once the limit is reached, every key of the account is refused (403
// spending_limit_reached) until the next UTC month or a higher limit; the limit itself comes with the key lookup, which
// an "accounts" change refreshes at once (lib/gateway/auth.ts).
import "../server-only";
import { db } from "../db/client";
import { GatewayError } from "../gateway/errors";
import type { Principal } from "../gateway/auth";
import { formatUsd } from "../money";
import { monthlyHolds, monthStart } from "./monthly-holds";

/** Other instances' spend reaches this one's count within this long. */
const REFRESH_MS = 5_000;

/** This UTC month's spend of every key of the account, from the daily roll-ups (keyed by user and day). */
export async function accountSpendThisMonth(userId: string, now = new Date()): Promise<bigint> {
  const rows = await db().$queryRawUnsafe<Array<{ spent: bigint | null }>>(
    `SELECT SUM(cost_micros)::bigint AS spent FROM usage_daily WHERE user_id = $1 AND day >= $2::date`,
    userId,
    monthStart(now).toISOString().slice(0, 10),
  );
  return rows[0]?.spent ?? 0n;
}

const limits = monthlyHolds((userId, since) => accountSpendThisMonth(userId, since), REFRESH_MS);

export function spendingLimitRefusal(limit: bigint, spent: bigint, reserved: bigint, amount: bigint): string {
  const used = spent + reserved;
  const inFlight = reserved > 0n ? `, ${formatUsd(reserved)} in flight` : "";
  if (used >= limit) {
    return (
      `This account's monthly spending limit of ${formatUsd(limit)} is reached (${formatUsd(spent)} spent this month` +
      `${inFlight}); every key of the account is refused until next month or a higher limit`
    );
  }
  return (
    `This request may cost up to ${formatUsd(amount)}, more than the ${formatUsd(limit - used)} left of this account's ` +
    `monthly spending limit of ${formatUsd(limit)} (${formatUsd(spent)} spent this month${inFlight}); lower ` +
    "max_tokens or raise the limit on the billing page"
  );
}

/**
 * Holds `amount` against the account's monthly spending limit, or throws 403 spending_limit_reached. Returns the
 * release function, called with what the request cost.
 */
export async function holdSpendingLimit(principal: Principal, amount: bigint): Promise<(spent: bigint) => void> {
  const limit = principal.spendingLimitMicros;
  if (limit === null || principal.billing === "never") return () => undefined;
  return limits.hold(
    principal.userId,
    limit,
    amount,
    (spent, reserved) =>
      new GatewayError("spending_limit_reached", spendingLimitRefusal(limit, spent, reserved, amount)),
  );
}
