import { describe, expect, it } from "vitest";
import { tokenCost } from "../gateway/metering/cost";
import { capabilitiesOf, modelPath, publicModel, publicModels, publicStatus } from "./public-models";
import { testCatalog, testModel, testProvider } from "./public-test-catalog";

const openai = testProvider("openai", "OpenAI", 1);
const anthropic = testProvider("anthropic", "Anthropic", 0);
const deepseek = testProvider("deepseek", "DeepSeek", 1);

describe("prices shown", () => {
  it("are what the billing function charges for 1M tokens of each kind, markup included", () => {
    const model = testModel("openai/gpt-4o-mini", openai, {
      prices: { input: 150_000n, cachedInput: 75_000n, output: 600_000n, markupBps: 550 },
    });
    const shown = publicModel(testCatalog([model]), model.id);
    // 5.5% on $0.15 = $0.15825; on $0.075 = $0.079125; on $0.60 = $0.633.
    expect(shown?.prices).toMatchObject({ input: 158_250n, cachedInput: 79_125n, output: 633_000n, markupBps: 550 });
    const million = { promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 };
    expect(shown?.prices.input).toBe(tokenCost(million, model.prices));
    expect(shown?.listPrices).toMatchObject({ input: 150_000n, cachedInput: 75_000n, output: 600_000n, markupBps: 0 });
  });

  it("rounds a fraction of a micro-dollar per 1M tokens as a request would be rounded", () => {
    const model = testModel("openai/tiny", openai, { prices: { input: 1n, output: 3n, markupBps: 2_500 } });
    // 1.25 → 1, 3.75 → 4: half away from zero, once.
    expect(publicModel(testCatalog([model]), model.id)?.prices).toMatchObject({ input: 1n, output: 4n });
  });

  it("leaves out a cached price the model does not have, rather than showing the input price as one", () => {
    const model = testModel("openai/x", openai, { prices: { cachedInput: null } });
    expect(publicModel(testCatalog([model]), model.id)?.prices.cachedInput).toBeNull();
  });

  it("prices images per tier with the markup, cheapest first", () => {
    const model = testModel("openai/dall-e-3", openai, {
      kind: "image",
      prices: {
        input: null,
        output: null,
        markupBps: 1_000,
        images: { "hd:1024x1024": 80_000n, "standard:1024x1024": 40_000n, "standard:1792x1024": 80_000n },
      },
    });
    expect(publicModel(testCatalog([model]), model.id)?.prices.images).toEqual([
      { quality: "standard", size: "1024x1024", micros: 44_000n },
      { quality: "hd", size: "1024x1024", micros: 88_000n },
      { quality: "standard", size: "1792x1024", micros: 88_000n },
    ]);
  });
});

describe("status shown to a visitor", () => {
  it("is live or free only when the gateway can serve the model now", () => {
    expect(publicStatus(testModel("openai/a", openai))).toBe("live");
    expect(publicStatus(testModel("openai/b", openai, { status: "free", prices: { input: 0n, output: 0n } }))).toBe(
      "free",
    );
    // No key for the provider: listed, but not offered as callable.
    expect(publicStatus(testModel("anthropic/c", anthropic))).toBe("unavailable");
    expect(publicStatus(testModel("anthropic/d", anthropic, { status: "free" }))).toBe("unavailable");
    // Every key out of service.
    const refused = testProvider("groq", "Groq", 0, { keysOutOfService: 2 });
    expect(publicStatus(testModel("groq/e", refused))).toBe("unavailable");
    // Switched off by an operator, or without a price: the gateway refuses it.
    expect(publicStatus(testModel("x/f", testProvider("x", "X", 1, { enabled: false })))).toBe("unavailable");
    expect(publicStatus(testModel("openai/g", openai, { prices: { output: null } }))).toBe("unavailable");
  });

  it("is soon for a model listed as soon, whatever its provider, and hides disabled models", () => {
    expect(publicStatus(testModel("openai/h", openai, { status: "soon" }))).toBe("soon");
    const disabled = testModel("openai/i", openai, { status: "disabled" });
    expect(publicStatus(disabled)).toBeNull();
    const catalog = testCatalog([disabled, testModel("openai/j", openai)]);
    expect(publicModels(catalog).map((model) => model.id)).toEqual(["openai/j"]);
    expect(publicModel(catalog, "openai/i")).toBeUndefined();
  });
});

describe("capabilities", () => {
  it("come from the catalog, with embeddings and images from the kind, and no streaming", () => {
    expect(capabilitiesOf(testModel("a/b", openai, { capabilities: ["streaming", "vision", "tools"] }))).toEqual([
      "tools",
      "vision",
    ]);
    expect(capabilitiesOf(testModel("a/c", openai, { kind: "embedding", capabilities: [] }))).toEqual(["embeddings"]);
    expect(capabilitiesOf(testModel("a/d", openai, { kind: "image", capabilities: [] }))).toEqual(["images"]);
  });
});

describe("the catalog as listed", () => {
  it("orders by provider as the registry does, chat first, then by name as people read it", () => {
    const catalog = testCatalog([
      testModel("deepseek/deepseek-chat", deepseek, { displayName: "DeepSeek V3" }),
      testModel("openai/text-embedding-3-small", openai, { kind: "embedding", displayName: "text-embedding-3-small" }),
      testModel("openai/gpt-4o", openai, { displayName: "GPT-4o" }),
      testModel("openai/gpt-4.1-mini", openai, { displayName: "GPT-4.1 mini" }),
      testModel("openai/gpt-4.1", openai, { displayName: "GPT-4.1" }),
      testModel("anthropic/claude", anthropic, { displayName: "Claude" }),
    ]);
    expect(publicModels(catalog).map((model) => model.id)).toEqual([
      "openai/gpt-4.1",
      "openai/gpt-4.1-mini",
      "openai/gpt-4o",
      "openai/text-embedding-3-small",
      "anthropic/claude",
      "deepseek/deepseek-chat",
    ]);
  });

  it("names each model's provider and aliases", () => {
    const catalog = testCatalog([testModel("deepseek/deepseek-chat", deepseek)], {
      "deepseek-v3.2": "deepseek/deepseek-chat",
      "other-alias": "openai/gpt-4o",
    });
    expect(publicModel(catalog, "deepseek/deepseek-chat")).toMatchObject({
      providerName: "DeepSeek",
      aliases: ["deepseek-v3.2"],
    });
  });

  it("links each model's page with one path segment per part of its id", () => {
    expect(modelPath("openai/gpt-4.1")).toBe("/models/openai/gpt-4.1");
    expect(modelPath("openrouter/meta-llama/llama 3")).toBe("/models/openrouter/meta-llama/llama%203");
  });
});
