import { describe, expect, it } from "vitest";
import { tokenCost } from "../gateway/metering/cost";
import { publicModels } from "./public-models";
import { markupSummary, pricingExample } from "./public-pricing";
import { testCatalog, testModel, testProvider } from "./public-test-catalog";

const openai = testProvider("openai", "OpenAI", 1);
const anthropic = testProvider("anthropic", "Anthropic", 0);

describe("markupSummary", () => {
  const withMarkups = (...bps: number[]) =>
    publicModels(
      testCatalog(bps.map((markupBps, index) => testModel(`openai/m${index}`, openai, { prices: { markupBps } }))),
    );

  it("says none, one rate, or the range", () => {
    expect(markupSummary(withMarkups(0, 0))).toEqual({ kind: "none" });
    expect(markupSummary(withMarkups(500, 500))).toEqual({ kind: "uniform", bps: 500 });
    expect(markupSummary(withMarkups(0, 250, 500))).toEqual({ kind: "varies", minBps: 0, maxBps: 500 });
    expect(markupSummary([])).toEqual({ kind: "none" });
  });
});

describe("pricingExample", () => {
  it("prices a well-known paid chat model the gateway serves, with the billing function", () => {
    const mini = testModel("openai/gpt-4o-mini", openai, {
      displayName: "GPT-4o mini",
      prices: { input: 150_000n, output: 600_000n, markupBps: 500 },
    });
    const catalog = testCatalog([
      testModel("anthropic/claude-sonnet-4", anthropic),
      testModel("openai/zzz", openai),
      mini,
    ]);
    const example = pricingExample(catalog);
    expect(example).toMatchObject({
      modelId: "openai/gpt-4o-mini",
      inputTokens: 1_200,
      outputTokens: 350,
      inputPerMillion: 157_500n,
      outputPerMillion: 630_000n,
      markupBps: 500,
    });
    // (1,200 × 0.15 + 350 × 0.60) / 1M × 1.05 = $0.0004095
    expect(example?.costMicros).toBe(410n);
    expect(example?.costMicros).toBe(
      tokenCost({ promptTokens: 1_200, completionTokens: 350, cachedTokens: 0, reasoningTokens: 0 }, mini.prices),
    );
  });

  it("falls back to any paid chat model it can serve, and to none", () => {
    expect(
      pricingExample(testCatalog([testModel("openai/zzz", openai), testModel("anthropic/a", anthropic)]))?.modelId,
    ).toBe("openai/zzz");
    expect(pricingExample(testCatalog([testModel("anthropic/a", anthropic)]))).toBeUndefined();
    const free = testModel("openai/free", openai, { status: "free", prices: { input: 0n, output: 0n } });
    expect(pricingExample(testCatalog([free]))).toBeUndefined();
  });
});
