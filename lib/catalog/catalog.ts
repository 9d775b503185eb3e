// The catalog as the data plane reads it: models, aliases, deployments and provider keys (decrypted), held in
// memory and refreshed in the background, so that no request waits on the database for it.
import "../server-only";
import { db } from "../db/client";
import { storedKeySecret } from "../security/stored-key-secret";
import { log } from "../log";
import { onControlChange } from "../control-plane/changes";
import { within } from "../within";
import type { ProviderKindName } from "../gateway/providers/registry";

export interface CatalogProviderKey {
  id: string;
  label: string;
  /** null for keyless local servers. */
  secret: string | null;
  weight: number;
}

export interface CatalogProvider {
  id: string;
  name: string;
  kind: ProviderKindName;
  baseUrl: string;
  enabled: boolean;
  keys: CatalogProviderKey[];
  /** Keys the gateway took out of service after the upstream refused them (re-tested, and back when they work). */
  keysOutOfService: number;
  /**
   * "operator": the gateway's own provider, shared by every account. "account": one customer's own endpoint (bring
   * your own provider, lib/byo): reached on the public internet only, and its keys' refusals change nothing shared.
   */
  owner: "operator" | "account";
}

export interface CatalogDeployment {
  id: string;
  provider: CatalogProvider;
  upstreamModel: string;
  priority: number;
  weight: number;
}

export interface ModelPrices {
  /** A flat fee per request, micro-USD, on top of the tokens: the operator's fee for customers' own models (BYO). */
  perRequest?: bigint;
  /** Per 1M tokens, micro-USD; null where the model has no such price. */
  input: bigint | null;
  cachedInput: bigint | null;
  cacheWrite: bigint | null;
  output: bigint | null;
  /** Per image, micro-USD, keyed "quality:size". */
  images: Record<string, bigint> | null;
  /** Audio models, micro-USD: per 1M input characters (speech), per minute of audio (transcription). */
  audio?: bigint | null;
  markupBps: number;
}

export interface CatalogModel {
  id: string;
  providerId: string;
  upstreamModel: string;
  displayName: string;
  kind: "chat" | "embedding" | "image" | "speech" | "transcription";
  status: "live" | "free" | "soon" | "disabled";
  contextLength: number | null;
  maxOutputTokens: number | null;
  capabilities: string[];
  prices: ModelPrices;
  createdAt: Date;
  deployments: CatalogDeployment[];
}

export interface Catalog {
  models: Map<string, CatalogModel>;
  aliases: Map<string, string>;
  /** Bare names ("gpt-4o-mini") → the public ids that end with them. */
  bareNames: Map<string, string[]>;
  providers: Map<string, CatalogProvider>;
  /** Stored provider keys this instance cannot decrypt (another ENCRYPTION_KEY): reported by /api/status. */
  undecryptableKeys: number;
  loadedAt: number;
}

const REFRESH_AFTER_MS = 5_000;

let current: Catalog | undefined;
let loading: Promise<Catalog> | undefined;

async function load(): Promise<Catalog> {
  const prisma = db();
  const [providers, models, aliases] = await Promise.all([
    prisma.provider.findMany({
      include: { keys: { where: { OR: [{ enabled: true }, { probeKind: { not: null } }] } } },
    }),
    prisma.model.findMany({ include: { deployments: { where: { enabled: true } } } }),
    prisma.modelAlias.findMany(),
  ]);

  const providerMap = new Map<string, CatalogProvider>();
  let undecryptableKeys = 0;
  for (const provider of providers) {
    const keys: CatalogProviderKey[] = [];
    let keysOutOfService = 0;
    for (const key of provider.keys) {
      if (!key.enabled) {
        keysOutOfService += 1;
        continue;
      }
      try {
        keys.push({ id: key.id, label: key.label, secret: storedKeySecret(key), weight: key.weight });
      } catch (error) {
        undecryptableKeys += 1;
        log.error("provider key cannot be decrypted (was ENCRYPTION_KEY changed?)", {
          provider: provider.id,
          keyId: key.id,
          error,
        });
      }
    }
    providerMap.set(provider.id, {
      id: provider.id,
      name: provider.name,
      kind: provider.kind,
      baseUrl: provider.baseUrl.replace(/\/+$/, ""),
      enabled: provider.enabled,
      keys,
      keysOutOfService,
      owner: "operator",
    });
  }

  const modelMap = new Map<string, CatalogModel>();
  const bareNames = new Map<string, string[]>();
  for (const model of models) {
    const deployments: CatalogDeployment[] = [];
    for (const deployment of model.deployments) {
      const provider = providerMap.get(deployment.providerId);
      if (provider)
        deployments.push({
          id: deployment.id,
          provider,
          upstreamModel: deployment.upstreamModel,
          priority: deployment.priority,
          weight: deployment.weight,
        });
    }
    deployments.sort((a, b) => a.priority - b.priority);
    const images = model.imagePrices as Record<string, string | number> | null;
    modelMap.set(model.id, {
      id: model.id,
      providerId: model.providerId,
      upstreamModel: model.upstreamModel,
      displayName: model.displayName,
      kind: model.kind,
      status: model.status,
      contextLength: model.contextLength,
      maxOutputTokens: model.maxOutputTokens,
      capabilities: model.capabilities,
      prices: {
        input: model.inputPriceMicros,
        cachedInput: model.cachedInputPriceMicros,
        cacheWrite: model.cacheWritePriceMicros,
        output: model.outputPriceMicros,
        images: images ? Object.fromEntries(Object.entries(images).map(([key, value]) => [key, BigInt(value)])) : null,
        audio: model.audioPriceMicros,
        markupBps: model.markupBps,
      },
      createdAt: model.createdAt,
      deployments,
    });
    const bare = model.id.slice(model.id.indexOf("/") + 1);
    bareNames.set(bare, [...(bareNames.get(bare) ?? []), model.id]);
  }
  return {
    models: modelMap,
    aliases: new Map(aliases.map((alias) => [alias.alias, alias.modelId])),
    bareNames,
    providers: providerMap,
    undecryptableKeys,
    loadedAt: Date.now(),
  };
}

/** Counts the changes announced: a load that began before the latest one read the old rows and is followed by another. */
let changesSeen = 0;
/** Set from a change's announcement until a load that began after it is in place: requests wait for that load. */
let changePending: Promise<Catalog> | undefined;

/** Loads until a load began after the last change announced (one load, unless a change arrives while it runs). */
async function loadLatest(): Promise<Catalog> {
  for (;;) {
    const startedAfter = changesSeen;
    const catalog = await load();
    current = catalog;
    if (changesSeen === startedAfter) return catalog;
  }
}

function refresh(): Promise<Catalog> {
  loading ??= loadLatest().finally(() => {
    loading = undefined;
  });
  return loading;
}

/** How long a request waits for the reload a change started before it is served by the catalog it has. */
const CHANGE_WAIT_MS = 2_000;

/** The catalog; after the first load a stale copy is served while a fresh one loads, except just after a change. */
export async function getCatalog(): Promise<Catalog> {
  if (!current) return refresh();
  if (changePending) return awaitChange(changePending, current);
  if (Date.now() - current.loadedAt > REFRESH_AFTER_MS) {
    refresh().catch((error: unknown) => log.error("catalog refresh failed", { error }));
  }
  return current;
}

// Once this instance knows of a change, no request is routed or priced by the catalog before it: requests wait for the
// reload (a few milliseconds; at most CHANGE_WAIT_MS, and a failed reload serves the catalog it has).
async function awaitChange(pending: Promise<Catalog>, fallback: Catalog): Promise<Catalog> {
  return (await within(pending, CHANGE_WAIT_MS).catch(() => undefined)) ?? current ?? fallback;
}

// A change announced by any instance (the console, the CLI, MCP): reload now rather than at the next read, so that the
// request after it already routes and prices by the new catalog. A load already running may have read the rows before
// the change: loadLatest() then loads once more.
onControlChange("catalog", () => {
  changesSeen += 1;
  const pending = refresh();
  changePending = pending;
  pending
    .catch((error: unknown) => log.error("catalog reload after a change failed", { error }))
    .finally(() => {
      if (changePending === pending) changePending = undefined;
    });
});

/** After a change made through this instance (CLI, console), the next read sees it. */
export function invalidateCatalog(): void {
  if (current) current = { ...current, loadedAt: 0 };
}

/** A provider key out of service leaves this instance's routing at once, before the reload confirms it. */
export function dropProviderKey(keyId: string): void {
  for (const provider of current?.providers.values() ?? []) {
    if (provider.keys.some((key) => key.id === keyId)) {
      provider.keys = provider.keys.filter((key) => key.id !== keyId);
      provider.keysOutOfService += 1;
    }
  }
}

/** Exact id, then alias, then a bare name that only one model has. */
export function resolveModelId(catalog: Catalog, requested: string): string | undefined {
  if (catalog.models.has(requested)) return requested;
  const aliased = catalog.aliases.get(requested);
  if (aliased) return aliased;
  const bare = catalog.bareNames.get(requested);
  return bare && bare.length === 1 ? bare[0] : undefined;
}

/** A model is callable when it is live or free, priced, and some deployment has a provider with a key. */
export function isPriced(model: CatalogModel): boolean {
  const { input, output, images, audio } = model.prices;
  if (model.kind === "image") return images !== null && Object.keys(images).length > 0;
  if (model.kind === "speech" || model.kind === "transcription") return audio !== null && audio !== undefined;
  if (model.kind === "embedding") return input !== null;
  return input !== null && output !== null;
}

export function servableDeployments(model: CatalogModel): CatalogDeployment[] {
  return model.deployments.filter((deployment) => deployment.provider.enabled && deployment.provider.keys.length > 0);
}
