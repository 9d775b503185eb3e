import { describe, expect, it } from "vitest";
import type { CatalogModel, CatalogProvider } from "../../catalog/catalog";
import { GatewayError } from "../errors";
import type { Candidate } from "./candidates";
import { forgetSpeeds, recordSpeed } from "./deployment-speed";
import { parseProviderPreferences, steerCandidates } from "./provider-preferences";

function provider(id: string, name = id): CatalogProvider {
  return {
    id,
    name,
    kind: "openai_compatible",
    baseUrl: "http://127.0.0.1:1",
    enabled: true,
    keysOutOfService: 0,
    owner: "operator",
    keys: [{ id: `${id}-key`, label: "k", secret: "s", weight: 1 }],
  };
}

function model(id: string, inputMicros: bigint, outputMicros: bigint): CatalogModel {
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
    prices: {
      input: inputMicros,
      cachedInput: null,
      cacheWrite: null,
      output: outputMicros,
      images: null,
      markupBps: 0,
    },
    createdAt: new Date(),
    deployments: [],
  };
}

const cheap = model("m/cheap", 100_000n, 400_000n);
const dear = model("m/dear", 3_000_000n, 15_000_000n);

function candidate(providerId: string, servedModel = cheap, name?: string): Candidate {
  const catalogProvider = provider(providerId, name);
  return {
    model: servedModel,
    deployment: {
      id: `${providerId}-${servedModel.id}`,
      provider: catalogProvider,
      upstreamModel: "u",
      priority: 0,
      weight: 1,
    },
    key: catalogProvider.keys[0],
  };
}

const ids = (candidates: Candidate[]) => candidates.map((entry) => entry.deployment.provider.id);

function refusal(value: unknown, candidates: Candidate[] = [candidate("openai")]): GatewayError {
  try {
    steerCandidates(candidates, parseProviderPreferences(value));
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("parseProviderPreferences", () => {
  it("reads OpenRouter's fields, and names the ones about its own hosts as ignored", () => {
    expect(
      parseProviderPreferences({
        order: ["openai"],
        allow_fallbacks: false,
        sort: "price",
        max_price: { prompt: 1 },
        data_collection: "deny",
      }),
    ).toEqual({
      order: ["openai"],
      only: undefined,
      ignore: undefined,
      allowFallbacks: false,
      sort: "price",
      maxPrice: { prompt: 1 },
      ignored: ["provider.data_collection"],
    });
    expect(parseProviderPreferences({ sort: { by: "latency" } })?.sort).toBe("latency");
    expect(parseProviderPreferences(null)).toBeUndefined();
  });

  it.each([
    ["a string", "openai", "provider"],
    ["order of a string", { order: "openai" }, "provider.order"],
    ["an unknown sort", { sort: "cheapest" }, "provider.sort"],
    ["a negative price", { max_price: { prompt: -1 } }, "provider.max_price.prompt"],
    ["an unknown field", { favourite: "openai" }, "provider.favourite"],
    ["a non-string provider", { only: ["openai", 3] }, "provider.only.1"],
  ])("refuses %s with a 400 naming the field", (_label, value, param) => {
    const error = refusal(value);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toContain(param);
  });
});

describe("steerCandidates", () => {
  const candidates = [candidate("deepseek"), candidate("openai", cheap, "OpenAI"), candidate("groq")];

  it("keeps the catalog's order without preferences", () => {
    expect(ids(steerCandidates(candidates, undefined))).toEqual(["deepseek", "openai", "groq"]);
  });

  it("puts `order` first, by id or name in any case, and keeps the rest as fallbacks", () => {
    expect(ids(steerCandidates(candidates, parseProviderPreferences({ order: ["GROQ", "openai"] })))).toEqual([
      "groq",
      "openai",
      "deepseek",
    ]);
  });

  it("tries only the ordered providers without fallbacks, and only the first provider without an order", () => {
    const preferences = parseProviderPreferences({ order: ["groq"], allow_fallbacks: false });
    expect(ids(steerCandidates(candidates, preferences))).toEqual(["groq"]);
    expect(ids(steerCandidates(candidates, parseProviderPreferences({ allow_fallbacks: false })))).toEqual([
      "deepseek",
    ]);
  });

  it("filters with only and ignore", () => {
    expect(ids(steerCandidates(candidates, parseProviderPreferences({ only: ["openai", "groq"] })))).toEqual([
      "openai",
      "groq",
    ]);
    expect(ids(steerCandidates(candidates, parseProviderPreferences({ ignore: ["deepseek"] })))).toEqual([
      "openai",
      "groq",
    ]);
  });

  it("answers 400 naming the field when nothing is left, and lists who can serve", () => {
    const error = refusal({ only: ["nobody"] }, candidates);
    expect(error.status).toBe(400);
    expect(error.param).toBe("provider.only");
    expect(error.message).toContain("deepseek, openai, groq");
    expect(refusal({ order: ["nobody"], allow_fallbacks: false }, candidates).param).toBe("provider.order");
    expect(refusal({ ignore: ["deepseek", "openai", "groq"] }, candidates).param).toBe("provider.ignore");
  });

  it("sorts by price across models and keeps within max_price (USD per million tokens)", () => {
    const mixed = [candidate("anthropic", dear), candidate("openai", cheap)];
    expect(ids(steerCandidates(mixed, parseProviderPreferences({ sort: "price" })))).toEqual(["openai", "anthropic"]);
    expect(ids(steerCandidates(mixed, parseProviderPreferences({ max_price: { completion: 1 } })))).toEqual(["openai"]);
    expect(refusal({ max_price: { prompt: 0.01 } }, mixed).param).toBe("provider.max_price");
  });

  it("sorts by the latency and throughput seen, unseen deployments last", () => {
    forgetSpeeds();
    recordSpeed("groq", cheap.id, { ttftMs: 50, totalMs: 500, completionTokens: 1000 });
    recordSpeed("openai", cheap.id, { ttftMs: 400, totalMs: 800, completionTokens: 100 });
    expect(ids(steerCandidates(candidates, parseProviderPreferences({ sort: "latency" })))).toEqual([
      "groq",
      "openai",
      "deepseek",
    ]);
    recordSpeed("openai", cheap.id, { ttftMs: 10, totalMs: 20, completionTokens: 100_000 });
    expect(ids(steerCandidates(candidates, parseProviderPreferences({ sort: "throughput" })))[0]).toBe("openai");
    forgetSpeeds();
  });
});
