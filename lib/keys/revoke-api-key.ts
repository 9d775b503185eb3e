// Revokes one of the user's own keys. Another user's key id is treated exactly like an id that does not exist.
import "../server-only";
import type { Database } from "../db/client";

export type RevokeApiKeyResult = "revoked" | "already-revoked" | "not-found";

export async function revokeApiKey(prisma: Database, userId: string, keyId: string): Promise<RevokeApiKeyResult> {
  // The owner is part of the WHERE clause, so no read-then-check gap exists between ownership and the write.
  const updated = await prisma.apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (updated.count > 0) return "revoked";
  const existing = await prisma.apiKey.findFirst({ where: { id: keyId, userId }, select: { id: true } });
  return existing ? "already-revoked" : "not-found";
}
