// A small in-memory catalog for the public pages' unit tests: the shapes getCatalog() returns, without a database.
import type { Catalog, CatalogModel, CatalogProvider } from "./catalog";

export function testProvider(id: string, name: string, keys: number, overrides: Partial<CatalogProvider> = {}) {
  return {
    id,
    name,
    kind: "openai_compatible",
    baseUrl: `https://${id}.example/v1`,
    enabled: true,
    keys: Array.from({ length: keys }, (_, index) => ({
      id: `${id}-key-${index}`,
      label: "k",
      secret: "s",
      weight: 1,
    })),
    keysOutOfService: 0,
    owner: "operator",
    ...overrides,
  } satisfies CatalogProvider;
}

export function testModel(
  id: string,
  provider: CatalogProvider,
  overrides: Partial<Omit<CatalogModel, "prices">> & { prices?: Partial<CatalogModel["prices"]> } = {},
): CatalogModel {
  const { prices, ...rest } = overrides;
  return {
    id,
    providerId: provider.id,
    upstreamModel: id.slice(id.indexOf("/") + 1),
    displayName: id,
    kind: "chat",
    status: "live",
    contextLength: 128_000,
    maxOutputTokens: 16_384,
    capabilities: ["streaming"],
    createdAt: new Date("2026-01-01T00:00:00Z"),
    deployments: [{ id: `${id}-deployment`, provider, upstreamModel: id, priority: 0, weight: 1 }],
    ...rest,
    prices: {
      input: 1_000_000n,
      cachedInput: null,
      cacheWrite: null,
      output: 2_000_000n,
      images: null,
      markupBps: 0,
      ...prices,
    },
  };
}

export function testCatalog(models: CatalogModel[], aliases: Record<string, string> = {}): Catalog {
  const providers = new Map<string, CatalogProvider>();
  for (const model of models)
    for (const deployment of model.deployments) providers.set(deployment.provider.id, deployment.provider);
  const bareNames = new Map<string, string[]>();
  for (const model of models) {
    const bare = model.id.slice(model.id.indexOf("/") + 1);
    bareNames.set(bare, [...(bareNames.get(bare) ?? []), model.id]);
  }
  return {
    models: new Map(models.map((model) => [model.id, model])),
    aliases: new Map(Object.entries(aliases)),
    bareNames,
    providers,
    undecryptableKeys: 0,
    loadedAt: Date.now(),
  };
}
