// OpenAI usage → Anthropic usage. OpenAI's prompt_tokens include the tokens read from and written to the prompt
// cache; Anthropic's input_tokens exclude both and report them on their own (the inverse of
// providers/anthropic/convert-anthropic-usage.ts), so clients that add the three up bill the prompt once.
import type { Usage } from "../schemas/chat";

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

export function toAnthropicUsage(usage: Usage | null | undefined): AnthropicUsage {
  const cacheReadTokens = count(usage?.prompt_tokens_details?.cached_tokens);
  const cacheWriteTokens = count(usage?.prompt_tokens_details?.cache_write_tokens);
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cacheReadTokens - cacheWriteTokens),
    output_tokens: count(usage?.completion_tokens),
    cache_creation_input_tokens: cacheWriteTokens,
    cache_read_input_tokens: cacheReadTokens,
  };
}
