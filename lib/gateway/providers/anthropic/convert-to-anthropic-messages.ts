// OpenAI chat messages → Anthropic `system` + `messages`. Anthropic keeps system text out of the turns, wants
// strictly alternating user/assistant turns, carries tool calls as tool_use blocks in the assistant turn and tool
// results as tool_result blocks in the next user turn, and refuses empty text blocks.
import { GatewayError } from "../../errors";
import type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicTextBlock,
} from "./anthropic-api";
import {
  assistantPartSchema,
  chatMessageSchema,
  readField,
  userPartSchema,
  type ChatMessage,
  type TextPart,
  type UserPart,
} from "./openai-request-schemas";

export interface AnthropicPrompt {
  system: string | AnthropicTextBlock[] | undefined;
  messages: AnthropicMessage[];
}

const MESSAGE_SHAPE = "a message with role system, developer, user, assistant or tool and content of that role's shape";
const USER_PART_SHAPE = "a text, image_url or file (PDF) content part";

export function convertToAnthropicMessages(rawMessages: readonly unknown[]): AnthropicPrompt {
  const systemBlocks: AnthropicTextBlock[] = [];
  const turns: AnthropicMessage[] = [];

  // Consecutive messages of one role become one turn: Anthropic requires alternation, and a run of tool results
  // (one OpenAI message each) must land in the single user turn that follows the tool calls.
  const append = (role: AnthropicMessage["role"], blocks: AnthropicContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };

  rawMessages.forEach((rawMessage, position) => {
    const message: ChatMessage = readField(chatMessageSchema, rawMessage, `messages[${position}]`, MESSAGE_SHAPE);
    switch (message.role) {
      case "system":
      case "developer":
        // Anthropic has no system turn mid-conversation: every system/developer message joins the top-level system.
        systemBlocks.push(...textBlocks(message.content));
        break;
      case "user":
        append("user", userBlocks(message.content, position));
        break;
      case "assistant":
        append("assistant", assistantBlocks(message, position));
        break;
      case "tool":
        append("user", [
          { type: "tool_result", tool_use_id: message.tool_call_id, content: toolResultContent(message.content) },
        ]);
        break;
    }
  });

  return { system: systemValue(systemBlocks), messages: turns };
}

/** One plain system prompt stays a string; several, or any with a cache breakpoint, stay separate blocks. */
function systemValue(blocks: AnthropicTextBlock[]): string | AnthropicTextBlock[] | undefined {
  if (blocks.length === 0) return undefined;
  if (blocks.length === 1 && !blocks[0].cache_control) return blocks[0].text;
  return blocks;
}

function textBlock(part: TextPart): AnthropicTextBlock {
  return part.cache_control
    ? { type: "text", text: part.text, cache_control: part.cache_control }
    : { type: "text", text: part.text };
}

/** Anthropic rejects empty text blocks, so empty strings simply disappear. */
function textBlocks(content: string | TextPart[]): AnthropicTextBlock[] {
  const parts = typeof content === "string" ? [{ type: "text" as const, text: content }] : content;
  return parts.filter((part) => part.text.length > 0).map(textBlock);
}

function userBlocks(content: string | Array<{ type: string }>, position: number): AnthropicContentBlock[] {
  if (typeof content === "string") return content.length > 0 ? [{ type: "text", text: content }] : [];
  const blocks: AnthropicContentBlock[] = [];
  content.forEach((rawPart, partPosition) => {
    const param = `messages[${position}].content[${partPosition}]`;
    const part: UserPart = readField(userPartSchema, rawPart, param, USER_PART_SHAPE);
    if (part.type === "text") {
      if (part.text.length > 0) blocks.push(textBlock(part));
    } else if (part.type === "image_url") {
      const url = typeof part.image_url === "string" ? part.image_url : part.image_url.url;
      const image = imageBlock(url, param);
      if (part.cache_control) image.cache_control = part.cache_control;
      blocks.push(image);
    } else {
      const document = documentBlock(part.file, param);
      if (part.cache_control) document.cache_control = part.cache_control;
      blocks.push(document);
    }
  });
  return blocks;
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** https URLs are fetched by Anthropic; data URLs are sent inline. */
function imageBlock(url: string, param: string): AnthropicImageBlock {
  const dataUrl = DATA_URL.exec(url);
  if (dataUrl) {
    const [, mediaType, data] = dataUrl;
    if (!mediaType.startsWith("image/")) {
      throw new GatewayError(
        "invalid_value",
        `${param}: an image data URL must have an image media type, not ${mediaType}`,
        { param: "messages" },
      );
    }
    return { type: "image", source: { type: "base64", media_type: mediaType, data } };
  }
  if (/^https?:\/\//i.test(url)) return { type: "image", source: { type: "url", url } };
  throw new GatewayError("invalid_value", `${param}: image_url.url must be an https URL or a base64 data URL`, {
    param: "messages",
  });
}

function documentBlock(
  file: { file_data?: string; file_id?: string; filename?: string },
  param: string,
): AnthropicDocumentBlock {
  const dataUrl = file.file_data ? DATA_URL.exec(file.file_data) : null;
  // An OpenAI file_id names a file stored at OpenAI: Anthropic cannot read it.
  if (dataUrl?.[1] !== "application/pdf") {
    throw new GatewayError(
      "invalid_value",
      `${param}: Anthropic models take files as file_data, a base64 data URL of a PDF`,
      { param: "messages" },
    );
  }
  const document: AnthropicDocumentBlock = {
    type: "document",
    source: { type: "base64", media_type: "application/pdf", data: dataUrl[2] },
  };
  if (file.filename) document.title = file.filename;
  return document;
}

function assistantBlocks(
  message: Extract<ChatMessage, { role: "assistant" }>,
  position: number,
): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  // Thinking must come back first and unmodified (signature included) for Claude to continue a tool loop.
  for (const thinking of message.thinking_blocks ?? []) {
    blocks.push(
      thinking.type === "thinking"
        ? { type: "thinking", thinking: thinking.thinking, signature: thinking.signature }
        : { type: "redacted_thinking", data: thinking.data },
    );
  }
  const content = message.content;
  if (typeof content === "string") {
    if (content.length > 0) blocks.push({ type: "text", text: content });
  } else if (content) {
    content.forEach((rawPart, partPosition) => {
      const part = readField(
        assistantPartSchema,
        rawPart,
        `messages[${position}].content[${partPosition}]`,
        "a text or refusal content part",
      );
      const text = part.type === "text" ? part.text : part.refusal;
      if (text.length > 0) blocks.push(part.type === "text" ? textBlock(part) : { type: "text", text });
    });
  }
  for (const [callPosition, call] of (message.tool_calls ?? []).entries()) {
    blocks.push({
      type: "tool_use",
      id: call.id,
      name: call.function.name,
      input: toolInput(call.function.arguments, `messages[${position}].tool_calls[${callPosition}]`),
    });
  }
  return blocks;
}

/** OpenAI carries tool arguments as a JSON string; Anthropic wants the object itself. */
function toolInput(argumentsText: string, param: string): Record<string, unknown> {
  if (argumentsText.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentsText);
  } catch {
    throw new GatewayError(
      "invalid_value",
      `${param}.function.arguments must be a JSON object, as Anthropic models take tool input as an object`,
      { param: "messages" },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new GatewayError(
      "invalid_value",
      `${param}.function.arguments must be a JSON object, as Anthropic models take tool input as an object`,
      { param: "messages" },
    );
  }
  return parsed as Record<string, unknown>;
}

function toolResultContent(content: string | TextPart[]): string | AnthropicTextBlock[] {
  if (typeof content === "string") return content;
  return content.filter((part) => part.text.length > 0).map(textBlock);
}
