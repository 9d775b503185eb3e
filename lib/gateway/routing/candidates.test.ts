import { describe, expect, it } from "vitest";
import { orderCandidates, weightedOrder } from "./candidates";
import { recordFailure, resetKeyHealthForTests } from "./key-health";
import type { CatalogModel, CatalogProvider } from "../../catalog/catalog";

function provider(id: string, keys: Array<[string, number]>): CatalogProvider {
  return {
    id,
    name: id,
    kind: "openai_compatible",
    baseUrl: "http://127.0.0.1:1",
    enabled: true,
    keysOutOfService: 0,
    owner: "operator",
    keys: keys.map(([keyId, weight]) => ({ id: keyId, label: keyId, secret: "s", weight })),
  };
}

function model(id: string, deployments: Array<[CatalogProvider, number]>): CatalogModel {
  return {
    id,
    providerId: "p",
    upstreamModel: id,
    displayName: id,
    kind: "chat",
    status: "live",
    contextLength: null,
    maxOutputTokens: null,
    capabilities: [],
    prices: { input: 1n, cachedInput: null, cacheWrite: null, output: 1n, images: null, markupBps: 0 },
    createdAt: new Date(),
    deployments: deployments.map(([deploymentProvider, priority], index) => ({
      id: `d${index}`,
      provider: deploymentProvider,
      upstreamModel: id,
      priority,
      weight: 1,
    })),
  };
}

describe("candidate order", () => {
  it("tries lower priority numbers first, every key of a deployment, and the fallback models after", () => {
    resetKeyHealthForTests();
    const primary = provider("primary", [
      ["k1", 1],
      ["k2", 1],
    ]);
    const backup = provider("backup", [["k3", 1]]);
    const order = orderCandidates([
      model("m1", [
        [backup, 1],
        [primary, 0],
      ]),
      model("m2", [[backup, 0]]),
    ]);
    expect(order.map((candidate) => `${candidate.model.id}:${candidate.key.id}`).slice(2)).toEqual(["m1:k3", "m2:k3"]);
    expect(new Set(order.slice(0, 2).map((candidate) => candidate.key.id))).toEqual(new Set(["k1", "k2"]));
  });

  it("puts keys that are cooling down last", () => {
    resetKeyHealthForTests();
    recordFailure("k1", "m", "rate_limited", { retryAfterMs: 60_000 });
    const order = orderCandidates([
      model("m", [
        [
          provider("p", [
            ["k1", 100],
            ["k2", 1],
          ]),
          0,
        ],
      ]),
    ]);
    expect(order.map((candidate) => candidate.key.id)).toEqual(["k2", "k1"]);
  });

  it("spreads traffic by weight", () => {
    let first = 0;
    for (let round = 0; round < 4000; round++)
      if (weightedOrder(["heavy", "light"], (item) => (item === "heavy" ? 3 : 1))[0] === "heavy") first += 1;
    expect(first / 4000).toBeGreaterThan(0.7);
    expect(first / 4000).toBeLessThan(0.8);
  });

  it("skips providers without keys", () => {
    expect(orderCandidates([model("m", [[provider("empty", []), 0]])])).toEqual([]);
  });
});
