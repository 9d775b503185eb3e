// Gemini's usageMetadata → OpenAI's usage object, which is what the gateway meters and bills.
import type { Usage } from "../../schemas/chat";
import type { GeminiUsageMetadata } from "./gemini-api";

export function convertGeminiUsage(usage: GeminiUsageMetadata): Usage {
  const thoughts = usage.thoughtsTokenCount ?? 0;
  // toolUsePromptTokenCount is the input Gemini itself fed to a built-in tool (search, code execution); Google bills
  // it as input and counts it in totalTokenCount, so it belongs to the prompt.
  const promptTokens = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  // Thinking is billed as output but is not part of candidatesTokenCount.
  const completionTokens = (usage.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
