// OpenAI-compatible vendors answer in OpenAI's shape, but not always all of it: some leave out a choice's `logprobs`
// or its message's `refusal` or `content`, which OpenAI's schema requires (null when there is nothing), or send null
// for fields the schema types as an array or a string (`tool_calls`, `system_fingerprint`). Strict clients refuse
// such a body, so the missing fields are filled with null and the null ones dropped; nothing else changes.
import type { ChatCompletion } from "../../schemas/chat";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function fillRequiredFields(json: unknown): ChatCompletion {
  const completion = json as ChatCompletion;
  if (!isObject(completion)) return completion;
  if (completion.system_fingerprint === null) delete completion.system_fingerprint;
  for (const choice of Array.isArray(completion.choices) ? completion.choices : []) {
    if (!isObject(choice)) continue;
    choice.logprobs ??= null;
    const message = choice.message;
    if (!isObject(message)) continue;
    message.content ??= null;
    message.refusal ??= null;
    if (message.tool_calls === null) delete message.tool_calls;
  }
  return completion;
}
