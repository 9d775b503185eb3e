import { describe, expect, it } from "vitest";
import type { Catalog, CatalogModel, CatalogProvider } from "../catalog/catalog";
import { demoModels, isFreeChatModel, parseDemoModels } from "./demo-models";
import { demoSettings } from "./demo-settings";

const withKey: CatalogProvider = {
  id: "zhipu",
  name: "Zhipu",
  kind: "openai_compatible",
  baseUrl: "http://127.0.0.1:1",
  enabled: true,
  keysOutOfService: 0,
  owner: "operator",
  keys: [{ id: "k", label: "k", secret: "s", weight: 1 }],
};
const withoutKey: CatalogProvider = { ...withKey, id: "ollama", keys: [] };

function model(id: string, changes: Partial<CatalogModel> = {}, provider = withKey): CatalogModel {
  return {
    id,
    providerId: provider.id,
    upstreamModel: id,
    displayName: id,
    kind: "chat",
    status: "free",
    contextLength: null,
    maxOutputTokens: null,
    capabilities: [],
    prices: { input: 0n, cachedInput: null, cacheWrite: null, output: 0n, images: null, markupBps: 0 },
    createdAt: new Date(),
    deployments: [{ id: `d-${id}`, provider, upstreamModel: id, priority: 0, weight: 1 }],
    ...changes,
  };
}

function catalog(models: CatalogModel[]): Catalog {
  return {
    models: new Map(models.map((entry) => [entry.id, entry])),
    aliases: new Map(),
    bareNames: new Map(),
    providers: new Map(),
    undecryptableKeys: 0,
    loadedAt: Date.now(),
  };
}

const paidPrices = {
  input: 150_000n,
  cachedInput: null,
  cacheWrite: null,
  output: 600_000n,
  images: null,
  markupBps: 0,
};

describe("the demo's models", () => {
  it("are free chat models priced at zero", () => {
    expect(isFreeChatModel(model("zhipu/glm-4-flash"))).toBe(true);
    expect(isFreeChatModel(model("openai/gpt-4o-mini", { status: "live", prices: paidPrices }))).toBe(false);
    // Listed as free but priced: not free to anyone, so not in the demo.
    expect(isFreeChatModel(model("x/priced-free", { prices: paidPrices }))).toBe(false);
    expect(isFreeChatModel(model("x/unpriced", { prices: { ...paidPrices, input: null, output: null } }))).toBe(false);
    expect(isFreeChatModel(model("x/embedding", { kind: "embedding" }))).toBe(false);
  });

  it("are the servable ones, zhipu/glm-4-flash first, unless DEMO_MODELS chooses and orders them", () => {
    const all = catalog([
      model("a/free"),
      model("zhipu/glm-4-flash"),
      model("ollama/llama3.2", {}, withoutKey),
      model("openai/gpt-4o-mini", { status: "live", prices: paidPrices }),
    ]);
    expect(demoModels(all, undefined).map((entry) => entry.id)).toEqual(["zhipu/glm-4-flash", "a/free"]);
    expect(
      demoModels(all, ["a/free", "openai/gpt-4o-mini", "ollama/llama3.2", "zhipu/glm-4-flash"]).map((e) => e.id),
    ).toEqual(["a/free", "zhipu/glm-4-flash"]);
    expect(
      demoModels(catalog([model("openai/gpt-4o-mini", { status: "live", prices: paidPrices })]), undefined),
    ).toEqual([]);
  });

  it("read DEMO_MODELS as a comma-separated list", () => {
    expect(parseDemoModels(" zhipu/glm-4-flash , a/free,,")).toEqual(["zhipu/glm-4-flash", "a/free"]);
    expect(parseDemoModels("  ")).toBeUndefined();
    expect(parseDemoModels(undefined)).toBeUndefined();
  });
});

describe("the demo's settings", () => {
  it("turn the demo off when either limit is 0", () => {
    const settings = (perMinute: number, perDay: number) =>
      demoSettings({ DEMO_REQUESTS_PER_MINUTE: perMinute, DEMO_DAILY_REQUESTS: perDay, DEMO_MODELS: undefined });
    expect(settings(5, 1000).enabled).toBe(true);
    expect(settings(0, 1000).enabled).toBe(false);
    expect(settings(5, 0).enabled).toBe(false);
  });
});
