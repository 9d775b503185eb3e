import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countTextTokens, loadTokenizer, roughTokens, tokenizerPending } from "./token-estimate";

describe("the token estimate's encoder", () => {
  it("is not loaded until an exact count is asked for, and counts exactly from then on", async () => {
    const text = "Xin chào! Counting the tokens of a reply whose upstream reported no usage.";
    expect(tokenizerPending()).toBe(true);
    expect(countTextTokens(text)).toBe(roughTokens(text));
    await loadTokenizer();
    expect(tokenizerPending()).toBe(false);
    expect(countTextTokens(text)).toBe(countTokens(text));
    expect(countTokens(text)).not.toBe(roughTokens(text));
  });
});
