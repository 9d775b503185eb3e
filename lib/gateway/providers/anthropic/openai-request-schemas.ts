// The parts of an OpenAI chat request this adapter reads, as loose zod schemas. The public schema
// (schemas/chat.ts) validates only what the contract promises; anything Anthropic needs to be well formed is
// checked here, so that a malformed part is the client's 400 and not an upstream 400 on somebody's key.
import { z } from "zod";
import { GatewayError } from "../../errors";

const cacheControlSchema = z.looseObject({ type: z.literal("ephemeral"), ttl: z.string().optional() });

export const textPartSchema = z.looseObject({
  type: z.literal("text"),
  text: z.string(),
  // Not OpenAI's, but the common way OpenAI-shaped clients mark Anthropic prompt-cache breakpoints.
  cache_control: cacheControlSchema.optional(),
});

export const imagePartSchema = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.union([z.string(), z.looseObject({ url: z.string(), detail: z.string().optional() })]),
  cache_control: cacheControlSchema.optional(),
});

export const filePartSchema = z.looseObject({
  type: z.literal("file"),
  file: z.looseObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
  cache_control: cacheControlSchema.optional(),
});

export const refusalPartSchema = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

export const userPartSchema = z.discriminatedUnion("type", [textPartSchema, imagePartSchema, filePartSchema]);
export const assistantPartSchema = z.discriminatedUnion("type", [textPartSchema, refusalPartSchema]);

export type TextPart = z.infer<typeof textPartSchema>;
export type UserPart = z.infer<typeof userPartSchema>;

const toolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

/** Anthropic thinking blocks echoed back by the client (LiteLLM's `thinking_blocks` convention); see convert-anthropic-response.ts. */
const thinkingBlockInputSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() }),
  z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() }),
]);

const looseParts = z.array(z.looseObject({ type: z.string() }));

export const chatMessageSchema = z.discriminatedUnion("role", [
  z.looseObject({ role: z.enum(["system", "developer"]), content: z.union([z.string(), z.array(textPartSchema)]) }),
  z.looseObject({ role: z.literal("user"), content: z.union([z.string(), looseParts]) }),
  z.looseObject({
    role: z.literal("assistant"),
    content: z.union([z.string(), looseParts, z.null()]).optional(),
    tool_calls: z.array(toolCallSchema).nullish(),
    thinking_blocks: z.array(thinkingBlockInputSchema).nullish(),
  }),
  z.looseObject({
    role: z.literal("tool"),
    tool_call_id: z.string().min(1),
    content: z.union([z.string(), z.array(textPartSchema)]),
  }),
]);

export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const functionToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  cache_control: cacheControlSchema.optional(),
});

export const toolChoiceSchema = z.union([
  z.enum(["auto", "required", "none"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string().min(1) }) }),
]);

export type ToolChoice = z.infer<typeof toolChoiceSchema>;

export const responseFormatSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string().optional(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
]);

export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export const reasoningEffortSchema = z.enum(["none", "minimal", "low", "medium", "high"]);

export type ReasoningEffort = z.infer<typeof reasoningEffortSchema>;

/**
 * Parses one request field, or answers the client with a 400 naming where the problem is and what was expected.
 * `where` is a path such as `messages[2].content[0]`; the error's `param` is its top-level field.
 */
export function readField<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: string,
  expected: string,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue && issue.path.length > 0 ? `${where}.${issue.path.join(".")}` : where;
    throw new GatewayError("invalid_value", `Invalid ${at}: expected ${expected}`, { param: where.split(/[.[]/)[0] });
  }
  return result.data;
}
