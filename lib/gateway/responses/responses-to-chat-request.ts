// A Responses API request → a chat completions body, for models that are not OpenAI's own. Input items and
// `instructions` become messages, `function` tools and their calls/outputs become chat tools and tool messages,
// `text.format` becomes `response_format`, `reasoning.effort` becomes `reasoning_effort`. Built-in tools offered in
// `tools` (web_search, file_search, …) are dropped — offering a tool obliges no model to use it — and named in the
// answer's x-switchyard-dropped-params header; forcing one, or input only OpenAI can read, is a 400 naming the field.
import { GatewayError } from "../errors";
import type { ChatRequestBody } from "../schemas/chat";
import type { InputItem, ResponsesRequest } from "./responses-schema";

type ChatMessage = ChatRequestBody["messages"][number];

export interface TranslatedRequest {
  body: ChatRequestBody;
  /** Fields (or tools) of the request that this model cannot serve and that were left out. */
  dropped: string[];
}

const invalid = (param: string, message: string) => new GatewayError("invalid_value", message, { param });

function textOf(value: unknown, param: string): string {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) throw invalid(param, `Invalid '${param}': must be a string or an array of content parts`);
  return value
    .map((part, index) => {
      const record = (part ?? {}) as Record<string, unknown>;
      if (typeof record.text === "string") return record.text;
      if (typeof record.refusal === "string") return record.refusal;
      throw invalid(`${param}[${index}]`, `Invalid '${param}[${index}]': only text parts can be sent here`);
    })
    .join("");
}

/** A user message's content parts: text and images (by URL or data URL); files only OpenAI reads. */
function userContent(value: unknown, param: string): ChatMessage["content"] {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) throw invalid(param, `Invalid '${param}': must be a string or an array of content parts`);
  return value.map((part, index) => {
    const record = (part ?? {}) as Record<string, unknown>;
    const where = `${param}[${index}]`;
    if ((record.type === "input_text" || record.type === "output_text") && typeof record.text === "string")
      return { type: "text", text: record.text };
    if (record.type === "input_image" && typeof record.image_url === "string")
      return {
        type: "image_url",
        image_url: { url: record.image_url, ...(record.detail ? { detail: record.detail } : {}) },
      };
    throw invalid(
      `${where}.type`,
      `Invalid '${where}.type': ${JSON.stringify(record.type)} parts (file ids, files) are served on OpenAI models only`,
    );
  });
}

function toMessages(items: InputItem[], instructions: string | null | undefined): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions) messages.push({ role: "system", content: instructions });
  /** Consecutive function calls join the assistant message before them, as chat expects. */
  let openAssistant: (ChatMessage & { tool_calls?: unknown[] }) | undefined;
  items.forEach((item, index) => {
    const param = `input[${index}]`;
    const record = item as Record<string, unknown>;
    const type = item.type ?? (item.role ? "message" : undefined);
    if (type === "message") {
      const role = item.role;
      if (role === "assistant") {
        openAssistant = { role: "assistant", content: textOf(record.content, `${param}.content`) };
        messages.push(openAssistant);
        return;
      }
      openAssistant = undefined;
      if (role === "user") messages.push({ role: "user", content: userContent(record.content, `${param}.content`) });
      else if (role === "system" || role === "developer")
        messages.push({ role, content: textOf(record.content, `${param}.content`) });
      else throw invalid(`${param}.role`, `Invalid '${param}.role': must be one of user, assistant, system, developer`);
      return;
    }
    if (type === "function_call") {
      if (typeof record.call_id !== "string" || typeof record.name !== "string")
        throw invalid(param, `Invalid '${param}': a function_call needs call_id and name`);
      const call = {
        id: record.call_id,
        type: "function",
        function: { name: record.name, arguments: typeof record.arguments === "string" ? record.arguments : "{}" },
      };
      if (!openAssistant) {
        openAssistant = { role: "assistant", content: null };
        messages.push(openAssistant);
      }
      openAssistant.tool_calls = [...(openAssistant.tool_calls ?? []), call];
      return;
    }
    if (type === "function_call_output") {
      if (typeof record.call_id !== "string")
        throw invalid(`${param}.call_id`, `Missing '${param}.call_id': the call this output answers`);
      openAssistant = undefined;
      messages.push({ role: "tool", tool_call_id: record.call_id, content: textOf(record.output, `${param}.output`) });
      return;
    }
    // Reasoning is the model's own (encrypted for OpenAI's): another model cannot read it, and need not.
    if (type === "reasoning") return;
    throw invalid(
      `${param}.type`,
      `Invalid '${param}.type': ${JSON.stringify(type)} items are served on OpenAI models only; this model takes ` +
        "message, function_call and function_call_output items",
    );
  });
  return messages;
}

function toTools(tools: ResponsesRequest["tools"], dropped: string[]): ChatRequestBody["tools"] {
  const chatTools: NonNullable<ChatRequestBody["tools"]> = [];
  (tools ?? []).forEach((tool, index) => {
    const record = tool as Record<string, unknown>;
    if (tool.type !== "function") {
      dropped.push(`tools[${index}] (${tool.type})`);
      return;
    }
    if (typeof record.name !== "string" || !record.name)
      throw invalid(`tools[${index}].name`, `Missing 'tools[${index}].name'`);
    chatTools.push({
      type: "function",
      function: {
        name: record.name,
        ...(typeof record.description === "string" ? { description: record.description } : {}),
        parameters: record.parameters ?? { type: "object", properties: {} },
        ...(typeof record.strict === "boolean" ? { strict: record.strict } : {}),
      },
    });
  });
  return chatTools.length > 0 ? chatTools : undefined;
}

function toToolChoice(choice: ResponsesRequest["tool_choice"]): unknown {
  if (choice === undefined || typeof choice === "string") return choice;
  const record = choice as Record<string, unknown>;
  if (choice.type === "function" && typeof record.name === "string")
    return { type: "function", function: { name: record.name } };
  throw invalid(
    "tool_choice",
    `Invalid 'tool_choice': ${JSON.stringify(choice.type)} tools are served on OpenAI models only`,
  );
}

function toResponseFormat(text: ResponsesRequest["text"]): unknown {
  const format = text?.format as Record<string, unknown> | undefined;
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  if (typeof format.name !== "string" || !format.name)
    throw new GatewayError("missing_field", "Missing 'text.format.name': a json_schema format needs a name", {
      param: "text.format.name",
    });
  return {
    type: "json_schema",
    json_schema: {
      name: format.name,
      schema: format.schema,
      ...(typeof format.strict === "boolean" ? { strict: format.strict } : {}),
      ...(typeof format.description === "string" ? { description: format.description } : {}),
    },
  };
}

/** Request fields that name state or work kept at OpenAI (a conversation, a stored prompt, a background run). */
const OPENAI_ONLY_FIELDS = ["conversation", "prompt", "background"] as const;

/** `history`: the input and output items of the earlier responses (previous_response_id), oldest first. */
export function toChatRequest(request: ResponsesRequest, history: InputItem[], input: InputItem[]): TranslatedRequest {
  const raw = request as Record<string, unknown>;
  for (const field of OPENAI_ONLY_FIELDS) {
    if (raw[field] != null && raw[field] !== false)
      throw invalid(field, `Invalid '${field}': served on OpenAI models only; send the conversation as input items`);
  }
  const dropped: string[] = [];
  const messages = toMessages([...history, ...input], request.instructions);
  if (messages.length === 0)
    throw new GatewayError("missing_field", "Missing required parameter: 'input'", { param: "input" });
  const body: ChatRequestBody = { model: request.model, messages };
  if (request.models) body.models = request.models;
  // OpenRouter's provider object steers the chat core's routing (and never goes upstream).
  if (raw.provider !== undefined) body.provider = raw.provider as ChatRequestBody["provider"];
  if (request.stream) body.stream = true;
  const tools = toTools(request.tools, dropped);
  if (tools) {
    body.tools = tools;
    const choice = toToolChoice(request.tool_choice);
    if (choice !== undefined) body.tool_choice = choice;
    if (typeof request.parallel_tool_calls === "boolean") body.parallel_tool_calls = request.parallel_tool_calls;
  } else if (request.tool_choice !== undefined && typeof request.tool_choice !== "string")
    toToolChoice(request.tool_choice);
  const responseFormat = toResponseFormat(request.text);
  if (responseFormat) body.response_format = responseFormat;
  if (request.max_output_tokens != null) body.max_tokens = request.max_output_tokens;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.reasoning?.effort) body.reasoning_effort = request.reasoning.effort;
  if (request.user) body.user = request.user;
  return { body, dropped };
}
