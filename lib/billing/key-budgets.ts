// Per-key budgets over a day, a week or a month (UTC, as the key's owner chose). The period's spend is read from the
// daily roll-ups once a minute per key, and kept current in between from this instance's own settlements and reservations in flight (lib/billing/monthly-holds.ts).
import "../server-only";
import { db } from "../db/client";
import { GatewayError } from "../gateway/errors";
import { formatUsd } from "../money";
import type { Principal } from "../gateway/auth";
import { monthlyHolds, monthStart } from "./monthly-holds";
import { type BudgetPeriod, periodAdjective, spokenPeriod } from "./budget-periods";

export { monthStart };

const REFRESH_MS = 60_000;

const budgets = monthlyHolds(async (keyId, since) => {
  const rows = await db().$queryRawUnsafe<Array<{ spent: bigint | null }>>(
    // The daily roll-ups hold the same sums as the log, indexed by key and day: no scan of a month of raw rows.
    `SELECT SUM(cost_micros)::bigint AS spent FROM usage_daily WHERE api_key_id = $1 AND day >= $2::date`,
    keyId,
    since.toISOString().slice(0, 10),
  );
  return rows[0]?.spent ?? 0n;
}, REFRESH_MS);

/** Why a request does not fit: the budget is used up, or this request could cost more than what is left of it. */
export function budgetRefusal(
  budget: bigint,
  spent: bigint,
  reserved: bigint,
  amount: bigint,
  period: BudgetPeriod = "month",
): string {
  const used = spent + reserved;
  const inFlight = reserved > 0n ? `, ${formatUsd(reserved)} in flight` : "";
  const name = `${periodAdjective(period)} budget of ${formatUsd(budget)}`;
  const spentText = `${formatUsd(spent)} spent ${spokenPeriod(period)}${inFlight}`;
  if (used >= budget) return `This key's ${name} is used up (${spentText})`;
  return (
    `This request may cost up to ${formatUsd(amount)}, more than the ${formatUsd(budget - used)} left of this key's ` +
    `${name} (${spentText}); lower max_tokens or raise the budget`
  );
}

/** Holds `amount` against the key's budget for its period, or throws 403 budget_exceeded. Returns the release function. */
export async function holdBudget(principal: Principal, amount: bigint): Promise<(spent: bigint) => void> {
  const budget = principal.monthlyBudgetMicros;
  if (budget === null) return () => undefined;
  const period = principal.budgetPeriod;
  return budgets.hold(
    principal.keyId,
    budget,
    amount,
    (spent, reserved) => new GatewayError("budget_exceeded", budgetRefusal(budget, spent, reserved, amount, period)),
    period,
  );
}
