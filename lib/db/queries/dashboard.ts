// Reads for the dashboard: always scoped to the signed-in user's id.
import "../../server-only";
import { db } from "../client";

export async function getAccountSummary(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { email: true, balanceMicros: true, isAdmin: true } });
}

/** Whether the key id is one of the user's: another user's key id is treated as no key at all. */
export async function ownsApiKey(userId: string, keyId: string): Promise<boolean> {
  return (await db().apiKey.count({ where: { id: keyId, userId } })) > 0;
}

export async function listApiKeys(userId: string) {
  return db().apiKey.findMany({
    where: { userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, lastFour: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true, rpmLimit: true, monthlyBudgetMicros: true, allowedModels: true },
  });
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
