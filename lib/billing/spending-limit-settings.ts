// An account's monthly spending limit, alert thresholds and low-balance threshold: read and set by the account's owner
// (the billing page), an admin (the console's user page), or MCP. A change is audited and announced to every instance
// ("accounts"), so a new limit applies to the next request; lib/billing/spending-limits.ts enforces it and
// lib/billing/spending-alerts.ts mails the alerts.
import "../server-only";
import { z } from "zod";
import { type Actor, recordAudit } from "../admin/audit";
import { announceChange } from "../control-plane/changes";
import { db } from "../db/client";
import { log } from "../log";
import { formatUsd, microsToUsd, usdToMicros } from "../money";
import { sendDueSpendingAlerts } from "./spending-alerts";

export const DEFAULT_ALERT_PERCENTS = [50, 80, 100] as const;
const MAX_LIMIT_USD = 1_000_000;
const MAX_THRESHOLDS = 10;

export interface SpendingLimit {
  /** null: no limit. */
  limitUsd: number | null;
  /** Percentages of the limit at which the owner is alerted, ascending. */
  thresholds: number[];
  /** null: no low-balance alert. */
  lowBalanceUsd: number | null;
}

export interface SpendingLimitInput {
  limitUsd: number | string | null;
  thresholds?: Array<number | string> | string;
  lowBalanceUsd?: number | string | null;
}

/** A problem with one field of the form, said for a person. */
export class SpendingLimitError extends Error {
  readonly field: "limitUsd" | "thresholds" | "lowBalanceUsd";
  constructor(field: SpendingLimitError["field"], message: string) {
    super(message);
    this.name = "SpendingLimitError";
    this.field = field;
  }
}

function optionalUsd(value: number | string | null | undefined, field: SpendingLimitError["field"]): bigint | null {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return null;
  let micros: bigint;
  try {
    micros = usdToMicros(typeof value === "string" ? value.trim() : value);
  } catch {
    throw new SpendingLimitError(field, "Enter an amount in USD, such as 50 or 12.5 (or leave it empty for none)");
  }
  if (micros <= 0n) throw new SpendingLimitError(field, "Enter an amount above zero, or leave it empty for none");
  if (micros > usdToMicros(MAX_LIMIT_USD)) {
    throw new SpendingLimitError(field, `At most ${formatUsd(usdToMicros(MAX_LIMIT_USD))}`);
  }
  return micros;
}

const percentSchema = z.coerce.number().int().min(1).max(100);

function thresholdsOf(value: SpendingLimitInput["thresholds"]): number[] {
  if (value === undefined) return [...DEFAULT_ALERT_PERCENTS];
  const items = typeof value === "string" ? value.split(/[\s,%]+/).filter(Boolean) : value;
  const percents: number[] = [];
  for (const item of items) {
    const parsed = percentSchema.safeParse(item);
    if (!parsed.success) {
      throw new SpendingLimitError("thresholds", `"${item}" is not a whole percentage from 1 to 100`);
    }
    percents.push(parsed.data);
  }
  const unique = [...new Set(percents)].sort((a, b) => a - b);
  if (unique.length > MAX_THRESHOLDS)
    throw new SpendingLimitError("thresholds", `At most ${MAX_THRESHOLDS} thresholds`);
  return unique;
}

function view(row: {
  spendingLimitMicros: bigint | null;
  spendingAlertPercents: number[];
  lowBalanceMicros: bigint | null;
}): SpendingLimit {
  return {
    limitUsd: row.spendingLimitMicros === null ? null : microsToUsd(row.spendingLimitMicros),
    thresholds: row.spendingAlertPercents,
    lowBalanceUsd: row.lowBalanceMicros === null ? null : microsToUsd(row.lowBalanceMicros),
  };
}

const COLUMNS = { spendingLimitMicros: true, spendingAlertPercents: true, lowBalanceMicros: true } as const;

/** The account's limit and alert thresholds; null when there is no such user. */
export async function getSpendingLimit(userId: string): Promise<SpendingLimit | null> {
  const row = await db().user.findUnique({ where: { id: userId }, select: COLUMNS });
  return row ? view(row) : null;
}

/**
 * Sets the account's limit (null removes it), thresholds (default 50/80/100 %) and low-balance threshold (null: none).
 * Throws SpendingLimitError naming the field at fault. The data plane applies the new limit to the next request.
 */
export async function setSpendingLimit(
  actor: Actor,
  userId: string,
  input: SpendingLimitInput,
): Promise<SpendingLimit> {
  const limitMicros = optionalUsd(input.limitUsd, "limitUsd");
  const percents = thresholdsOf(input.thresholds);
  const lowBalanceMicros = optionalUsd(input.lowBalanceUsd, "lowBalanceUsd");
  const saved = await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { ...COLUMNS, email: true } });
    if (!before) throw new SpendingLimitError("limitUsd", "No such user");
    const after = await tx.user.update({
      where: { id: userId },
      data: { spendingLimitMicros: limitMicros, spendingAlertPercents: percents, lowBalanceMicros },
      select: COLUMNS,
    });
    await recordAudit(tx, actor, {
      action: "spending_limit.update",
      target: { type: "user", id: userId },
      before: { email: before.email, ...view(before) },
      after: { email: before.email, ...view(after) },
    });
    await announceChange(tx, "accounts");
    return view(after);
  });
  // A limit lowered below this month's spend (or a low-balance alert raised above the balance) is crossed now: the
  // owner hears of it now, not after a request that the new limit may well refuse.
  await sendDueSpendingAlerts(userId).catch((error: unknown) =>
    log.error("checking spending alerts after a new limit failed", { userId, error }),
  );
  return saved;
}
