// Anthropic Messages request → OpenAI chat request, for POST /v1/messages routed to a model that is not Anthropic's.
// What has no OpenAI counterpart is either dropped when losing it changes nothing the model needs (thinking blocks,
// cache_control, top_k) or rejected with a 400 naming the field (server tools, Files API sources, block types only
// Anthropic reads), because a model answering without part of its input would be a silent wrong answer.
import { GatewayError } from "../errors";
import type { ChatRequestBody } from "../schemas/chat";
import {
  contentBlocks,
  documentContentBlocks,
  documentSources,
  imageSources,
  toolResultContentBlocks,
  tools as toolUnion,
  type AnthropicInputMessage,
  type DocumentBlock,
  type ImageBlock,
  type MessagesRequest,
  type ToolChoice,
  type ToolResultBlock,
} from "./anthropic-messages-schema";

type OpenAIMessage = ChatRequestBody["messages"][number];

// Type aliases rather than interfaces: the chat schema's loose parts carry an index signature, which only object
// type aliases satisfy implicitly.
type OpenAITextPart = { type: "text"; text: string };
type OpenAIImagePart = { type: "image_url"; image_url: { url: string } };
type OpenAIFilePart = { type: "file"; file: { filename: string; file_data: string } };
type OpenAIContentPart = OpenAITextPart | OpenAIImagePart | OpenAIFilePart;

interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** OpenAI's limit on `stop`; Anthropic has none, so more can only be refused, not cut. */
const MAX_STOP_SEQUENCES = 4;

const ONLY_ANTHROPIC = "is an Anthropic feature that other models cannot take; send it to an anthropic/ model";

function unsupported(where: string, what: string): GatewayError {
  const param = where.replace(/\.type$/, "");
  return new GatewayError("invalid_value", `Invalid '${param}': ${what} ${ONLY_ANTHROPIC}`, { param });
}

/** Adjacent text blocks are one prompt to Anthropic; a blank line keeps them apart once joined. */
function joinText(texts: string[]): string {
  return texts.join("\n\n");
}

/**
 * Parts that are all text become one string: several OpenAI-compatible upstreams (DeepSeek among them) refuse
 * content arrays, and Anthropic clients such as Claude Code send every user turn as an array of text blocks.
 */
function contentOf(parts: OpenAIContentPart[]): string | OpenAIContentPart[] {
  const texts: string[] = [];
  for (const part of parts) {
    if (part.type !== "text") return parts;
    texts.push(part.text);
  }
  return joinText(texts);
}

function imagePart(block: ImageBlock, where: string): OpenAIImagePart {
  const source = block.source;
  if (!imageSources.isKnown(source)) throw unsupported(`${where}.source`, `an image source of type '${source.type}'`);
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: "image_url", image_url: { url } };
}

/** PDFs go as OpenAI file parts, plain-text documents as text; PDFs by URL would need fetching, so are refused. */
function documentParts(block: DocumentBlock, where: string): OpenAIContentPart[] {
  const source = block.source;
  const title = block.title ? `${block.title}\n\n` : "";
  if (!documentSources.isKnown(source))
    throw unsupported(`${where}.source`, `a document source of type '${source.type}'`);
  switch (source.type) {
    case "base64":
      return [
        {
          type: "file",
          file: {
            filename: block.title || "document.pdf",
            file_data: `data:${source.media_type};base64,${source.data}`,
          },
        },
      ];
    case "text":
      return [{ type: "text", text: title + source.data }];
    case "url":
      throw unsupported(`${where}.source`, "a document given by URL");
    case "content": {
      if (typeof source.content === "string") return [{ type: "text", text: title + source.content }];
      const parts: OpenAIContentPart[] = title ? [{ type: "text", text: title.trimEnd() }] : [];
      source.content.forEach((inner, innerIndex) => {
        const innerWhere = `${where}.source.content[${innerIndex}]`;
        if (!documentContentBlocks.isKnown(inner))
          throw unsupported(`${innerWhere}.type`, `a document block of type '${inner.type}'`);
        parts.push(inner.type === "text" ? { type: "text", text: inner.text } : imagePart(inner, innerWhere));
      });
      return parts;
    }
  }
}

/**
 * An OpenAI tool message holds text only. The text goes there; images a tool returned (a screenshot, a file the
 * tool read) cannot, so they travel in the user message that follows the tool messages, labelled with the call.
 */
function toolResult(block: ToolResultBlock, where: string): { message: OpenAIMessage; images: OpenAIContentPart[] } {
  const texts: string[] = [];
  const images: OpenAIContentPart[] = [];
  if (typeof block.content === "string") texts.push(block.content);
  (Array.isArray(block.content) ? block.content : []).forEach((inner, innerIndex) => {
    const innerWhere = `${where}.content[${innerIndex}]`;
    if (!toolResultContentBlocks.isKnown(inner))
      throw unsupported(`${innerWhere}.type`, `a tool result block of type '${inner.type}'`);
    if (inner.type === "text") texts.push(inner.text);
    else if (inner.type === "image") images.push(imagePart(inner, innerWhere));
    else {
      for (const part of documentParts(inner, innerWhere)) {
        if (part.type === "text") texts.push(part.text);
        else images.push(part);
      }
    }
  });
  let text = joinText(texts);
  if (images.length > 0) {
    const note =
      images.length === 1
        ? "(the attachment this tool returned follows in the next user message)"
        : `(the ${images.length} attachments this tool returned follow in the next user message)`;
    text = text === "" ? note : joinText([text, note]);
  }
  // Anthropic marks failed tool runs with a flag; OpenAI has none, so the model is told in words.
  if (block.is_error) text = `Error: ${text}`;
  const labelledImages: OpenAIContentPart[] =
    images.length > 0 ? [{ type: "text", text: `Returned by tool call ${block.tool_use_id}:` }, ...images] : [];
  return { message: { role: "tool", tool_call_id: block.tool_use_id, content: text }, images: labelledImages };
}

/** One user turn: tool results first, as `tool` messages (OpenAI wants them right after the assistant's calls), then the rest. */
function userMessages(message: AnthropicInputMessage, where: string): OpenAIMessage[] {
  if (typeof message.content === "string") return [{ role: "user", content: message.content }];
  const toolMessages: OpenAIMessage[] = [];
  const parts: OpenAIContentPart[] = [];
  message.content.forEach((block, blockIndex) => {
    const blockWhere = `${where}.content[${blockIndex}]`;
    if (!contentBlocks.isKnown(block))
      throw unsupported(`${blockWhere}.type`, `a content block of type '${block.type}'`);
    switch (block.type) {
      case "text":
        parts.push({ type: "text", text: block.text });
        return;
      case "image":
        parts.push(imagePart(block, blockWhere));
        return;
      case "document":
        parts.push(...documentParts(block, blockWhere));
        return;
      case "tool_result": {
        const result = toolResult(block, blockWhere);
        toolMessages.push(result.message);
        parts.push(...result.images);
        return;
      }
      case "thinking":
      case "redacted_thinking":
        return;
      case "tool_use":
        throw new GatewayError(
          "invalid_value",
          `Invalid '${blockWhere}': tool_use blocks belong in assistant messages`,
          { param: blockWhere },
        );
    }
  });
  return parts.length > 0 ? [...toolMessages, { role: "user", content: contentOf(parts) }] : toolMessages;
}

/**
 * One assistant turn. Thinking is dropped: another model cannot continue it, and its signature means nothing
 * outside Anthropic. Text is sent as one string, tool_use blocks as tool_calls.
 */
function assistantMessage(message: AnthropicInputMessage, where: string): OpenAIMessage {
  if (typeof message.content === "string") return { role: "assistant", content: message.content };
  const texts: string[] = [];
  const toolCalls: OpenAIToolCall[] = [];
  message.content.forEach((block, blockIndex) => {
    const blockWhere = `${where}.content[${blockIndex}]`;
    if (!contentBlocks.isKnown(block))
      throw unsupported(`${blockWhere}.type`, `a content block of type '${block.type}'`);
    switch (block.type) {
      case "text":
        texts.push(block.text);
        return;
      case "tool_use":
        toolCalls.push({
          id: block.id,
          type: "function",
          function: { name: block.name, arguments: JSON.stringify(block.input) },
        });
        return;
      case "thinking":
      case "redacted_thinking":
        return;
      default:
        throw new GatewayError(
          "invalid_value",
          `Invalid '${blockWhere}': ${block.type} blocks belong in user messages`,
          { param: blockWhere },
        );
    }
  });
  const text = joinText(texts);
  if (toolCalls.length === 0) return { role: "assistant", content: text };
  return { role: "assistant", content: text === "" ? null : text, tool_calls: toolCalls };
}

function systemMessage(system: MessagesRequest["system"]): OpenAIMessage | null {
  if (system === undefined) return null;
  const text = typeof system === "string" ? system : joinText(system.map((block) => block.text));
  return text === "" ? null : { role: "system", content: text };
}

function functionTools(tools: NonNullable<MessagesRequest["tools"]>): ChatRequestBody["tools"] {
  return tools.map((tool, toolIndex) => {
    if (!toolUnion.isKnown(tool)) {
      const name = typeof tool.name === "string" ? `'${tool.name}' ` : "";
      throw new GatewayError(
        "invalid_value",
        `Invalid 'tools[${toolIndex}]': the server tool ${name}of type '${tool.type}' ${ONLY_ANTHROPIC}`,
        { param: "tools" },
      );
    }
    const definition: Record<string, unknown> = { name: tool.name, parameters: tool.input_schema };
    if (tool.description !== undefined) definition.description = tool.description;
    if (tool.strict !== undefined) definition.strict = tool.strict;
    return { type: "function", function: definition };
  });
}

function openAIToolChoice(toolChoice: ToolChoice): string | { type: "function"; function: { name: string } } {
  switch (toolChoice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", function: { name: toolChoice.name } };
  }
}

/** Anthropic budgets thinking in tokens, OpenAI in three steps; the bounds follow Anthropic's guidance on budget sizes. */
export function reasoningEffortFor(budgetTokens: number): "low" | "medium" | "high" {
  if (budgetTokens < 2048) return "low";
  if (budgetTokens < 8192) return "medium";
  return "high";
}

/** A system message mid-conversation (Claude Code's) stays at its place: OpenAI's format takes one anywhere. */
function inlineSystemMessage(message: AnthropicInputMessage, where: string): OpenAIMessage | null {
  if (typeof message.content === "string")
    return message.content === "" ? null : { role: "system", content: message.content };
  const texts = message.content.map((block, blockIndex) => {
    if (block.type !== "text" || typeof block.text !== "string") {
      const blockWhere = `${where}.content[${blockIndex}]`;
      throw new GatewayError("invalid_value", `Invalid '${blockWhere}': a system message holds text blocks only`, {
        param: blockWhere,
      });
    }
    return block.text;
  });
  const text = joinText(texts.filter((part) => part !== ""));
  return text === "" ? null : { role: "system", content: text };
}

/** Anthropic's JSON-schema output becomes OpenAI's `response_format` (the model is held to the same schema). */
function responseFormatOf(format: { schema: Record<string, unknown> }): ChatRequestBody["response_format"] {
  return { type: "json_schema", json_schema: { name: "output", schema: format.schema, strict: true } };
}

/** `output_config.effort` in OpenAI's three steps; Anthropic's "max" is OpenAI's "high". */
function effortOf(effort: string): "low" | "medium" | "high" | undefined {
  if (effort === "low" || effort === "medium" || effort === "high") return effort;
  return effort === "max" ? "high" : undefined;
}

/**
 * The Messages fields this translation reads; any other top-level field of the request is dropped for models that
 * are not Anthropic's and named in x-switchyard-dropped-params. `models` and `provider` are the gateway's own.
 */
const TRANSLATED_FIELDS = new Set([
  "model",
  "models",
  "provider",
  "max_tokens",
  "messages",
  "system",
  "stop_sequences",
  "temperature",
  "top_p",
  "top_k",
  "stream",
  "tools",
  "tool_choice",
  "metadata",
  "thinking",
  "output_config",
]);

/** Top-level fields of a Messages request that no model but Anthropic's can take (context_management, …). */
export function untranslatedFields(raw: Record<string, unknown>): string[] {
  return Object.keys(raw).filter((field) => !TRANSLATED_FIELDS.has(field));
}

export function toOpenAIChatRequest(request: MessagesRequest): ChatRequestBody {
  const messages: OpenAIMessage[] = [];
  const system = systemMessage(request.system);
  if (system) messages.push(system);
  request.messages.forEach((message, messageIndex) => {
    const where = `messages[${messageIndex}]`;
    if (message.role === "user") messages.push(...userMessages(message, where));
    else if (message.role === "system") {
      const inline = inlineSystemMessage(message, where);
      if (inline) messages.push(inline);
    } else messages.push(assistantMessage(message, where));
  });

  const body: ChatRequestBody = { model: request.model, messages, max_tokens: request.max_tokens };
  if (request.models !== undefined) body.models = request.models;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  // Not OpenAI's: kept for the providers that take it (vLLM, Ollama, Gemini); dropped, and named, for the others.
  if (request.top_k !== undefined) body.top_k = request.top_k;
  if (request.provider !== undefined) body.provider = request.provider;

  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) {
    if (request.stop_sequences.length > MAX_STOP_SEQUENCES) {
      throw new GatewayError(
        "invalid_value",
        `Invalid 'stop_sequences': models other than Anthropic's take at most ${MAX_STOP_SEQUENCES} stop sequences`,
        { param: "stop_sequences" },
      );
    }
    body.stop = request.stop_sequences;
  }

  if (request.stream === true) {
    body.stream = true;
    // An Anthropic stream ends with the output token count, which an OpenAI stream only gives when asked.
    body.stream_options = { include_usage: true };
  }

  // OpenAI refuses tool_choice and parallel_tool_calls without tools; Anthropic ignores them.
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = functionTools(request.tools);
    if (request.tool_choice !== undefined) {
      body.tool_choice = openAIToolChoice(request.tool_choice);
      if (request.tool_choice.type !== "none" && request.tool_choice.disable_parallel_tool_use === true)
        body.parallel_tool_calls = false;
    }
  }

  const userId = request.metadata?.user_id;
  if (typeof userId === "string" && userId !== "") body.user = userId;

  if (request.thinking?.type === "enabled" && request.thinking.budget_tokens !== undefined) {
    body.reasoning_effort = reasoningEffortFor(request.thinking.budget_tokens);
  }
  const outputConfig = request.output_config;
  if (outputConfig?.format) body.response_format = responseFormatOf(outputConfig.format);
  const effort = outputConfig?.effort ? effortOf(outputConfig.effort) : undefined;
  if (effort && body.reasoning_effort === undefined) body.reasoning_effort = effort;
  return body;
}
