import { describe, expect, it } from "vitest";
import { estimatePromptTokens, readUsage, tokenCost, worstCaseCompletionTokens } from "./cost";
import type { ModelPrices } from "../../catalog/catalog";

const gpt4oMini: ModelPrices = {
  input: 150_000n,
  cachedInput: 75_000n,
  cacheWrite: null,
  output: 600_000n,
  images: null,
  markupBps: 0,
};

describe("tokenCost", () => {
  it("adds a flat per-request fee after the tokens (customers' own models: the operator's BYO fee)", () => {
    const byo: ModelPrices = { ...gpt4oMini, input: 2_000_000n, cachedInput: 2_000_000n, output: 2_000_000n };
    const usage = { promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0 };
    expect(tokenCost(usage, { ...byo, perRequest: 10_000n })).toBe(10_030n);
    expect(tokenCost(usage, { ...byo, input: 0n, cachedInput: 0n, output: 0n, perRequest: 0n })).toBe(0n);
  });

  it("prices input, cached input and output at their own list prices", () => {
    // 1M uncached input = $0.15; 1M output = $0.60
    expect(
      tokenCost({ promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 }, gpt4oMini),
    ).toBe(150_000n);
    expect(
      tokenCost({ promptTokens: 0, completionTokens: 1_000_000, cachedTokens: 0, reasoningTokens: 0 }, gpt4oMini),
    ).toBe(600_000n);
    // half the prompt from cache: 500k × 0.15 + 500k × 0.075
    expect(
      tokenCost({ promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 500_000, reasoningTokens: 0 }, gpt4oMini),
    ).toBe(112_500n);
  });

  it("applies the markup and rounds once per request", () => {
    const marked = { ...gpt4oMini, markupBps: 500 };
    expect(
      tokenCost({ promptTokens: 1_000_000, completionTokens: 1_000_000, cachedTokens: 0, reasoningTokens: 0 }, marked),
    ).toBe(787_500n);
    // 9 prompt + 50 completion tokens: 1.35 + 30 = 31.35 micro-USD → 31
    expect(tokenCost({ promptTokens: 9, completionTokens: 50, cachedTokens: 0, reasoningTokens: 0 }, gpt4oMini)).toBe(
      31n,
    );
  });

  it("prices cache reads and cache writes by Anthropic's rules", () => {
    // claude-sonnet-4: input $3, cache read $0.30, cache write $3.75, output $15 per 1M
    const sonnet = {
      input: 3_000_000n,
      cachedInput: 300_000n,
      cacheWrite: 3_750_000n,
      output: 15_000_000n,
      images: null,
      markupBps: 0,
    };
    const usage = {
      promptTokens: 1_000_000 + 2_000_000 + 500_000,
      completionTokens: 100_000,
      cachedTokens: 2_000_000,
      cacheWriteTokens: 500_000,
      reasoningTokens: 0,
    };
    // 1M plain × 3 + 2M read × 0.30 + 0.5M written × 3.75 + 0.1M out × 15 = 3 + 0.6 + 1.875 + 1.5 = $6.975
    expect(tokenCost(usage, sonnet)).toBe(6_975_000n);
    expect(
      readUsage({
        prompt_tokens: 10,
        completion_tokens: 1,
        prompt_tokens_details: { cached_tokens: 2, cache_write_tokens: 3 },
      })?.cacheWriteTokens,
    ).toBe(3);
  });

  it("uses the input price for cached tokens when the model has no cached price", () => {
    const noCache = { ...gpt4oMini, cachedInput: null };
    expect(
      tokenCost({ promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 1_000_000, reasoningTokens: 0 }, noCache),
    ).toBe(150_000n);
  });
});

describe("readUsage", () => {
  it("reads OpenAI, DeepSeek and Moonshot spellings of cached tokens", () => {
    expect(
      readUsage({
        prompt_tokens: 10,
        completion_tokens: 5,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 2 },
      }),
    ).toEqual({ promptTokens: 10, completionTokens: 5, cachedTokens: 4, cacheWriteTokens: 0, reasoningTokens: 2 });
    expect(readUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_cache_hit_tokens: 7 })?.cachedTokens).toBe(7);
    expect(readUsage({ prompt_tokens: 10, completion_tokens: 5, cached_tokens: 3 })?.cachedTokens).toBe(3);
    expect(readUsage(null)).toBeUndefined();
    expect(readUsage({})).toBeUndefined();
  });
});

describe("worst case", () => {
  it("bounds output by max_tokens × n and by the model's cap", () => {
    expect(worstCaseCompletionTokens(100, 3, 16_384)).toBe(300);
    expect(worstCaseCompletionTokens(100_000, 1, 16_384)).toBe(16_384);
    expect(worstCaseCompletionTokens(undefined, undefined, null)).toBe(4_096);
    expect(estimatePromptTokens(1_000, 128_000)).toBe(500);
    expect(estimatePromptTokens(1_000_000, 128_000)).toBe(128_000);
  });
});
