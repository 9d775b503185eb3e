// Anthropic usage → OpenAI usage. Anthropic's input_tokens exclude cache reads and cache writes; OpenAI's
// prompt_tokens include cached tokens. So prompt_tokens is the sum, and the details say how much of it was read
// from the cache and how much was written to it: the gateway prices each at its own price.
import type { Usage } from "../../schemas/chat";
import type { AnthropicUsage } from "./anthropic-api";

export function convertAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const inputTokens = usage?.input_tokens ?? 0;
  const cacheReadTokens = usage?.cache_read_input_tokens ?? 0;
  const cacheWriteTokens = usage?.cache_creation_input_tokens ?? 0;
  const promptTokens = inputTokens + cacheReadTokens + cacheWriteTokens;
  const completionTokens = usage?.output_tokens ?? 0;
  const converted: Usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheReadTokens, cache_write_tokens: cacheWriteTokens },
  };
  // Thinking is billed inside output_tokens; newer responses also say how much of it was thinking.
  const thinkingTokens = usage?.output_tokens_details?.thinking_tokens;
  if (typeof thinkingTokens === "number") converted.completion_tokens_details = { reasoning_tokens: thinkingTokens };
  return converted;
}

/** message_delta's usage is cumulative and may repeat or omit the input counts of message_start: later values win. */
export function mergeAnthropicUsage(
  start: AnthropicUsage | null | undefined,
  end: AnthropicUsage | null | undefined,
): AnthropicUsage {
  const merged: AnthropicUsage = { ...(start ?? {}) };
  for (const [key, value] of Object.entries(end ?? {})) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
