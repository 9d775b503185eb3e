// Cost of a request in integer micro-USD: list price × tokens (cached input at its own price) × (1 + markup), plus
// the flat per-request fee where the model has one (customers' own models).
import { divideRounded } from "../../money";
import type { ModelPrices } from "../../catalog/catalog";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** Part of promptTokens read from the provider's prompt cache. */
  cachedTokens: number;
  /** Part of promptTokens written to the provider's prompt cache (Anthropic prices these apart). */
  cacheWriteTokens?: number;
  /** Part of completionTokens spent on reasoning; OpenAI-style providers bill it as output. */
  reasoningTokens: number;
}

const PER_MILLION_TIMES_BASIS = 1_000_000n * 10_000n;

export function tokenCost(usage: TokenUsage, prices: ModelPrices): bigint {
  const input = prices.input ?? 0n;
  const prompt = Math.max(usage.promptTokens, 0);
  const cached = Math.min(Math.max(usage.cachedTokens, 0), prompt);
  const written = Math.min(Math.max(usage.cacheWriteTokens ?? 0, 0), prompt - cached);
  const plain = BigInt(prompt - cached - written);
  const output = BigInt(Math.max(usage.completionTokens, 0));
  // Sum before dividing so that rounding happens once per request, not per component.
  const listTimesMillion =
    plain * input +
    BigInt(cached) * (prices.cachedInput ?? input) +
    BigInt(written) * (prices.cacheWrite ?? input) +
    output * (prices.output ?? 0n);
  const tokens = divideRounded(listTimesMillion * BigInt(10_000 + prices.markupBps), PER_MILLION_TIMES_BASIS);
  return tokens + (prices.perRequest ?? 0n);
}

/** Reads OpenAI-shaped usage, including the vendors' own spellings of cached tokens. */
export function readUsage(usage: unknown): TokenUsage | undefined {
  if (!usage || typeof usage !== "object") return undefined;
  const record = usage as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
  const promptDetails = (record.prompt_tokens_details ?? {}) as Record<string, unknown>;
  const completionDetails = (record.completion_tokens_details ?? {}) as Record<string, unknown>;
  const promptTokens = number(record.prompt_tokens);
  const completionTokens = number(record.completion_tokens);
  if (record.prompt_tokens === undefined && record.completion_tokens === undefined) return undefined;
  return {
    promptTokens,
    completionTokens,
    // OpenAI: prompt_tokens_details.cached_tokens; DeepSeek: prompt_cache_hit_tokens; Moonshot: cached_tokens.
    cachedTokens:
      number(promptDetails.cached_tokens) || number(record.prompt_cache_hit_tokens) || number(record.cached_tokens),
    cacheWriteTokens: number(promptDetails.cache_write_tokens),
    reasoningTokens: number(completionDetails.reasoning_tokens),
  };
}

/**
 * A generous bound on a prompt's tokens, for the reserve: English runs ~4 bytes a token and CJK ~2-3, so half the
 * body's bytes covers ordinary text; the context window caps it. Settlement charges the real count either way.
 */
export function estimatePromptTokens(bodyBytes: number, contextLength: number | null): number {
  const estimate = Math.ceil(bodyBytes / 2);
  return contextLength ? Math.min(estimate, contextLength) : estimate;
}

const DEFAULT_OUTPUT_CAP = 4_096;

/** Worst-case output: what the client allows (max_tokens × n), bounded by the model's own output cap. */
export function worstCaseCompletionTokens(
  maxTokens: number | null | undefined,
  choices: number | null | undefined,
  modelMaxOutput: number | null,
): number {
  let perChoice = maxTokens ?? modelMaxOutput ?? DEFAULT_OUTPUT_CAP;
  if (modelMaxOutput) perChoice = Math.min(perChoice, modelMaxOutput);
  return perChoice * (choices ?? 1);
}
