import { describe, expect, it } from "vitest";
import { catalogQueryString, filterModels, parseCatalogQuery, queryModels, sortModels } from "./public-filters";
import { publicModels } from "./public-models";
import { testCatalog, testModel, testProvider } from "./public-test-catalog";

const openai = testProvider("openai", "OpenAI", 1);
const anthropic = testProvider("anthropic", "Anthropic", 0);
const zhipu = testProvider("zhipu", "Zhipu AI (GLM)", 1);

const models = publicModels(
  testCatalog(
    [
      testModel("openai/gpt-4o", openai, {
        displayName: "GPT-4o",
        contextLength: 128_000,
        capabilities: ["streaming", "tools", "vision", "json"],
        prices: { input: 2_500_000n, output: 10_000_000n },
      }),
      testModel("openai/o4-mini", openai, {
        displayName: "o4-mini",
        contextLength: 200_000,
        capabilities: ["streaming", "tools", "reasoning"],
        prices: { input: 1_100_000n, output: 4_400_000n },
      }),
      testModel("openai/dall-e-3", openai, {
        kind: "image",
        displayName: "DALL·E 3",
        contextLength: null,
        capabilities: [],
        prices: { input: null, output: null, images: { "standard:1024x1024": 40_000n } },
      }),
      testModel("anthropic/claude-sonnet-4", anthropic, {
        displayName: "Claude Sonnet 4",
        contextLength: 200_000,
        capabilities: ["streaming", "tools", "vision"],
        prices: { input: 3_000_000n, output: 15_000_000n },
      }),
      testModel("zhipu/glm-4-flash", zhipu, {
        displayName: "GLM-4-Flash",
        status: "free",
        contextLength: 128_000,
        capabilities: ["streaming", "tools", "json"],
        prices: { input: 0n, output: 0n },
      }),
      testModel("zhipu/glm-5", zhipu, { displayName: "GLM-5", status: "soon", contextLength: 1_000_000 }),
    ],
    { "glm-fast": "zhipu/glm-4-flash" },
  ),
);
const ids = (list: { id: string }[]) => list.map((model) => model.id);

describe("parseCatalogQuery", () => {
  it("reads search, provider, capabilities, status and sort from the URL", () => {
    expect(
      parseCatalogQuery({
        q: "  gpt ",
        provider: "openai",
        cap: ["vision", "tools"],
        status: "available",
        sort: "price",
      }),
    ).toEqual({ q: "gpt", provider: "openai", capabilities: ["tools", "vision"], status: "available", sort: "price" });
  });

  it("ignores what it does not know instead of failing the page", () => {
    expect(
      parseCatalogQuery({
        q: ["a", "b"],
        provider: "../etc",
        cap: ["telepathy", "json"],
        status: "on",
        sort: "random",
      }),
    ).toEqual({ q: "a", provider: null, capabilities: ["json"], status: null, sort: "catalog" });
    expect(parseCatalogQuery({})).toEqual({ q: "", provider: null, capabilities: [], status: null, sort: "catalog" });
    expect(parseCatalogQuery({ q: "x".repeat(500) }).q).toHaveLength(100);
  });

  it("writes a query back as the shortest URL that means it", () => {
    expect(catalogQueryString(parseCatalogQuery({}))).toBe("");
    expect(catalogQueryString(parseCatalogQuery({ cap: ["json", "tools"], sort: "context", q: "a b" }))).toBe(
      "?q=a+b&cap=tools&cap=json&sort=context",
    );
  });
});

describe("filterModels", () => {
  it("filters by provider, by every capability asked (all of them), and by status", () => {
    const query = parseCatalogQuery({});
    expect(ids(filterModels(models, { ...query, provider: "zhipu" }))).toEqual(["zhipu/glm-4-flash", "zhipu/glm-5"]);
    expect(ids(filterModels(models, { ...query, capabilities: ["tools", "vision"] }))).toEqual([
      "openai/gpt-4o",
      "anthropic/claude-sonnet-4",
    ]);
    expect(ids(filterModels(models, { ...query, capabilities: ["images"] }))).toEqual(["openai/dall-e-3"]);
    // "Ready to call" is live or free; the Anthropic model has no key here.
    expect(ids(filterModels(models, { ...query, status: "available" }))).toEqual([
      "openai/gpt-4o",
      "openai/o4-mini",
      "openai/dall-e-3",
      "zhipu/glm-4-flash",
    ]);
    expect(ids(filterModels(models, { ...query, status: "unavailable" }))).toEqual(["anthropic/claude-sonnet-4"]);
    expect(ids(filterModels(models, { ...query, status: "soon" }))).toEqual(["zhipu/glm-5"]);
  });

  it("searches every word in the id, the name, the provider and the aliases, in any case", () => {
    const query = parseCatalogQuery({});
    expect(ids(filterModels(models, { ...query, q: "GLM fast" }))).toEqual(["zhipu/glm-4-flash"]);
    expect(ids(filterModels(models, { ...query, q: "anthropic sonnet" }))).toEqual(["anthropic/claude-sonnet-4"]);
    expect(ids(filterModels(models, { ...query, q: "o4-mini" }))).toEqual(["openai/o4-mini"]);
    expect(filterModels(models, { ...query, q: "nothing-like-this" })).toEqual([]);
  });
});

describe("sortModels", () => {
  it("sorts by input price either way, models without one (images) last", () => {
    expect(ids(sortModels(models, "price"))).toEqual([
      "zhipu/glm-4-flash",
      "zhipu/glm-5",
      "openai/o4-mini",
      "openai/gpt-4o",
      "anthropic/claude-sonnet-4",
      "openai/dall-e-3",
    ]);
    expect(ids(sortModels(models, "price-desc")).slice(0, 2)).toEqual(["anthropic/claude-sonnet-4", "openai/gpt-4o"]);
    expect(ids(sortModels(models, "price-desc")).at(-1)).toBe("openai/dall-e-3");
  });

  it("sorts by context, largest or smallest first, ties in catalog order, unknown last", () => {
    expect(ids(sortModels(models, "context"))).toEqual([
      "zhipu/glm-5",
      "openai/o4-mini",
      "anthropic/claude-sonnet-4",
      "openai/gpt-4o",
      "zhipu/glm-4-flash",
      "openai/dall-e-3",
    ]);
    expect(ids(sortModels(models, "context-asc"))[0]).toBe("openai/gpt-4o");
    expect(ids(sortModels(models, "context-asc")).at(-1)).toBe("openai/dall-e-3");
  });

  it("filters, then sorts", () => {
    expect(ids(queryModels(models, parseCatalogQuery({ cap: "tools", sort: "name" })))).toEqual([
      "anthropic/claude-sonnet-4",
      "zhipu/glm-4-flash",
      "openai/gpt-4o",
      "openai/o4-mini",
    ]);
  });
});
