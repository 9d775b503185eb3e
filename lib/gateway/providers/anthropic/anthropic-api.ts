// Anthropic Messages API wire format (POST /v1/messages, anthropic-version 2023-06-01). Response schemas are
// loose on purpose: Anthropic adds block types and usage fields over time, and an unknown field must never fail
// an answer the client is waiting for. Request types are plain interfaces because we build them ourselves.
import { z } from "zod";

export const ANTHROPIC_VERSION = "2023-06-01";

// ---- what we send ----

export interface AnthropicCacheControl {
  type: "ephemeral";
  ttl?: string;
}

export interface AnthropicTextBlock {
  type: "text";
  text: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicImageBlock {
  type: "image";
  source: { type: "url"; url: string } | { type: "base64"; media_type: string; data: string };
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicDocumentBlock {
  type: "document";
  source: { type: "base64"; media_type: "application/pdf"; data: string };
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface AnthropicToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
}

export interface AnthropicThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
}

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

export interface AnthropicMessage {
  role: "user" | "assistant";
  content: AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: "auto" | "any"; disable_parallel_tool_use?: boolean }
  | { type: "tool"; name: string; disable_parallel_tool_use?: boolean }
  | { type: "none" };

export interface AnthropicRequestBody {
  model: string;
  messages: AnthropicMessage[];
  max_tokens: number;
  system?: string | AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  metadata?: { user_id: string };
  thinking?: { type: "enabled"; budget_tokens: number };
  stream?: boolean;
}

// ---- what we receive ----

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens_details: z.looseObject({ thinking_tokens: z.number().nullish() }).nullish(),
});

export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

/** One content block of an answer; one loose shape for every type, so that new block types pass through unread. */
export const anthropicResponseBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  thinking: z.string().optional(),
  signature: z.string().optional(),
  data: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
});

export type AnthropicResponseBlock = z.infer<typeof anthropicResponseBlockSchema>;

export const anthropicResponseSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  model: z.string(),
  content: z.array(anthropicResponseBlockSchema),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema.nullish(),
});

export const anthropicErrorObjectSchema = z.looseObject({ type: z.string(), message: z.string() });

export const anthropicErrorBodySchema = z.looseObject({
  type: z.literal("error"),
  error: anthropicErrorObjectSchema,
});

/**
 * Every streamed event in one loose shape. The SSE `event:` name repeats `data.type`; `data.type` is the one read.
 * message_start carries `message`; content_block_* carry `index` (+ `content_block` or `delta`); message_delta
 * carries `delta.stop_reason` and cumulative `usage`; error carries `error`.
 */
export const anthropicStreamEventSchema = z.looseObject({
  type: z.string(),
  message: z.looseObject({ id: z.string(), model: z.string(), usage: anthropicUsageSchema.nullish() }).optional(),
  index: z.number().optional(),
  content_block: anthropicResponseBlockSchema.optional(),
  delta: z
    .looseObject({
      type: z.string().optional(),
      text: z.string().optional(),
      thinking: z.string().optional(),
      signature: z.string().optional(),
      partial_json: z.string().optional(),
      stop_reason: z.string().nullish(),
    })
    .optional(),
  usage: anthropicUsageSchema.nullish(),
  error: anthropicErrorObjectSchema.optional(),
});

export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
