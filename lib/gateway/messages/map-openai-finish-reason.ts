// OpenAI's finish_reason → Anthropic's stop_reason.
// https://docs.anthropic.com/en/api/messages#response-stop-reason

export type AnthropicStopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";

export function mapOpenAIFinishReason(
  finishReason: string | null | undefined,
  options: { hasToolUse: boolean },
): AnthropicStopReason {
  switch (finishReason) {
    case "length":
      return "max_tokens";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "content_filter":
      return "refusal";
    default:
      // "stop", a missing reason, or one newer than this code. OpenAI does not say whether a stop sequence matched,
      // so "stop_sequence" is never claimed. Some OpenAI-compatible upstreams (Gemini's among them) answer "stop"
      // with tool calls in the message: Anthropic clients run tools when stop_reason is tool_use, so it is that.
      return options.hasToolUse ? "tool_use" : "end_turn";
  }
}
