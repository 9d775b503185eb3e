// Creates a client key for a user; the whole key is returned once and only its hash, prefix and last four are kept.
import "../server-only";
import type { Database } from "../db/client";
import { generateApiKey } from "../auth/api-keys";
import { keySettingsColumns, type CreateKeyInput } from "./key-input";

export type CreateApiKeyResult =
  | { ok: true; id: string; key: string; prefix: string; lastFour: string }
  | { ok: false; error: string };

/** The ids in an allow-list that name no model in the catalog. */
export async function unknownModels(prisma: Database, modelIds: string[]): Promise<string[]> {
  if (modelIds.length === 0) return [];
  const known = await prisma.model.findMany({ where: { id: { in: modelIds } }, select: { id: true } });
  return modelIds.filter((model) => !known.some((row) => row.id === model));
}

/** The dashboard's refusal of an allow-list naming unknown models (on create and on edit), or null when all are known. */
export async function unknownModelsError(prisma: Database, modelIds: string[]): Promise<string | null> {
  const unknown = await unknownModels(prisma, modelIds);
  return unknown.length > 0 ? `Unknown model id(s): ${unknown.join(", ")}` : null;
}

export async function createApiKey(
  prisma: Database,
  userId: string,
  input: CreateKeyInput,
): Promise<CreateApiKeyResult> {
  const error = await unknownModelsError(prisma, input.allowedModels);
  if (error) return { ok: false, error };
  const generated = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      userId,
      keyHash: generated.keyHash,
      prefix: generated.prefix,
      lastFour: generated.lastFour,
      ...keySettingsColumns(input),
    },
  });
  return { ok: true, id: row.id, key: generated.key, prefix: generated.prefix, lastFour: generated.lastFour };
}
