// The catalog as one account sees it: the operator's catalog plus the account's own endpoints (bring your own
// provider) as models `byo/<provider-name>/<model>`. Handlers resolve models in this view, so a BYO request goes through
// the same steps as any other (limits, reserve, dispatch with failover, meter, usage log), and another account's keys
// simply do not have these models: their 404 is the unknown model's 404, with no hint that the id exists.
import "../server-only";
import { settings } from "../admin/settings";
import {
  type Catalog,
  type CatalogModel,
  type CatalogProvider,
  getCatalog,
  type ModelPrices,
} from "../catalog/catalog";
import { onControlChange } from "../control-plane/changes";
import { db } from "../db/client";
import { log } from "../log";
import { usdToMicros } from "../money";
import { decryptSecret } from "../security/encryption";

/** The id prefix of every customer's own model. Reserved: no operator provider may take it (catalog-input.ts). */
export const BYO_PREFIX = "byo";

const REFRESH_AFTER_MS = 5_000;

interface OwnModel {
  id: string;
  upstreamModel: string;
  createdAt: Date;
  provider: CatalogProvider;
}

interface AccountEntry {
  models: OwnModel[];
  loadedAt: number;
  /** The merged view last built, and what it was built from: rebuilt when the catalog or the fee changes. */
  merged?: { base: Catalog; feeKey: string; catalog: Catalog };
}

// On globalThis: Next bundles lib/ more than once (server actions and routes apart), and a change made through the
// dashboard must reach the copy that serves /v1 at once.
const state = globalThis as unknown as {
  switchyardByo?: { accounts: Map<string, AccountEntry>; loading: Map<string, Promise<AccountEntry>> };
};

function cache() {
  state.switchyardByo ??= { accounts: new Map(), loading: new Map() };
  return state.switchyardByo;
}

async function load(userId: string): Promise<AccountEntry> {
  const providers = await db().byoProvider.findMany({
    where: { userId },
    include: { keys: { orderBy: { createdAt: "asc" } }, models: true },
  });
  const models: OwnModel[] = [];
  for (const provider of providers) {
    const keys = [];
    for (const key of provider.keys) {
      try {
        keys.push({ id: key.id, label: key.label, secret: decryptSecret(key.encryptedKey), weight: 1 });
      } catch (error) {
        log.error("a customer's provider key cannot be decrypted (was ENCRYPTION_KEY changed?)", {
          byoProviderId: provider.id,
          keyId: key.id,
          error,
        });
      }
    }
    const catalogProvider: CatalogProvider = {
      id: `${BYO_PREFIX}/${provider.name}`,
      name: provider.name,
      kind: "openai_compatible",
      baseUrl: provider.baseUrl.replace(/\/+$/, ""),
      enabled: true,
      keys,
      keysOutOfService: 0,
      owner: "account",
    };
    for (const model of provider.models) {
      models.push({
        id: `${catalogProvider.id}/${model.upstreamModel}`,
        upstreamModel: model.upstreamModel,
        createdAt: model.createdAt,
        provider: catalogProvider,
      });
    }
  }
  return { models, loadedAt: Date.now() };
}

function refresh(userId: string): Promise<AccountEntry> {
  const { accounts, loading } = cache();
  let pending = loading.get(userId);
  if (!pending) {
    pending = load(userId)
      .then((entry) => {
        accounts.set(userId, entry);
        return entry;
      })
      .finally(() => loading.delete(userId));
    loading.set(userId, pending);
  }
  return pending;
}

async function accountEntry(userId: string): Promise<AccountEntry> {
  const entry = cache().accounts.get(userId);
  if (!entry) return refresh(userId);
  if (Date.now() - entry.loadedAt > REFRESH_AFTER_MS) {
    refresh(userId).catch((error: unknown) => log.error("reloading a customer's own providers failed", { error }));
  }
  return entry;
}

/** The operator's BYO fee as a price list: per request plus per 1M tokens, never a catalog price, no markup. */
export function byoPrices(): ModelPrices {
  const fees = settings();
  const perMillion = usdToMicros(fees.byoMillionTokensFeeUsd);
  return {
    input: perMillion,
    cachedInput: perMillion,
    cacheWrite: perMillion,
    output: perMillion,
    images: null,
    markupBps: 0,
    perRequest: usdToMicros(fees.byoRequestFeeUsd),
  };
}

function catalogModel(own: OwnModel, prices: ModelPrices): CatalogModel {
  return {
    id: own.id,
    providerId: own.provider.id,
    upstreamModel: own.upstreamModel,
    displayName: `${own.upstreamModel} (${own.provider.name})`,
    kind: "chat",
    status: "live",
    contextLength: null,
    maxOutputTokens: null,
    capabilities: [],
    prices,
    createdAt: own.createdAt,
    deployments: [{ id: own.id, provider: own.provider, upstreamModel: own.upstreamModel, priority: 0, weight: 1 }],
  };
}

/**
 * The catalog this account's keys resolve models in. An account without its own endpoints gets the shared catalog
 * itself; one with them gets a copy with its models added (not to the bare names: a BYO model is always named whole).
 */
export async function catalogFor(principal: { userId: string }): Promise<Catalog> {
  const [base, entry] = await Promise.all([getCatalog(), accountEntry(principal.userId)]);
  if (entry.models.length === 0) return base;
  const prices = byoPrices();
  const feeKey = `${prices.perRequest}:${prices.input}`;
  if (entry.merged?.base === base && entry.merged.feeKey === feeKey) return entry.merged.catalog;
  const models = new Map(base.models);
  const providers = new Map(base.providers);
  for (const own of entry.models) {
    models.set(own.id, catalogModel(own, prices));
    providers.set(own.provider.id, own.provider);
  }
  const catalog: Catalog = { ...base, models, providers };
  entry.merged = { base, feeKey, catalog };
  return catalog;
}

/** After a change to an account's own endpoints: that account's next request reads them again. */
export function forgetAccountProviders(userId?: string): void {
  if (userId === undefined) cache().accounts.clear();
  else cache().accounts.delete(userId);
}

// A change on any instance (the dashboard's /providers): every account reads its endpoints again at its next request.
onControlChange("byo", () => forgetAccountProviders());
