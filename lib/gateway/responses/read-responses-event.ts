// An OpenAI model's own Responses stream, read on the side while its events go to the client as they came: what was
// delivered (for a cut stream's estimate), the finish, the usage of response.completed, and failures. It speaks the
// relay's vocabulary (chat chunks), so a relayed Responses stream is metered like every other stream.
import type { ChatCompletionChunk } from "../schemas/chat";
import type { StreamStep, UpstreamEvent } from "../providers/types";
import { chatUsageOf } from "./response-object";

const DELTA_FIELDS: Record<string, string> = {
  "response.output_text.delta": "content",
  "response.refusal.delta": "content",
  "response.reasoning_summary_text.delta": "reasoning_content",
  "response.reasoning_text.delta": "reasoning_content",
};

function chunk(delta: Record<string, unknown>, finishReason: string | null, usage?: unknown): ChatCompletionChunk {
  return {
    id: "",
    object: "chat.completion.chunk",
    created: 0,
    model: "",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...(usage ? { usage: usage as ChatCompletionChunk["usage"] } : {}),
  };
}

export function createResponsesEventReader(): (event: UpstreamEvent) => StreamStep {
  return (event) => {
    const data = event.data.trim();
    if (!data || data === "[DONE]") return { kind: "chunks", chunks: [] };
    const parsed = JSON.parse(data) as {
      type?: string;
      delta?: unknown;
      message?: string;
      response?: { usage?: unknown; error?: { message?: string } | null; incomplete_details?: unknown };
    };
    const type = parsed.type ?? event.event;
    if (type === "error") return { kind: "error", message: parsed.message ?? "upstream stream error" };
    if (type === "response.failed")
      return { kind: "error", message: parsed.response?.error?.message ?? "the response failed" };
    if (type === "response.completed" || type === "response.incomplete") {
      const finish = type === "response.completed" ? "stop" : "length";
      return { kind: "chunks", chunks: [chunk({}, finish, chatUsageOf(parsed.response?.usage))] };
    }
    const field = type ? DELTA_FIELDS[type] : undefined;
    if (field && typeof parsed.delta === "string")
      return { kind: "chunks", chunks: [chunk({ [field]: parsed.delta }, null)] };
    if (type === "response.function_call_arguments.delta" && typeof parsed.delta === "string")
      return {
        kind: "chunks",
        chunks: [chunk({ tool_calls: [{ index: 0, function: { arguments: parsed.delta } }] }, null)],
      };
    return { kind: "chunks", chunks: [] };
  };
}
