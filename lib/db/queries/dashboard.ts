// Reads for the dashboard: always scoped to the signed-in user's id.
import "../../server-only";
import { cache } from "react";
import { monthStart } from "../../billing/key-budgets";
import { db, type Database } from "../client";

/** The signed-in account's email, balance and admin flag; read once per render however many parts of the page ask. */
export const getAccountSummary = cache(async (userId: string) =>
  db().user.findUnique({ where: { id: userId }, select: { email: true, balanceMicros: true, isAdmin: true } }),
);

/** The trial credit the account was given when it was created (0 when none). */
export async function signupCredit(userId: string): Promise<bigint> {
  const grant = await db().ledgerEntry.findUnique({
    where: { idempotencyKey: `signup:${userId}` },
    select: { amountMicros: true, userId: true },
  });
  return grant && grant.userId === userId ? grant.amountMicros : 0n;
}

/** Whether the key id is one of the user's: another user's key id is treated as no key at all. */
export async function ownsApiKey(userId: string, keyId: string): Promise<boolean> {
  return (await db().apiKey.count({ where: { id: keyId, userId } })) > 0;
}

export async function listApiKeys(userId: string, prisma: Database = db()) {
  return prisma.apiKey.findMany({
    where: { userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      lastFour: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      expiresAt: true,
      rpmLimit: true,
      rpdLimit: true,
      tpmLimit: true,
      concurrencyLimit: true,
      monthlyBudgetMicros: true,
      budgetPeriod: true,
      allowedModels: true,
      allowedIps: true,
    },
  });
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

/**
 * Micro-USD spent this UTC month per key of the user (keys without spend are absent), in one grouped read of the
 * daily roll-ups — the same sums the data plane checks budgets against (lib/billing/key-budgets.ts).
 */
export async function keySpendThisMonth(
  userId: string,
  options: { now?: Date; prisma?: Database } = {},
): Promise<Map<string, bigint>> {
  const rows = await (options.prisma ?? db()).usageDaily.groupBy({
    by: ["apiKeyId"],
    where: { userId, day: { gte: monthStart(options.now) } },
    _sum: { costMicros: true },
  });
  return new Map(rows.map((row) => [row.apiKeyId, row._sum.costMicros ?? 0n]));
}
