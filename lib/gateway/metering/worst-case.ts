// The most a request can cost: what is reserved before the call, and what /v1/estimate reports.
import type { CatalogModel } from "../../catalog/catalog";
import { estimatePromptTokens, tokenCost, worstCaseCompletionTokens } from "./cost";

export interface WorstCase {
  promptTokens: number;
  completionTokens: number;
  micros: bigint;
}

export function chatWorstCase(
  model: CatalogModel,
  promptBytes: number,
  maxTokens: number | null | undefined,
  choices: number | null | undefined,
): WorstCase {
  const promptTokens = estimatePromptTokens(promptBytes, model.contextLength);
  const completionTokens = worstCaseCompletionTokens(maxTokens, choices, model.maxOutputTokens);
  return {
    promptTokens,
    completionTokens,
    micros: tokenCost({ promptTokens, completionTokens, cachedTokens: 0, reasoningTokens: 0 }, model.prices),
  };
}

export function embeddingsWorstCase(model: CatalogModel, inputs: string[]): WorstCase {
  // Half the UTF-8 bytes bounds the tokens of ordinary text, as for chat prompts.
  const promptTokens = inputs.reduce((sum, input) => sum + estimatePromptTokens(Buffer.byteLength(input), null) + 1, 0);
  return {
    promptTokens,
    completionTokens: 0,
    micros: tokenCost({ promptTokens, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 }, model.prices),
  };
}
