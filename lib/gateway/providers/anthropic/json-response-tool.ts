// JSON mode on Anthropic. The Messages API has no `response_format`, so `json_object` / `json_schema` become a
// tool whose input schema is the requested schema, with tool_choice forcing it: Claude then answers with a
// tool_use block whose `input` is the JSON. The response side turns that block back into the assistant's
// `content` (a JSON string) with finish_reason "stop", so the client never sees the tool. The name is reserved:
// a client tool of the same name is refused, because answers are recognised by this name alone.
import type { AnthropicTool } from "./anthropic-api";
import type { ResponseFormat } from "./openai-request-schemas";

export const JSON_RESPONSE_TOOL_NAME = "json_response";

/** The forced tool for a JSON response format, or undefined for plain text. */
export function jsonResponseTool(responseFormat: ResponseFormat | undefined): AnthropicTool | undefined {
  if (!responseFormat || responseFormat.type === "text") return undefined;
  if (responseFormat.type === "json_object") {
    return {
      name: JSON_RESPONSE_TOOL_NAME,
      description: "Respond with a JSON object.",
      input_schema: { type: "object" },
    };
  }
  const { schema, description, name } = responseFormat.json_schema;
  return {
    name: JSON_RESPONSE_TOOL_NAME,
    description: description ?? `Respond with JSON matching the ${name ?? "given"} schema.`,
    input_schema: schema ?? { type: "object" },
  };
}
