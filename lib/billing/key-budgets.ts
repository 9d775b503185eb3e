// Per-key monthly budgets. This month's spend is read from the daily roll-ups once a minute per key, and kept
// current in between from this instance's own settlements and reservations in flight.
import "../server-only";
import { db } from "../db/client";
import { isDatabaseUnreachable } from "../db/database-errors";
import { GatewayError } from "../gateway/errors";
import { formatUsd } from "../money";
import type { Principal } from "../gateway/auth";

const REFRESH_MS = 60_000;

interface KeySpend {
  month: string;
  spent: bigint;
  reserved: bigint;
  loadedAt: number;
}

const spends = new Map<string, KeySpend>();

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function monthStart(date = new Date()): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

async function load(keyId: string, previous: KeySpend | undefined): Promise<KeySpend> {
  const rows = await db().$queryRawUnsafe<Array<{ spent: bigint | null }>>(
    // The daily roll-ups hold the same sums as the log, indexed by key and day: no scan of a month of raw rows.
    `SELECT SUM(cost_micros)::bigint AS spent FROM usage_daily WHERE api_key_id = $1 AND day >= $2::date`,
    keyId,
    monthStart().toISOString().slice(0, 10),
  );
  const entry: KeySpend = {
    month: monthOf(new Date()),
    spent: rows[0]?.spent ?? 0n,
    reserved: previous?.reserved ?? 0n,
    loadedAt: Date.now(),
  };
  spends.set(keyId, entry);
  return entry;
}

/** Why a request does not fit: the budget is used up, or this request could cost more than what is left of it. */
export function budgetRefusal(budget: bigint, spent: bigint, reserved: bigint, amount: bigint): string {
  const used = spent + reserved;
  const inFlight = reserved > 0n ? `, ${formatUsd(reserved)} in flight` : "";
  if (used >= budget)
    return `This key's monthly budget of ${formatUsd(budget)} is used up (${formatUsd(spent)} spent this month${inFlight})`;
  return (
    `This request may cost up to ${formatUsd(amount)}, more than the ${formatUsd(budget - used)} left of this key's monthly budget of ` +
    `${formatUsd(budget)} (${formatUsd(spent)} spent this month${inFlight}); lower max_tokens or raise the budget`
  );
}

/** Holds `amount` against the key's budget, or throws 403 budget_exceeded. Returns the release function. */
export async function holdBudget(principal: Principal, amount: bigint): Promise<(spent: bigint) => void> {
  const budget = principal.monthlyBudgetMicros;
  if (budget === null) return () => undefined;
  let entry = spends.get(principal.keyId);
  if (!entry || entry.month !== monthOf(new Date()) || Date.now() - entry.loadedAt > REFRESH_MS) {
    // While the database is out of reach, this month's spend as last read, plus what this instance added since, holds.
    const known = entry;
    entry = await load(principal.keyId, entry).catch((error: unknown) => {
      if (known && known.month === monthOf(new Date()) && isDatabaseUnreachable(error)) return known;
      throw error;
    });
  }
  if (entry.spent + entry.reserved + amount > budget) {
    throw new GatewayError("budget_exceeded", budgetRefusal(budget, entry.spent, entry.reserved, amount));
  }
  const held = entry;
  held.reserved += amount;
  let released = false;
  return (spent: bigint) => {
    if (released) return;
    released = true;
    held.reserved -= amount;
    // Until the next reload, count what this instance spent; the reload then reads it from the log.
    held.spent += spent;
  };
}
