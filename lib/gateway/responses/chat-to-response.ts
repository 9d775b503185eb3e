// A chat completion → a Response object, for POST /v1/responses answered by a model that is not OpenAI's: reasoning,
// then the message, then the function calls, as OpenAI orders its output items.
import type { ChatCompletion } from "../schemas/chat";
import {
  finishedStatus,
  functionCallItem,
  messageItem,
  newItemId,
  reasoningItem,
  type OutputItem,
  type ResponseObject,
  type ResponsesUsage,
} from "./response-object";

interface ChatToolCall {
  id?: string;
  function?: { name?: string; arguments?: unknown };
}

export function toResponseOutput(completion: ChatCompletion): OutputItem[] {
  const message = (completion.choices?.[0]?.message ?? {}) as Record<string, unknown>;
  const output: OutputItem[] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === "string" && reasoning) output.push(reasoningItem(newItemId("rs"), reasoning));
  if (typeof message.content === "string" && message.content)
    output.push(messageItem(newItemId("msg"), message.content, "completed"));
  for (const call of (message.tool_calls ?? []) as ChatToolCall[]) {
    const args = call.function?.arguments;
    output.push(
      functionCallItem(
        newItemId("fc"),
        {
          callId: call.id ?? newItemId("fc"),
          name: call.function?.name ?? "",
          arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
        },
        "completed",
      ),
    );
  }
  return output;
}

export function toResponseObject(
  completion: ChatCompletion,
  skeleton: ResponseObject,
  usage: ResponsesUsage,
): ResponseObject {
  return {
    ...skeleton,
    ...finishedStatus(completion.choices?.[0]?.finish_reason ?? null),
    output: toResponseOutput(completion),
    usage,
  };
}
