// Users and credit, for operators: search, a user's whole picture, credit granted or removed with a reason, suspension,
// the admin flag, and new accounts. One service for the console's actions, the CLI and MCP: each operation takes the
// Actor first, validates its input, and writes, audits and (where the data plane must see it) announces the change in
// one transaction.
import "../server-only";
import { z } from "zod";
import { recordMovement } from "../billing/ledger";
import { monthStart } from "../billing/key-budgets";
import { announceChange } from "../control-plane/changes";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { keySpendThisMonth, listApiKeys } from "../db/queries/dashboard";
import { listLedgerHistory } from "../db/queries/billing";
import { formatUsd, usdToMicros } from "../money";
import { usageSummary } from "../usage/queries";
import { AdminError } from "./admin-error";
import { type Actor, recordAudit } from "./audit";
import { emailSchema } from "./user-by-email";

/** A refusal for a person: `field` names the input it is about (shown beside it), the message says why. */
/** A user named by email or by id (MCP names users by email; the console by id). */
export type UserRef = { email: string } | { userId: string };

const MAX_GRANT_USD = 1_000_000;
const MAX_REASON_LENGTH = 500;
const SEARCH_PAGE = 50;

const reasonSchema = z
  .string()
  .trim()
  .min(1, "A reason is required")
  .max(MAX_REASON_LENGTH, `A reason has at most ${MAX_REASON_LENGTH} characters`);
const amountSchema = z.union([z.number(), z.string().trim()]).transform((value, context) => {
  try {
    // A number is taken only when six decimals hold it exactly: 0.0000001 is refused, not rounded to nothing.
    if (typeof value === "number" && Number(value.toFixed(6)) !== value) throw new RangeError();
    const micros = usdToMicros(value);
    if (micros <= 0n) throw new RangeError();
    if (micros > usdToMicros(MAX_GRANT_USD)) {
      context.addIssue({ code: "custom", message: `At most ${formatUsd(usdToMicros(MAX_GRANT_USD))} at a time` });
      return z.NEVER;
    }
    return micros;
  } catch {
    context.addIssue({
      code: "custom",
      message: "Enter a positive amount in USD with at most six decimals, such as 5 or 0.25",
    });
    return z.NEVER;
  }
});

function parseOr<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminError(parsed.error.issues[0]?.message ?? "Not valid", field);
  return parsed.data;
}

type Reader = Pick<Prisma.TransactionClient, "user">;

async function findUser(prisma: Reader, ref: UserRef) {
  const where = "email" in ref ? { email: parseOr(emailSchema, ref.email, "email") } : { id: ref.userId };
  const user = await prisma.user.findUnique({ where });
  if (!user) throw new AdminError("email" in ref ? `No user with email ${where.email}` : "No such user", "user");
  return user;
}

/** The user's row locked for this transaction (credit leases take the same lock before they move money). */
async function lockUser(tx: Prisma.TransactionClient, userId: string) {
  const rows = await tx.$queryRawUnsafe<Array<{ balance_micros: bigint; held_micros: bigint }>>(
    "SELECT balance_micros, held_micros FROM users WHERE id = $1 FOR UPDATE",
    userId,
  );
  if (!rows[0]) throw new AdminError("No such user", "user");
  return { balanceMicros: rows[0].balance_micros, heldMicros: rows[0].held_micros };
}

export interface UserListing {
  id: string;
  email: string | null;
  balanceMicros: bigint;
  isAdmin: boolean;
  suspendedAt: Date | null;
  createdAt: Date;
  keys: number;
}

/** Users whose email contains `query` (any case), newest first; the empty query lists everyone, a page at a time. */
export async function searchUsers(
  query: string,
  options: { page?: number } = {},
): Promise<{ users: UserListing[]; hasMore: boolean }> {
  const page = Math.max(0, Math.floor(options.page ?? 0));
  const text = query.trim().slice(0, 200);
  const rows = await db().user.findMany({
    where: text ? { email: { contains: text, mode: "insensitive" } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: page * SEARCH_PAGE,
    take: SEARCH_PAGE + 1,
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
    users: rows.slice(0, SEARCH_PAGE).map(({ _count, ...user }) => ({ ...user, keys: _count.apiKeys })),
    hasMore: rows.length > SEARCH_PAGE,
  };
}

/** Everything the console shows of one user; null when there is no such user. */
export async function getUserDetail(userId: string, now = new Date()) {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isAdmin: true,
      balanceMicros: true,
      heldMicros: true,
      suspendedAt: true,
      suspendedReason: true,
      spendingLimitMicros: true,
      spendingAlertPercents: true,
      lowBalanceMicros: true,
      planId: true,
      createdAt: true,
    },
  });
  if (!user) return null;
  const today = now.toISOString().slice(0, 10);
  const [ledger, keys, keySpend, usage] = await Promise.all([
    listLedgerHistory(userId, { days: 90, now, limit: 50 }),
    listApiKeys(userId),
    keySpendThisMonth(userId, { now }),
    usageSummary({ userId, from: monthStart(now).toISOString().slice(0, 10), to: today, now }),
  ]);
  return { user, ledger, keys, keySpend, usage };
}

export type UserDetail = NonNullable<Awaited<ReturnType<typeof getUserDetail>>>;

export interface CreditChange {
  amountUsd: number | string;
  reason: string;
}

/** Adds credit to a user's balance: a ledger entry naming the admin and the reason, audited. Returns the balance. */
export async function grantCredit(
  actor: Actor,
  ref: UserRef,
  change: CreditChange,
): Promise<{ balanceMicros: bigint; grantedMicros: bigint }> {
  const amount = parseOr(amountSchema, change.amountUsd, "amountUsd");
  const reason = parseOr(reasonSchema, change.reason, "reason");
  return db().$transaction(async (tx) => {
    const user = await findUser(tx, ref);
    const before = await lockUser(tx, user.id);
    await recordMovement(tx, {
      userId: user.id,
      kind: "grant",
      amountMicros: amount,
      description: `credit granted by ${actor.email}: ${reason}`,
    });
    const balanceMicros = before.balanceMicros + amount;
    await recordAudit(tx, actor, {
      action: "credit.grant",
      target: { type: "user", id: user.id },
      before: { email: user.email, balanceUsd: formatUsd(before.balanceMicros) },
      after: { email: user.email, balanceUsd: formatUsd(balanceMicros), grantedUsd: formatUsd(amount), reason },
    });
    return { balanceMicros, grantedMicros: amount };
  });
}

/**
 * Takes credit off a user's balance (an adjustment naming the admin and the reason), audited. Only the free part of the
 * balance can go: what credit leases hold for requests in flight stays (lib/billing/credit-leases.ts), so the
 * balance never falls below what is held; a larger amount is refused, saying how much could be removed.
 */
export async function removeCredit(
  actor: Actor,
  ref: UserRef,
  change: CreditChange,
): Promise<{ balanceMicros: bigint }> {
  const amount = parseOr(amountSchema, change.amountUsd, "amountUsd");
  const reason = parseOr(reasonSchema, change.reason, "reason");
  return db().$transaction(async (tx) => {
    const user = await findUser(tx, ref);
    const before = await lockUser(tx, user.id);
    const free = before.balanceMicros - before.heldMicros;
    if (amount > free) {
      const removable = free > 0n ? free : 0n;
      throw new AdminError(
        `Cannot remove ${formatUsd(amount)}: the balance is ${formatUsd(before.balanceMicros)}, of which ` +
          `${formatUsd(before.heldMicros)} is held for requests in flight, so at most ${formatUsd(removable)} can be removed now`,
        "amountUsd",
      );
    }
    await recordMovement(tx, {
      userId: user.id,
      kind: "adjustment",
      amountMicros: -amount,
      description: `credit removed by ${actor.email}: ${reason}`,
    });
    const balanceMicros = before.balanceMicros - amount;
    await recordAudit(tx, actor, {
      action: "credit.remove",
      target: { type: "user", id: user.id },
      before: { email: user.email, balanceUsd: formatUsd(before.balanceMicros) },
      after: { email: user.email, balanceUsd: formatUsd(balanceMicros), removedUsd: formatUsd(amount), reason },
    });
    return { balanceMicros };
  });
}

/** Serialises changes to who is an admin, so that two removals at once cannot leave none. */
async function lockAdmins(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('switchyard:admins'))");
}

async function otherActiveAdmins(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  return tx.user.count({ where: { isAdmin: true, suspendedAt: null, id: { not: userId } } });
}

/**
 * Suspends a user: every key of the account is refused (403 account_suspended) within a second on every instance,
 * and signing in shows the reason. An admin cannot suspend themself, nor the last admin who is not suspended.
 */
export async function suspendUser(actor: Actor, ref: UserRef, reasonText: string): Promise<void> {
  const reason = parseOr(reasonSchema, reasonText, "reason");
  await db().$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await findUser(tx, ref);
    if (actor.userId !== null && user.id === actor.userId) {
      throw new AdminError("You cannot suspend your own account", "user");
    }
    if (user.isAdmin && !user.suspendedAt && (await otherActiveAdmins(tx, user.id)) === 0) {
      throw new AdminError("This is the last admin: make someone else an admin first", "user");
    }
    const suspendedAt = user.suspendedAt ?? new Date();
    await tx.user.update({ where: { id: user.id }, data: { suspendedAt, suspendedReason: reason } });
    await recordAudit(tx, actor, {
      action: "user.suspend",
      target: { type: "user", id: user.id },
      before: { email: user.email, suspended: user.suspendedAt !== null, reason: user.suspendedReason },
      after: { email: user.email, suspended: true, reason },
    });
    await announceChange(tx, "accounts");
  });
}

/** Lifts a suspension: the account's keys work again within a second. The reason is recorded in the audit log. */
export async function unsuspendUser(actor: Actor, ref: UserRef, reasonText: string): Promise<void> {
  const reason = parseOr(reasonSchema, reasonText, "reason");
  await db().$transaction(async (tx) => {
    const user = await findUser(tx, ref);
    if (!user.suspendedAt) throw new AdminError("This account is not suspended", "user");
    await tx.user.update({ where: { id: user.id }, data: { suspendedAt: null, suspendedReason: null } });
    await recordAudit(tx, actor, {
      action: "user.unsuspend",
      target: { type: "user", id: user.id },
      before: { email: user.email, suspended: true, reason: user.suspendedReason },
      after: { email: user.email, suspended: false, reason },
    });
    await announceChange(tx, "accounts");
  });
}

/** Makes a user an admin or not. The last admin (yourself included) is never removed. */
export async function setAdmin(actor: Actor, ref: UserRef, isAdmin: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await findUser(tx, ref);
    if (user.isAdmin === isAdmin) return;
    if (!isAdmin && (await otherActiveAdmins(tx, user.id)) === 0) {
      throw new AdminError(
        user.id === actor.userId
          ? "You are the last admin: make someone else an admin before removing yourself"
          : "This is the last admin: make someone else an admin first",
        "user",
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { isAdmin } });
    await recordAudit(tx, actor, {
      action: isAdmin ? "user.admin.grant" : "user.admin.revoke",
      target: { type: "user", id: user.id },
      before: { email: user.email, isAdmin: user.isAdmin },
      after: { email: user.email, isAdmin },
    });
  });
}

/** Creates an account for `email` (it signs in by email later), audited. Refuses an email that has one already. */
export async function createUser(actor: Actor, emailText: string): Promise<{ id: string; email: string }> {
  const email = parseOr(emailSchema, emailText, "email");
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AdminError(`A user with email ${email} exists already`, "email");
    }
    const user = await tx.user.create({ data: { email }, select: { id: true, email: true } });
    await recordAudit(tx, actor, {
      action: "user.create",
      target: { type: "user", id: user.id },
      after: { email },
    });
    return { id: user.id, email };
  });
}
