// A customer's own OpenAI-compatible endpoints (bring your own provider), as the dashboard's /providers manages them:
// add one with its base URL and first key, add or remove keys, test the connection, pick models, delete it. Every
// function is given the signed-in account and touches only that account's rows: another account's id is "no such
// provider", never a hint that it exists. Keys are write-only (encrypted like the operator's, shown by last four).
import "../server-only";
import {
  CatalogInputError,
  checkByoKeyInput,
  checkByoModelsInput,
  checkByoProviderInput,
} from "../admin/catalog/catalog-input";
import { type ConnectionResult, listUpstreamModels } from "../admin/catalog/test-connection";
import { announceChange } from "../control-plane/changes";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { env } from "../env";
import { decryptSecret, encryptSecret, fingerprint } from "../security/encryption";
import { checkPublicHost } from "../security/network-guard";
import { BYO_PREFIX, forgetAccountProviders } from "./account-catalog";

export interface ByoKeyView {
  id: string;
  label: string;
  lastFour: string;
  createdAt: Date;
}

export interface ByoProviderView {
  id: string;
  name: string;
  baseUrl: string;
  createdAt: Date;
  keys: ByoKeyView[];
  /** The model ids to call: byo/<name>/<model>. */
  models: Array<{ upstreamModel: string; id: string }>;
}

export async function listByoProviders(userId: string): Promise<ByoProviderView[]> {
  const providers = await db().byoProvider.findMany({
    where: { userId },
    orderBy: { name: "asc" },
    include: { keys: { orderBy: { createdAt: "asc" } }, models: { orderBy: { upstreamModel: "asc" } } },
  });
  return providers.map((provider) => ({
    id: provider.id,
    name: provider.name,
    baseUrl: provider.baseUrl,
    createdAt: provider.createdAt,
    keys: provider.keys.map((key) => ({
      id: key.id,
      label: key.label,
      lastFour: key.lastFour,
      createdAt: key.createdAt,
    })),
    models: provider.models.map((model) => ({
      upstreamModel: model.upstreamModel,
      id: `${BYO_PREFIX}/${provider.name}/${model.upstreamModel}`,
    })),
  }));
}

/** Refused at save time too (with a word beside the field), although the connection is what the guard really checks. */
async function refusePrivateAddress(baseUrl: string): Promise<void> {
  if (env().BYO_ALLOW_PRIVATE_NETWORKS) return;
  const verdict = await checkPublicHost(new URL(baseUrl).hostname);
  if (!verdict.ok) throw new CatalogInputError([{ field: "baseUrl", code: "private_address" }]);
}

/** The change is visible to the account's next request on this instance at once, and on every other within a second. */
async function changeAccount<T>(userId: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const result = await db().$transaction(async (tx) => {
    const value = await work(tx);
    await announceChange(tx, "byo");
    return value;
  });
  forgetAccountProviders(userId);
  return result;
}

async function ownProvider(tx: Prisma.TransactionClient, userId: string, providerId: string) {
  const provider = await tx.byoProvider.findFirst({ where: { id: providerId, userId } });
  if (!provider) throw new CatalogInputError([{ field: "", code: "unknown_provider" }]);
  return provider;
}

function keyRow(secret: string) {
  return { encryptedKey: encryptSecret(secret), fingerprint: fingerprint(secret), lastFour: secret.slice(-4) };
}

/** Adds an endpoint with its first key; throws CatalogInputError naming the field at fault. */
export async function createByoProvider(userId: string, raw: Record<string, unknown>): Promise<{ id: string }> {
  const checked = checkByoProviderInput(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const { name, baseUrl, label, secret } = checked.value;
  await refusePrivateAddress(baseUrl);
  return changeAccount(userId, async (tx) => {
    if (await tx.byoProvider.findUnique({ where: { userId_name: { userId, name } } }))
      throw new CatalogInputError([{ field: "name", code: "taken" }]);
    const provider = await tx.byoProvider.create({
      data: { userId, name, baseUrl, keys: { create: { label, ...keyRow(secret) } } },
    });
    return { id: provider.id };
  });
}

export async function addByoKey(userId: string, providerId: string, raw: Record<string, unknown>): Promise<void> {
  const checked = checkByoKeyInput(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const { label, secret } = checked.value;
  await changeAccount(userId, async (tx) => {
    await ownProvider(tx, userId, providerId);
    const row = keyRow(secret);
    const existing = await tx.byoProviderKey.findUnique({
      where: { providerId_fingerprint: { providerId, fingerprint: row.fingerprint } },
    });
    if (existing) throw new CatalogInputError([{ field: "secret", code: "taken" }]);
    await tx.byoProviderKey.create({ data: { providerId, label, ...row } });
  });
}

export async function removeByoKey(userId: string, keyId: string): Promise<void> {
  await changeAccount(userId, async (tx) => {
    const removed = await tx.byoProviderKey.deleteMany({ where: { id: keyId, provider: { userId } } });
    if (removed.count === 0) throw new CatalogInputError([{ field: "", code: "unknown_key" }]);
  });
}

/** The models offered as byo/<name>/<model>: exactly the ids picked (ticked or typed), replacing the previous set. */
export async function setByoModels(userId: string, providerId: string, raw: Record<string, unknown>): Promise<number> {
  const checked = checkByoModelsInput(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const ids = checked.value;
  await changeAccount(userId, async (tx) => {
    await ownProvider(tx, userId, providerId);
    await tx.byoModel.deleteMany({ where: { providerId, upstreamModel: { notIn: ids } } });
    await tx.byoModel.createMany({
      data: ids.map((upstreamModel) => ({ providerId, upstreamModel })),
      skipDuplicates: true,
    });
  });
  return ids.length;
}

export async function deleteByoProvider(userId: string, providerId: string): Promise<void> {
  await changeAccount(userId, async (tx) => {
    const removed = await tx.byoProvider.deleteMany({ where: { id: providerId, userId } });
    if (removed.count === 0) throw new CatalogInputError([{ field: "", code: "unknown_provider" }]);
  });
}

/**
 * The endpoint's GET /models with one of its keys (the first when none is named), through the same guard as every
 * proxied request: the models it lists, or its exact error, never the key.
 */
export async function testByoConnection(
  userId: string,
  providerId: string,
  keyId: string | null,
): Promise<ConnectionResult> {
  const provider = await db().byoProvider.findFirst({
    where: { id: providerId, userId },
    include: { keys: { orderBy: { createdAt: "asc" } } },
  });
  if (!provider) return { ok: false, status: null, message: "no such provider" };
  const key = keyId ? provider.keys.find((candidate) => candidate.id === keyId) : provider.keys[0];
  if (!key) return { ok: false, status: null, message: "this provider has no such key" };
  let secret: string;
  try {
    secret = decryptSecret(key.encryptedKey);
  } catch {
    return { ok: false, status: null, message: "this key cannot be read any more: remove it and add it again" };
  }
  return listUpstreamModels(
    { providerId: `${BYO_PREFIX}/${provider.name}`, kind: "openai_compatible", baseUrl: provider.baseUrl, secret },
    "public",
  );
}
