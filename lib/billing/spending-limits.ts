// Account spending limits on the data plane: the same reservation approach as per-key budgets (key-budgets.ts), per
// account. This month's spend of every key of the account is read from the daily roll-ups (single-flight, refreshed
// every few seconds), and each request holds its worst case against the limit synchronously in memory, so that
// concurrent requests on one instance can never together pass the limit: a request is admitted only when what was
// spent, plus what requests in flight hold, plus its own worst case fits. Once the limit is reached, the next
// request is refused (403 spending_limit_reached) until the next UTC month or a higher limit (the limit itself comes
// with the key lookup, which an "accounts" change refreshes at once).
import "../server-only";
import { db } from "../db/client";
import { isDatabaseUnreachable } from "../db/database-errors";
import { GatewayError } from "../gateway/errors";
import type { Principal } from "../gateway/auth";
import { formatUsd } from "../money";
import { monthStart } from "./key-budgets";

/** Other instances' spend reaches this one's count within this long. */
const REFRESH_MS = 5_000;

interface AccountSpend {
  month: string;
  /** Settled spend this month: the roll-ups as last read, or more once this instance settled requests since. */
  spent: bigint;
  /** Worst cases held by this instance's requests in flight. */
  reserved: bigint;
  loadedAt: number;
  loading?: Promise<void>;
}

const accounts = new Map<string, AccountSpend>();

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** This UTC month's spend of every key of the account, from the daily roll-ups (keyed by user and day). */
export async function accountSpendThisMonth(userId: string, now = new Date()): Promise<bigint> {
  const rows = await db().$queryRawUnsafe<Array<{ spent: bigint | null }>>(
    `SELECT SUM(cost_micros)::bigint AS spent FROM usage_daily WHERE user_id = $1 AND day >= $2::date`,
    userId,
    monthStart(now).toISOString().slice(0, 10),
  );
  return rows[0]?.spent ?? 0n;
}

function stateOf(userId: string): AccountSpend {
  const month = monthOf(new Date());
  let state = accounts.get(userId);
  if (!state || state.month !== month) {
    // A new month starts from nothing spent; requests of last month still in flight release into the old object.
    state = { month, spent: 0n, reserved: 0n, loadedAt: 0 };
    accounts.set(userId, state);
  }
  return state;
}

/** One read at a time per account: every request waiting for it then checks against the same object. */
async function refresh(userId: string, state: AccountSpend): Promise<void> {
  state.loading ??= (async () => {
    try {
      const spent = await accountSpendThisMonth(userId);
      // Spend only grows within a month; this instance's settlements may not be written yet, so keep the larger.
      if (spent > state.spent) state.spent = spent;
      state.loadedAt = Date.now();
    } finally {
      state.loading = undefined;
    }
  })();
  await state.loading;
}

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
  let state = stateOf(principal.userId);
  if (Date.now() - state.loadedAt > REFRESH_MS) {
    try {
      await refresh(principal.userId, state);
    } catch (error) {
      // While the database is out of reach, the spend as last read plus this instance's since then holds.
      if (!(state.loadedAt > 0 && isDatabaseUnreachable(error))) throw error;
    }
    state = stateOf(principal.userId);
  }
  // From here to the reservation nothing awaits: two requests cannot both take the last of the limit.
  if (state.spent + state.reserved + amount > limit || state.spent >= limit) {
    throw new GatewayError("spending_limit_reached", spendingLimitRefusal(limit, state.spent, state.reserved, amount));
  }
  const held = state;
  held.reserved += amount;
  let released = false;
  return (spent: bigint) => {
    if (released) return;
    released = true;
    held.reserved -= amount;
    held.spent += spent;
  };
}
