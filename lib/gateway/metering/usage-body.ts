// The `usage` object a client reads: OpenAI's fields, our normalised counts, and `cost` in USD.
import { microsToUsd } from "../../money";
import type { Usage } from "../schemas/chat";
import type { TokenUsage } from "./cost";

/** Realistic token counts for a request whose upstream reported none (a cut stream): ~4 characters a token. */
export function estimatedUsage(promptBytes: number, completionCharacters: number): TokenUsage {
  return { promptTokens: Math.ceil(promptBytes / 4), completionTokens: Math.ceil(completionCharacters / 4), cachedTokens: 0, reasoningTokens: 0 };
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
    completion_tokens_details: { ...(upstreamUsage?.completion_tokens_details ?? {}), reasoning_tokens: usage.reasoningTokens },
    cost: microsToUsd(costMicros),
  };
}
