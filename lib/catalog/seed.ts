// Idempotent seed, run at every start: providers (base URLs and keys from env), and the catalog.
// Models, aliases and deployments are only created, never overwritten, so operators' edits survive restarts.
import "../server-only";
import type { Database } from "../db/client";
import { providerEnv } from "../env";
import { usdToMicros } from "../money";
import { encryptSecret, fingerprint } from "../security/encryption";
import { unreadableKeys } from "../security/stored-key-secret";
import { PROVIDERS } from "../gateway/providers/registry";
import { SEED_MODELS } from "./seed-data";

export interface SeedSummary {
  providersWithKeys: string[];
  models: number;
  /** Stored provider keys in use that this instance cannot decrypt ("<provider>: <label>"): a start must refuse. */
  unreadableKeys: string[];
}

export async function seed(prisma: Database): Promise<SeedSummary> {
  const providersWithKeys: string[] = [];
  for (const definition of PROVIDERS) {
    const config = providerEnv(definition.envPrefix);
    const existing = await prisma.provider.findUnique({ where: { id: definition.id } });
    const baseUrl = config.baseUrl ?? existing?.baseUrl ?? definition.defaultBaseUrl;
    await prisma.provider.upsert({
      where: { id: definition.id },
      create: { id: definition.id, name: definition.name, kind: definition.kind, baseUrl },
      update: { baseUrl },
    });

    // Keyless servers (Ollama, vLLM) get one key-less entry while their base URL is configured.
    const secrets = definition.keyless ? (config.baseUrl ? [""] : []) : config.apiKeys;
    const fingerprints = new Set<string>();
    for (const [index, secret] of secrets.entries()) {
      const print = definition.keyless ? "keyless" : fingerprint(secret);
      fingerprints.add(print);
      await prisma.providerKey.upsert({
        where: { providerId_fingerprint: { providerId: definition.id, fingerprint: print } },
        create: {
          providerId: definition.id,
          label: definition.keyless ? "no key (local server)" : `${definition.envPrefix}_API_KEY #${index + 1}`,
          encryptedKey: encryptSecret(secret),
          fingerprint: print,
          lastFour: secret.slice(-4),
          source: definition.keyless ? "keyless" : "env",
        },
        update: {},
      });
    }
    // A key back in the environment is used again; one the upstream refused stays out until its re-test passes, which
    // a start brings forward to now.
    const present = [...fingerprints];
    await prisma.providerKey.updateMany({
      where: { providerId: definition.id, fingerprint: { in: present }, enabled: false, probeKind: null },
      data: { enabled: true, disabledReason: null, disabledAt: null },
    });
    await prisma.providerKey.updateMany({
      where: { providerId: definition.id, fingerprint: { in: present }, enabled: false, probeKind: { not: null } },
      data: { nextProbeAt: new Date() },
    });
    // A key taken out of the environment stops being used.
    await prisma.providerKey.updateMany({
      where: {
        providerId: definition.id,
        source: { in: ["env", "keyless"] },
        fingerprint: { notIn: [...fingerprints] },
        enabled: true,
      },
      data: {
        enabled: false,
        disabledReason: `removed from ${definition.envPrefix}_${definition.keyless ? "BASE_URL" : "API_KEY"}`,
        disabledAt: new Date(),
        probeKind: null,
        nextProbeAt: null,
      },
    });
    if (secrets.length > 0) providersWithKeys.push(definition.id);
  }

  const micros = (usd: string | undefined) => (usd === undefined ? null : usdToMicros(usd));
  await prisma.model.createMany({
    skipDuplicates: true,
    data: SEED_MODELS.map((model) => ({
      id: model.id,
      providerId: model.id.split("/")[0],
      upstreamModel: model.upstreamModel,
      displayName: model.displayName,
      kind: model.kind,
      status: model.status,
      contextLength: model.contextLength ?? null,
      maxOutputTokens: model.maxOutputTokens ?? null,
      capabilities: model.capabilities,
      inputPriceMicros: micros(model.inputPerMillionUsd),
      cachedInputPriceMicros: micros(model.cachedInputPerMillionUsd),
      cacheWritePriceMicros: micros(model.cacheWritePerMillionUsd),
      outputPriceMicros: micros(model.outputPerMillionUsd),
      audioPriceMicros: micros(model.audioPriceUsd),
      imagePrices: model.imagePricesUsd
        ? Object.fromEntries(
            Object.entries(model.imagePricesUsd).map(([key, usd]) => [key, usdToMicros(usd).toString()]),
          )
        : undefined,
    })),
  });
  await prisma.deployment.createMany({
    skipDuplicates: true,
    data: SEED_MODELS.map((model) => ({
      modelId: model.id,
      providerId: model.id.split("/")[0],
      upstreamModel: model.upstreamModel,
    })),
  });
  await prisma.modelAlias.createMany({
    skipDuplicates: true,
    data: SEED_MODELS.flatMap((model) => (model.aliases ?? []).map((alias) => ({ alias, modelId: model.id }))),
  });
  const inUse = await prisma.providerKey.findMany({
    where: { OR: [{ enabled: true }, { probeKind: { not: null } }], source: { not: "keyless" } },
    select: { providerId: true, source: true, fingerprint: true, encryptedKey: true, label: true },
  });
  return { providersWithKeys, models: SEED_MODELS.length, unreadableKeys: unreadableKeys(inUse) };
}

/** The start-up line that says what the catalog holds and which providers can be called. */
export function describeSeed(summary: SeedSummary): string {
  const providers = summary.providersWithKeys.join(", ") || "none (set <PROVIDER>_API_KEY, see README)";
  return `catalog: ${summary.models} models; providers with keys: ${providers}`;
}

/**
 * Why an instance refuses to start: it cannot decrypt stored keys, so it would report ready and fail every call.
 * Null when every key is readable.
 */
export function unreadableKeysRefusal(summary: SeedSummary, remedy: string): string | null {
  const keys = summary.unreadableKeys;
  if (keys.length === 0) return null;
  const listed = keys.slice(0, 5).join("; ") + (keys.length > 5 ? `; and ${keys.length - 5} more` : "");
  return `ENCRYPTION_KEY cannot decrypt ${keys.length} provider key(s) stored in the database (${listed}): ${remedy}`;
}

/**
 * The catalog seeded on the database the environment names, its client closed: the one line to report, or an error
 * (unreadable stored keys: `remedy` says what to do). What npm start (through scripts/seed-catalog.ts) and the deploy
 * step (scripts/migrate.ts) both run.
 */
export async function seedCatalog(remedy: string): Promise<string> {
  const { db, disconnectDatabase } = await import("../db/client");
  let summary: SeedSummary;
  try {
    summary = await seed(db());
  } finally {
    await disconnectDatabase();
  }
  const refusal = unreadableKeysRefusal(summary, remedy);
  if (refusal) throw new Error(refusal);
  return describeSeed(summary);
}
