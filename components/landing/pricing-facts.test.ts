import { describe, expect, it } from "vitest";
import type { Catalog, CatalogModel } from "@/lib/catalog/catalog";
import { exampleCost, markupFacts } from "./pricing-facts";

function model(id: string, markupBps: number, status: CatalogModel["status"] = "live"): CatalogModel {
  return {
    id,
    providerId: "openai",
    upstreamModel: id,
    displayName: `Model ${id}`,
    kind: "chat",
    status,
    contextLength: null,
    maxOutputTokens: null,
    capabilities: [],
    prices: { input: 150_000n, cachedInput: null, cacheWrite: null, output: 600_000n, images: null, markupBps },
    createdAt: new Date(),
    deployments: [],
  };
}

const catalog = (models: CatalogModel[]): Catalog => ({
  models: new Map(models.map((entry) => [entry.id, entry])),
  aliases: new Map(),
  bareNames: new Map(),
  providers: new Map(),
  undecryptableKeys: 0,
  loadedAt: 0,
});

describe("what the landing page says about the markup", () => {
  it("is what the catalog holds for the models anyone can call", () => {
    expect(markupFacts(catalog([model("a", 0), model("b", 0), model("c", 900, "soon")]))).toEqual({ kind: "none" });
    expect(markupFacts(catalog([model("a", 500), model("b", 500)]))).toEqual({ kind: "uniform", percent: 5 });
    expect(markupFacts(catalog([model("a", 0), model("b", 550)]))).toEqual({ kind: "varies", maxPercent: 5.5 });
  });
});

describe("the landing page's example cost", () => {
  it("is what the request would be charged, markup included", () => {
    expect(exampleCost(catalog([model("openai/gpt-4o-mini", 0)]), "openai/gpt-4o-mini")?.micros).toBe(450n);
    expect(exampleCost(catalog([model("openai/gpt-4o-mini", 1000)]), "openai/gpt-4o-mini")?.micros).toBe(495n);
    expect(exampleCost(catalog([]), "openai/gpt-4o-mini")).toBeUndefined();
  });
});
