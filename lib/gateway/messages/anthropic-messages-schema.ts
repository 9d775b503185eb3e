// The public wire format of POST /v1/messages: Anthropic's Messages API request. One parse serves every model,
// including Anthropic models the request is passed to natively, so the schema accepts all that Anthropic accepts:
// objects are loose, and content blocks, sources and tools are open unions (the shapes read here are checked
// strictly; block types and server tools only Anthropic understands pass untouched). What cannot be translated for
// other models is rejected by anthropic-to-openai-request.ts, not here.
import { z } from "zod";
import { validate } from "../schemas/validate";

/** Any object with a `type`, kept as sent: what an open union yields for a type this gateway does not read. */
export interface OtherTypedObject {
  type: string;
  [key: string]: unknown;
}

/**
 * A union over a `type` discriminator that stays open: values of a listed type must match that type's schema
 * (issues keep their paths), values of any other type pass untouched. zod's own unions cannot do this, because a
 * catch-all branch would swallow a malformed known block and hide the real problem. `isKnown` narrows a parsed
 * value to the listed shapes, since TypeScript cannot tell a listed `type` literal from the catch-all's string.
 */
function openUnion<Known extends z.ZodType>(
  knownByType: Record<string, Known>,
  typeOf: (value: { type?: unknown }) => unknown = (value) => value.type,
) {
  const schema = z.looseObject({}).transform((value, context): z.output<Known> | OtherTypedObject => {
    const type = typeOf(value);
    if (typeof type !== "string") {
      context.addIssue({
        code: "invalid_type",
        expected: "string",
        input: type,
        path: ["type"],
        message: `Invalid input: expected string, received ${type === undefined ? "undefined" : typeof type}`,
      });
      return z.NEVER;
    }
    const known = Object.hasOwn(knownByType, type) ? knownByType[type] : undefined;
    if (known === undefined) return { ...value, type };
    const result = known.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) context.addIssue({ ...issue });
    return z.NEVER;
  });
  const isKnown = (value: z.output<Known> | OtherTypedObject): value is z.output<Known> => {
    const type = typeOf(value as { type?: unknown });
    return typeof type === "string" && Object.hasOwn(knownByType, type);
  };
  return { schema, isKnown };
}

export const textBlockSchema = z.looseObject({ type: z.literal("text"), text: z.string() });

const base64SourceSchema = z.looseObject({
  type: z.literal("base64"),
  media_type: z.string().min(1),
  data: z.string().min(1),
});
const urlSourceSchema = z.looseObject({ type: z.literal("url"), url: z.string().min(1) });

export const imageSources = openUnion({ base64: base64SourceSchema, url: urlSourceSchema });

export const imageBlockSchema = z.looseObject({
  type: z.literal("image"),
  // "file" sources (Anthropic's Files API) pass as other types.
  source: imageSources.schema,
});

export const documentContentBlocks = openUnion({ text: textBlockSchema, image: imageBlockSchema });

export const documentSources = openUnion({
  base64: base64SourceSchema,
  url: urlSourceSchema,
  text: z.looseObject({ type: z.literal("text"), media_type: z.string().optional(), data: z.string() }),
  content: z.looseObject({
    type: z.literal("content"),
    content: z.union([z.string(), z.array(documentContentBlocks.schema)]),
  }),
});

export const documentBlockSchema = z.looseObject({
  type: z.literal("document"),
  source: documentSources.schema,
  title: z.string().nullish(),
});

export const toolUseBlockSchema = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});

export const toolResultContentBlocks = openUnion({
  text: textBlockSchema,
  image: imageBlockSchema,
  document: documentBlockSchema,
});

export const toolResultBlockSchema = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(toolResultContentBlocks.schema)]).optional(),
  is_error: z.boolean().optional(),
});

export const thinkingBlockSchema = z.looseObject({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string().optional(),
});
export const redactedThinkingBlockSchema = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });

export const contentBlocks = openUnion({
  text: textBlockSchema,
  image: imageBlockSchema,
  document: documentBlockSchema,
  tool_use: toolUseBlockSchema,
  tool_result: toolResultBlockSchema,
  thinking: thinkingBlockSchema,
  redacted_thinking: redactedThinkingBlockSchema,
});

// "system" is not in Anthropic's published list, but Claude Code puts system messages mid-conversation (with its
// tools on, for models it deems recent): accepted here, and sent or folded per model (system-messages.ts).
export const MESSAGE_ROLES = ["user", "assistant", "system"] as const;

const messageSchema = z.looseObject({
  role: z.enum(MESSAGE_ROLES),
  content: z.union([z.string(), z.array(contentBlocks.schema)]),
});

// A tool without a `type` (or "custom") is one the client runs; any other type is an Anthropic server or built-in tool.
export const customToolSchema = z.looseObject({
  type: z.literal("custom").optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  strict: z.boolean().optional(),
});

export const tools = openUnion({ custom: customToolSchema }, (value) => value.type ?? "custom");

const toolChoiceSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal("tool"),
    name: z.string().min(1),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal("none") }),
]);

// `type` stays a string: besides enabled/disabled, Anthropic adds modes (such as adaptive) that carry no budget.
const thinkingSchema = z
  .looseObject({ type: z.string().min(1), budget_tokens: z.number().int().positive().optional() })
  .refine((thinking) => thinking.type !== "enabled" || thinking.budget_tokens !== undefined, {
    path: ["budget_tokens"],
    message: "required when thinking is enabled",
  });

/** Anthropic's structured output: `output_config.format` is a JSON schema the answer must follow. */
const outputConfigSchema = z.looseObject({
  format: z.looseObject({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()) }).nullish(),
  effort: z.string().nullish(),
});

export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  models: z.array(z.string().min(1)).min(1).max(8).optional(),
  max_tokens: z.number().int().positive(),
  messages: z.array(messageSchema).min(1),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().nonnegative().optional(),
  stream: z.boolean().optional(),
  tools: z.array(tools.schema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  thinking: thinkingSchema.optional(),
  output_config: outputConfigSchema.optional(),
});

export type MessagesRequest = z.output<typeof messagesRequestSchema>;
export type AnthropicInputMessage = MessagesRequest["messages"][number];
export type TextBlock = z.output<typeof textBlockSchema>;
export type ImageBlock = z.output<typeof imageBlockSchema>;
export type DocumentBlock = z.output<typeof documentBlockSchema>;
export type ToolUseBlock = z.output<typeof toolUseBlockSchema>;
export type ToolResultBlock = z.output<typeof toolResultBlockSchema>;
export type CustomTool = z.output<typeof customToolSchema>;
export type ToolChoice = z.output<typeof toolChoiceSchema>;

/** What a client can read in an error's `message` for each validated field, keyed by the field's own name. */
const FIELD_RULES: Record<string, string> = {
  model: "a model id string such as openai/gpt-4o-mini",
  models: "an array of 1 to 8 model id strings",
  max_tokens: "a positive integer",
  messages: "a non-empty array of messages",
  role: "one of user, assistant, system",
  content: "a string or an array of content blocks",
  system: "a string or an array of text blocks",
  stop_sequences: "an array of strings",
  temperature: "a number between 0 and 1",
  top_p: "a number between 0 and 1",
  top_k: "a non-negative integer",
  stream: "a boolean",
  tools: "an array of tools with name and input_schema",
  input_schema: "a JSON schema object",
  tool_choice: "an object whose type is auto, any, tool or none",
  metadata: 'an object such as {"user_id": "…"}',
  thinking: 'an object such as {"type": "enabled", "budget_tokens": 2048}',
  budget_tokens: "a positive integer, required when thinking is enabled",
  output_config: 'an object such as {"format": {"type": "json_schema", "schema": {…}}}',
  format: 'an object such as {"type": "json_schema", "schema": {…}}',
};

/** Validates an Anthropic Messages request; the first problem becomes a 400 whose `param` names the field. */
export function parseMessagesRequest(raw: Record<string, unknown>): MessagesRequest {
  // With a `models` fallback list, `model` may be left out (OpenRouter's convention, as on /v1/chat/completions).
  const fallbackModels = raw.models;
  const body: Record<string, unknown> =
    raw.model === undefined && Array.isArray(fallbackModels) && fallbackModels.length > 0
      ? { ...raw, model: fallbackModels[0] }
      : raw;
  return validate(messagesRequestSchema, body, ["model", "max_tokens", "messages"], FIELD_RULES);
}
