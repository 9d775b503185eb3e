// Anthropic's stop_reason → OpenAI's finish_reason.
// https://docs.anthropic.com/en/api/messages#response-stop-reason

export function mapAnthropicStopReason(
  stopReason: string | null | undefined,
  options: { jsonResponse: boolean },
): string | null {
  switch (stopReason) {
    case null:
    case undefined:
      return null;
    case "end_turn":
    case "stop_sequence":
    // pause_turn: a server-side tool loop paused; the answer so far is complete as far as this request goes.
    case "pause_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      // The forced JSON tool is how JSON mode answers (json-response-tool.ts): to the client it is a plain answer.
      return options.jsonResponse ? "stop" : "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      // A stop reason newer than this code: Anthropic did finish the message, and "stop" is the one OpenAI value
      // that claims nothing more than that.
      return "stop";
  }
}
