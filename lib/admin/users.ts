// Users, credit and usage as MCP names them (by email). NOTE for merging: branch `accounts` brings lib/admin/accounts.ts
// with the console's versions of the writes here (createUser, grantCredit with the same arguments); once it is on main,
// the MCP tools should call those and this file keep only what accounts.ts lacks (the by-email reads).
import "../server-only";
import { z } from "zod";
import { monthStart } from "../billing/key-budgets";
import { recordMovement } from "../billing/ledger";
import { db } from "../db/client";
import { formatUsd, usdToMicros } from "../money";
import { usageSummary } from "../usage/queries";
import { AdminError } from "./admin-error";
import { type Actor, recordAudit } from "./audit";
import { emailSchema, userByEmail } from "./user-by-email";

const MAX_GRANT_USD = 1_000_000;
const MAX_REASON_LENGTH = 500;
export const USER_PAGE = 50;

export interface UserListing {
  id: string;
  email: string | null;
  balanceMicros: bigint;
  isAdmin: boolean;
  suspendedAt: Date | null;
  createdAt: Date;
  /** Keys not revoked. */
  keys: number;
}

/** Users whose email contains `query` (any case), newest first, at most USER_PAGE of them. */
export async function searchUsers(query: string): Promise<{ users: UserListing[]; hasMore: boolean }> {
  const text = query.trim().slice(0, 200);
  const rows = await db().user.findMany({
    where: text ? { email: { contains: text, mode: "insensitive" } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: USER_PAGE + 1,
    select: {
      id: true,
      email: true,
      balanceMicros: true,
      isAdmin: true,
      suspendedAt: true,
      createdAt: true,
      _count: { select: { apiKeys: { where: { revokedAt: null } } } },
    },
  });
  return {
    users: rows.slice(0, USER_PAGE).map(({ _count, ...user }) => ({ ...user, keys: _count.apiKeys })),
    hasMore: rows.length > USER_PAGE,
  };
}

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

/** Creates an account for `email` (it signs in by email later), audited. Refuses an email that has one already. */
export async function createUser(actor: Actor, emailText: string): Promise<{ id: string; email: string }> {
  const parsed = emailSchema.safeParse(emailText);
  if (!parsed.success) throw new AdminError(parsed.error.issues[0]?.message ?? "Not an email address", "email");
  const email = parsed.data;
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AdminError(`A user with email ${email} exists already`, "email");
    }
    const user = await tx.user.create({ data: { email }, select: { id: true } });
    await recordAudit(tx, actor, { action: "user.create", target: { type: "user", id: user.id }, after: { email } });
    return { id: user.id, email };
  });
}

const reasonSchema = z
  .string()
  .trim()
  .min(1, "A reason is required")
  .max(MAX_REASON_LENGTH, `A reason has at most ${MAX_REASON_LENGTH} characters`);

/** Adds credit to a user's balance: a ledger entry naming the admin and the reason, audited. Returns the balance. */
export async function grantCredit(
  actor: Actor,
  ref: { email: string },
  change: { amountUsd: number | string; reason: string },
): Promise<{ balanceMicros: bigint; grantedMicros: bigint }> {
  let amount: bigint;
  try {
    // A number is taken only when six decimals hold it exactly: 0.0000001 is refused, not rounded to nothing.
    if (typeof change.amountUsd === "number" && Number(change.amountUsd.toFixed(6)) !== change.amountUsd)
      throw new RangeError();
    amount = usdToMicros(change.amountUsd);
  } catch {
    throw new AdminError("Enter a positive amount in USD with at most six decimals, such as 5 or 0.25", "usd");
  }
  if (amount <= 0n) throw new AdminError("The amount must be positive", "usd");
  if (amount > usdToMicros(MAX_GRANT_USD))
    throw new AdminError(`At most ${formatUsd(usdToMicros(MAX_GRANT_USD))} at a time`, "usd");
  const reason = reasonSchema.safeParse(change.reason);
  if (!reason.success) throw new AdminError(reason.error.issues[0]?.message ?? "A reason is required", "reason");
  return db().$transaction(async (tx) => {
    const user = await userByEmail(tx, ref.email);
    await recordMovement(tx, {
      userId: user.id,
      kind: "grant",
      amountMicros: amount,
      description: `credit granted by ${actor.email}: ${reason.data}`,
    });
    const { balanceMicros } = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { balanceMicros: true },
    });
    await recordAudit(tx, actor, {
      action: "credit.grant",
      target: { type: "user", id: user.id },
      before: { email: user.email, balanceUsd: formatUsd(balanceMicros - amount) },
      after: {
        email: user.email,
        balanceUsd: formatUsd(balanceMicros),
        grantedUsd: formatUsd(amount),
        reason: reason.data,
      },
    });
    return { balanceMicros, grantedMicros: amount };
  });
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
