// Gemini's FinishReason → OpenAI's finish_reason.

/** Every reason Gemini gives for withholding or cutting output on policy grounds. */
const CONTENT_FILTER_REASONS = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
]);

/**
 * Gemini ends a turn that called functions with STOP, where OpenAI says "tool_calls", so the caller tells us whether
 * the candidate called any. Reasons with no OpenAI counterpart (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, …) read
 * as "stop": the answer is over, and OpenAI has no finer word for why.
 */
export function mapGeminiFinishReason(finishReason: string, hasFunctionCalls: boolean): string {
  if (finishReason === "MAX_TOKENS") return "length";
  if (CONTENT_FILTER_REASONS.has(finishReason)) return "content_filter";
  return hasFunctionCalls ? "tool_calls" : "stop";
}
