// Changes the name and limits of one of the user's own keys. Another user's key id, and a revoked key, are treated
// exactly like an id that does not exist. The data plane caches a key for a second, so a change applies within one.
import "../server-only";
import type { Database } from "../db/client";
import { keySettingsColumns } from "./key-input";
import type { KeySettings } from "./key-settings-issues";

export type UpdateApiKeyResult = "saved" | "not-found";

export async function updateApiKey(
  prisma: Database,
  userId: string,
  keyId: string,
  settings: KeySettings,
): Promise<UpdateApiKeyResult> {
  // The owner and "not revoked" are part of the WHERE clause, as in revoke-api-key.ts: no read-then-check gap.
  const updated = await prisma.apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: keySettingsColumns(settings),
  });
  return updated.count > 0 ? "saved" : "not-found";
}
