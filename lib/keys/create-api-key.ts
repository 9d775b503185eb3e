// Creates a client key for a user; the whole key is returned once and only its hash, prefix and last four are kept.
// The settings come checked (lib/keys/key-settings-issues.ts on the dashboard, the CLI's own checks).
import "../server-only";
import type { Database } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { generateApiKey } from "../auth/api-keys";
import { keySettingsColumns } from "./key-input";
import type { KeySettings } from "./key-settings-issues";

/** The client or a transaction's client: an admin mints a key in the transaction that audits it. */
type Client = Database | Prisma.TransactionClient;

export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  lastFour: string;
}

/** The ids in an allow-list that name no model in the catalog. */
export async function unknownModels(prisma: Client, modelIds: readonly string[]): Promise<string[]> {
  if (modelIds.length === 0) return [];
  const known = await prisma.model.findMany({ where: { id: { in: [...modelIds] } }, select: { id: true } });
  return modelIds.filter((model) => !known.some((row) => row.id === model));
}

/** The names of the user's keys that still work (not revoked, not expired), but for `exceptKeyId` (the one edited). */
export async function activeKeyNames(
  prisma: Client,
  userId: string,
  options: { now: Date; exceptKeyId?: string },
): Promise<string[]> {
  const keys = await prisma.apiKey.findMany({
    where: {
      userId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: options.now } }],
      ...(options.exceptKeyId ? { id: { not: options.exceptKeyId } } : {}),
    },
    select: { name: true },
  });
  return keys.map((key) => key.name);
}

/** The account's plan, whose limits a key's own can only lower. */
export async function accountPlan(prisma: Client, userId: string) {
  const { plan } = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      plan: { select: { name: true, rpmLimit: true, rpdLimit: true, tpmLimit: true, concurrencyLimit: true } },
    },
  });
  return plan;
}

export async function createApiKey(prisma: Client, userId: string, settings: KeySettings): Promise<CreatedApiKey> {
  const generated = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      userId,
      keyHash: generated.keyHash,
      prefix: generated.prefix,
      lastFour: generated.lastFour,
      ...keySettingsColumns(settings),
    },
  });
  return { id: row.id, key: generated.key, prefix: generated.prefix, lastFour: generated.lastFour };
}
