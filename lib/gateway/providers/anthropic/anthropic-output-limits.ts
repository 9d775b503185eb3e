// Output limits Anthropic needs spelled out: the Messages API requires `max_tokens`, and extended thinking needs a
// token budget that fits inside it.
import type { ReasoningEffort } from "./openai-request-schemas";

/**
 * The `max_tokens` sent when the client set none. A cap on one answer, not the model's ceiling: it bounds an
 * unattended answer's cost and latency, and a client that wants longer answers asks for them. First match wins.
 */
const DEFAULT_MAX_TOKENS: Array<{ model: RegExp; maxTokens: number }> = [
  // Claude 4 and later (claude-sonnet-4-5, claude-opus-4-1, claude-haiku-4-5, …) write 32k–64k tokens.
  { model: /(opus|sonnet|haiku)-[4-9]/, maxTokens: 8_192 },
  // Claude 3.5 Sonnet/Haiku and 3.7 Sonnet write up to 8k (dated names put the version first: claude-3-7-sonnet).
  { model: /3-[57]-(sonnet|haiku)/, maxTokens: 8_192 },
];

/** Claude 3 Opus/Sonnet/Haiku stop at 4096, the one limit every Claude model accepts. */
const FALLBACK_MAX_TOKENS = 4_096;

export function defaultMaxTokens(upstreamModel: string): number {
  return DEFAULT_MAX_TOKENS.find((entry) => entry.model.test(upstreamModel))?.maxTokens ?? FALLBACK_MAX_TOKENS;
}

/** Anthropic refuses a thinking budget below 1024 tokens. */
export const MINIMUM_THINKING_BUDGET = 1_024;

const THINKING_BUDGET: Record<ReasoningEffort, number | undefined> = {
  none: undefined,
  minimal: 1_024,
  low: 1_024,
  medium: 4_096,
  high: 16_384,
};

export function thinkingBudgetFor(effort: ReasoningEffort): number | undefined {
  return THINKING_BUDGET[effort];
}
