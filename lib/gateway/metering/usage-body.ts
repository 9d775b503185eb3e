// The `usage` object a client reads: OpenAI's fields, our normalised counts, and `cost` in USD.
import { microsToUsd } from "../../money";
import type { Usage } from "../schemas/chat";
import type { TokenUsage } from "./cost";
import { countTextTokens, loadTokenizer, promptTokens } from "./token-estimate";

/**
 * Token counts for a request whose upstream reported none (a cut stream), counted from the prompt and the text the
 * client was sent (token-estimate.ts has the policy). `count` is exact by default; running snapshots pass a cheap one.
 */
export function estimatedUsage(
  prompt: unknown,
  completionText: string,
  count: (text: string) => number = countTextTokens,
): TokenUsage {
  return {
    promptTokens: promptTokens(prompt, count),
    completionTokens: count(completionText),
    cachedTokens: 0,
    reasoningTokens: 0,
  };
}

/** estimatedUsage with the exact count, the encoder loaded first if it has not been: for what a request is charged. */
export async function countedUsage(prompt: unknown, completionText: string): Promise<TokenUsage> {
  await loadTokenizer();
  return estimatedUsage(prompt, completionText);
}

export function usageBody(usage: TokenUsage, costMicros: bigint, upstreamUsage?: Usage | null): Usage {
  return {
    ...(upstreamUsage ?? {}),
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: {
      ...(upstreamUsage?.prompt_tokens_details ?? {}),
      cached_tokens: usage.cachedTokens,
      ...(usage.cacheWriteTokens ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    completion_tokens_details: {
      ...(upstreamUsage?.completion_tokens_details ?? {}),
      reasoning_tokens: usage.reasoningTokens,
    },
    cost: microsToUsd(costMicros),
  };
}
