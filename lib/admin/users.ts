// Reads of a user as MCP names them (by email): a summary, the balance, a month's usage. The writes (creating a user,
// granting credit) and the search are lib/admin/accounts.ts's, which the console uses too.
import "../server-only";
import { monthStart } from "../billing/key-budgets";
import { db } from "../db/client";
import { usageSummary } from "../usage/queries";
import { AdminError } from "./admin-error";
import { userByEmail } from "./user-by-email";

/** One user as an operator needs them at a glance. */
export async function userSummary(email: string, now = new Date()) {
  const user = await userByEmail(db(), email);
  const [keys, usage] = await Promise.all([
    db().apiKey.count({ where: { userId: user.id, revokedAt: null } }),
    usageSummary({
      userId: user.id,
      from: monthStart(now).toISOString().slice(0, 10),
      to: now.toISOString().slice(0, 10),
      now,
    }),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    suspendedAt: user.suspendedAt,
    suspendedReason: user.suspendedReason,
    balanceMicros: user.balanceMicros,
    heldMicros: user.heldMicros,
    createdAt: user.createdAt,
    activeKeys: keys,
    thisMonth: { costMicros: usage.costMicros, tokens: usage.tokens, requests: usage.requests },
  };
}

/** A user's balance: what is settled, and the part held for requests in flight. */
export async function creditBalance(email: string) {
  const user = await userByEmail(db(), email);
  return { email: user.email, balanceMicros: user.balanceMicros, heldMicros: user.heldMicros };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Cost, tokens and requests of a user in one UTC month ("YYYY-MM"; the current month by default). */
export async function monthUsage(email: string, month: string | undefined, now = new Date()) {
  const chosen = month ?? now.toISOString().slice(0, 7);
  const match = MONTH.exec(chosen);
  if (!match) throw new AdminError("A month such as 2026-12 (YYYY-MM)", "month");
  const first = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  const last = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0));
  if (first > now) throw new AdminError(`${chosen} has not begun`, "month");
  const user = await userByEmail(db(), email);
  const to = last < now ? last : now;
  const summary = await usageSummary({
    userId: user.id,
    from: first.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    now,
  });
  return {
    email: user.email,
    month: chosen,
    costMicros: summary.costMicros,
    promptTokens: summary.promptTokens,
    completionTokens: summary.completionTokens,
    tokens: summary.tokens,
    requests: summary.requests,
    errors: summary.errors,
  };
}
