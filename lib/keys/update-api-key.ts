// Changes the name and limits of one of the user's own keys. Another user's key id, and a revoked key, are treated
// exactly like an id that does not exist. The data plane caches a key for a second, so a change applies within one.
import "../server-only";
import type { Database } from "../db/client";
import { unknownModelsError } from "./create-api-key";
import { KEY_NOT_FOUND } from "./key-form-state";
import { keySettingsColumns, type UpdateKeyInput } from "./key-input";

export type UpdateApiKeyResult = { ok: true } | { ok: false; error: string };

export async function updateApiKey(
  prisma: Database,
  userId: string,
  input: UpdateKeyInput,
): Promise<UpdateApiKeyResult> {
  const error = await unknownModelsError(prisma, input.allowedModels);
  if (error) return { ok: false, error };
  // The owner and "not revoked" are part of the WHERE clause, as in revoke-api-key.ts: no read-then-check gap.
  const updated = await prisma.apiKey.updateMany({
    where: { id: input.keyId, userId, revokedAt: null },
    data: keySettingsColumns(input),
  });
  return updated.count > 0 ? { ok: true } : { ok: false, error: KEY_NOT_FOUND };
}
