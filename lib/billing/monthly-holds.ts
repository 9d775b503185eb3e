// Holding requests against a cap over a period (a key's budget: a day, a week or a month; an account's spending limit:
// a month) on the data plane. The period's spend is read from the database now and then (one read at a time per capped thing) and kept current in between from
// this instance's own settlements; each request holds its worst case synchronously in memory, so requests in flight
// on one instance can never together pass the cap: one is admitted only when spent + held by others + its own worst
// case fits.
import "../server-only";
import { isDatabaseUnreachable } from "../db/database-errors";
import { type BudgetPeriod, periodLabel, periodStart } from "./budget-periods";

interface MonthSpend {
  /** The period counted (periodLabel): a new period, or a key's period changed, starts from nothing spent. */
  period: string;
  /** Settled this month: the database as last read, or more once this instance settled requests since. */
  spent: bigint;
  /** Worst cases held by this instance's requests in flight. */
  reserved: bigint;
  loadedAt: number;
  /** The read in progress: every request that needs it waits for this one, then checks against the same object. */
  loading?: Promise<void>;
}

export function monthStart(date = new Date()): Date {
  return periodStart("month", date);
}

export interface MonthlyHolds {
  /**
   * Holds `amount` against `cap` for `id` over `period` (a month unless said), or throws what `refuse(spent, reserved)`
   * makes. Returns the release, called with what the request cost.
   */
  hold(
    id: string,
    cap: bigint,
    amount: bigint,
    refuse: (spent: bigint, reserved: bigint) => Error,
    period?: BudgetPeriod,
  ): Promise<(spent: bigint) => void>;
}

/** `readSpent(id, periodStart)`: the period's spend of `id` in the database; read at most once per `refreshMs`. */
export function monthlyHolds(readSpent: (id: string, since: Date) => Promise<bigint>, refreshMs: number): MonthlyHolds {
  const spends = new Map<string, MonthSpend>();

  // A new period starts from nothing spent; requests of the last one still in flight release into the old object.
  function entryOf(id: string, period: BudgetPeriod): MonthSpend {
    const label = periodLabel(period);
    let entry = spends.get(id);
    if (!entry || entry.period !== label) {
      entry = { period: label, spent: 0n, reserved: 0n, loadedAt: 0 };
      spends.set(id, entry);
    }
    return entry;
  }

  async function load(id: string, entry: MonthSpend, period: BudgetPeriod): Promise<void> {
    entry.loading ??= (async () => {
      try {
        const spent = await readSpent(id, periodStart(period));
        // Spend only grows within a period, and this instance's settlements may not be written yet: keep the larger.
        if (spent > entry.spent) entry.spent = spent;
        entry.loadedAt = Date.now();
      } finally {
        entry.loading = undefined;
      }
    })();
    await entry.loading;
  }

  return {
    async hold(id, cap, amount, refuse, period = "month") {
      let entry = entryOf(id, period);
      if (Date.now() - entry.loadedAt > refreshMs) {
        try {
          await load(id, entry, period);
        } catch (error) {
          // While the database is out of reach, the spend as last read plus this instance's since then holds.
          if (!(entry.loadedAt > 0 && isDatabaseUnreachable(error))) throw error;
        }
        entry = entryOf(id, period);
      }
      // From here to the reservation nothing awaits: two requests cannot both take the last of the cap.
      if (entry.spent >= cap || entry.spent + entry.reserved + amount > cap) throw refuse(entry.spent, entry.reserved);
      const held = entry;
      held.reserved += amount;
      let released = false;
      return (spent: bigint) => {
        if (released) return;
        released = true;
        held.reserved -= amount;
        held.spent += spent;
      };
    },
  };
}
