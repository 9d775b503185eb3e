// Spending alerts: when an account's spend this month crosses one of its alert thresholds (a percentage of its
// spending limit), or its balance falls below its low-balance threshold, its owner is emailed once per threshold per
// UTC month. Checked off the hot path after a request's usage is written; the spending_alerts primary key makes each
// email go out once, whichever instance (or how many at once) notices the crossing.
import "../server-only";
import { db } from "../db/client";
import type { Principal } from "../gateway/auth";
import { log } from "../log";
import { sendMail } from "../mail/send-mail";
import { formatUsd } from "../money";
import { accountSpendThisMonth } from "./spending-limits";

export type AlertKind = `limit:${number}` | "low_balance";

export interface AccountSpendingState {
  limitMicros: bigint | null;
  percents: number[];
  lowBalanceMicros: bigint | null;
  spentMicros: bigint;
  balanceMicros: bigint;
}

/** The thresholds the account is past now, lowest first. */
export function crossedAlerts(state: AccountSpendingState): AlertKind[] {
  const crossed: AlertKind[] = [];
  if (state.limitMicros !== null && state.limitMicros > 0n) {
    for (const percent of [...state.percents].sort((a, b) => a - b)) {
      if (state.spentMicros * 100n >= state.limitMicros * BigInt(percent)) crossed.push(`limit:${percent}`);
    }
  }
  if (state.lowBalanceMicros !== null && state.balanceMicros < state.lowBalanceMicros) crossed.push("low_balance");
  return crossed;
}

export function monthKey(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

function mailFor(kind: AlertKind, state: AccountSpendingState, month: string): { subject: string; text: string } {
  if (kind === "low_balance") {
    const threshold = formatUsd(state.lowBalanceMicros ?? 0n);
    return {
      subject: `Switchyard: your balance is below ${threshold}`,
      text:
        `Your Switchyard balance is ${formatUsd(state.balanceMicros)}, below the ${threshold} you asked to be warned ` +
        "at. Top up on the billing page so that your keys keep working.",
    };
  }
  const percent = Number(kind.slice("limit:".length));
  const limit = formatUsd(state.limitMicros ?? 0n);
  const reached = percent >= 100;
  return {
    subject: reached
      ? `Switchyard: your monthly spending limit of ${limit} is reached`
      : `Switchyard: ${percent}% of your monthly spending limit used`,
    text:
      `Your account has spent ${formatUsd(state.spentMicros)} in ${month} (UTC), ${percent}% of its monthly spending ` +
      `limit of ${limit}. ` +
      (reached
        ? "Every key of the account is refused (403 spending_limit_reached) until next month or until you raise the limit on the billing page."
        : "At 100% every key of the account is refused until next month; you can change the limit on the billing page."),
  };
}

/** Reads the account's spending state now (for the check here, and the dashboard's banner). */
export async function accountSpendingState(userId: string, now = new Date()) {
  const [user, spentMicros] = await Promise.all([
    db().user.findUnique({
      where: { id: userId },
      select: {
        email: true,
        balanceMicros: true,
        spendingLimitMicros: true,
        spendingAlertPercents: true,
        lowBalanceMicros: true,
      },
    }),
    accountSpendThisMonth(userId, now),
  ]);
  if (!user) return null;
  return {
    email: user.email,
    state: {
      limitMicros: user.spendingLimitMicros,
      percents: user.spendingAlertPercents,
      lowBalanceMicros: user.lowBalanceMicros,
      spentMicros,
      balanceMicros: user.balanceMicros,
    } satisfies AccountSpendingState,
  };
}

/** Records and mails every alert the account is past and has not had this month. Returns the kinds mailed. */
export async function sendDueSpendingAlerts(userId: string, now = new Date()): Promise<AlertKind[]> {
  const account = await accountSpendingState(userId, now);
  if (!account?.email) return [];
  const crossed = crossedAlerts(account.state);
  if (crossed.length === 0) return [];
  const month = monthKey(now);
  const inserted = await db().$queryRawUnsafe<Array<{ kind: AlertKind }>>(
    `INSERT INTO spending_alerts (user_id, month, kind) SELECT $1, $2, kind FROM unnest($3::text[]) AS kind
     ON CONFLICT DO NOTHING RETURNING kind`,
    userId,
    month,
    crossed,
  );
  const sent: AlertKind[] = [];
  for (const { kind } of inserted) {
    try {
      await sendMail({ to: account.email, ...mailFor(kind, account.state, month) });
      sent.push(kind);
    } catch (error) {
      // Not sent: forget it, so that the next check tries again.
      log.error("a spending alert could not be mailed; it is retried on the next check", { userId, kind, error });
      await db().spendingAlert.deleteMany({ where: { userId, month, kind } });
    }
  }
  return sent;
}

const checks = globalThis as unknown as { switchyardAlertChecks?: Map<string, { again: boolean }> };

/**
 * After a request of `principal` was charged: checks its account's alerts, one check at a time per account (a burst
 * of requests makes one check, and one more after it for what the first did not see).
 */
export function noteAccountSpend(principal: Principal): void {
  if (!principal.spendingAlerts || principal.billing === "never") return;
  checks.switchyardAlertChecks ??= new Map();
  const running = checks.switchyardAlertChecks;
  const current = running.get(principal.userId);
  if (current) {
    current.again = true;
    return;
  }
  const entry = { again: false };
  running.set(principal.userId, entry);
  void (async () => {
    try {
      do {
        entry.again = false;
        await sendDueSpendingAlerts(principal.userId);
      } while (entry.again);
    } catch (error) {
      log.error("checking spending alerts failed", { userId: principal.userId, error });
    } finally {
      running.delete(principal.userId);
    }
  })();
}
