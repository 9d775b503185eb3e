// The periods a key's budget can reset over, all in UTC: a day from 00:00, a week from Monday 00:00, a month from its
// first day. The spend of a period is summed from the daily roll-ups, so a period must start at a day's start.
export type BudgetPeriod = "day" | "week" | "month";

export const BUDGET_PERIODS: readonly BudgetPeriod[] = ["day", "week", "month"];

const DAY_MS = 86_400_000;

export function periodStart(period: BudgetPeriod, now = new Date()): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (period === "day") return new Date(day);
  if (period === "week") return new Date(day - ((now.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** When the period that contains `now` ends and the budget is whole again. */
export function periodEnd(period: BudgetPeriod, now = new Date()): Date {
  const start = periodStart(period, now);
  if (period === "day") return new Date(start.getTime() + DAY_MS);
  if (period === "week") return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** A name for the period that contains `now` ("day:2026-12-06"), different for every period of every length. */
export function periodLabel(period: BudgetPeriod, now = new Date()): string {
  return `${period}:${periodStart(period, now).toISOString().slice(0, 10)}`;
}

/** "this month", "this week", "today": how a refusal names the period. */
export function spokenPeriod(period: BudgetPeriod): string {
  return period === "day" ? "today" : `this ${period}`;
}

/** "daily", "weekly", "monthly". */
export function periodAdjective(period: BudgetPeriod): string {
  return period === "day" ? "daily" : `${period}ly`;
}
