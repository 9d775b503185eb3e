// The public wire format of POST /v1/chat/completions. Loose objects: every parameter the client sends is
// passed on upstream; only what the contract validates is checked here.
import { z } from "zod";

export const MESSAGE_ROLES = ["system", "developer", "user", "assistant", "tool"] as const;

const contentPart = z.looseObject({ type: z.string() });

const message = z.looseObject({
  role: z.enum(MESSAGE_ROLES),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  models: z.array(z.string().min(1)).min(1).max(8).optional(),
  messages: z.array(message).min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  user: z.string().optional(),
});

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/** What the contract promises a client can read in an error's `message` for each validated field. */
export const FIELD_RULES: Record<string, string> = {
  model: "a model id string such as openai/gpt-4o-mini",
  models: "an array of 1 to 8 model id strings",
  messages: "a non-empty array of messages",
  role: "one of system, developer, user, assistant, tool",
  content: "a string, an array of content parts, or null",
  stream: "a boolean",
  stream_options: 'an object such as {"include_usage": true}',
  temperature: "a number between 0 and 2",
  top_p: "a number between 0 and 1",
  max_tokens: "a positive integer",
  max_completion_tokens: "a positive integer",
  n: "an integer between 1 and 128",
  stop: "a string or an array of at most 4 strings",
  presence_penalty: "a number between -2 and 2",
  frequency_penalty: "a number between -2 and 2",
  seed: "an integer",
  tools: "an array of tool objects",
  user: "a string",
};

// ---- response shapes (OpenAI's), loose where upstreams add fields ----

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; [key: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown };
  cost?: number;
  [key: string]: unknown;
}

/** A choice's log probabilities; OpenAI's schema requires the field on every choice, null when not asked for. */
export interface ChoiceLogprobs {
  content: unknown[] | null;
  refusal: unknown[] | null;
  [key: string]: unknown;
}

/** OpenAI's schema requires `refusal` beside `content`; upstreams add their own fields (reasoning_content, …). */
export type ChatCompletionMessage = {
  role: "assistant";
  content: string | null;
  refusal: string | null;
} & Record<string, unknown>;

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  logprobs: ChoiceLogprobs | null;
  finish_reason: string | null;
  [key: string]: unknown;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: Usage;
  [key: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: Record<string, unknown>;
    finish_reason: string | null;
    [key: string]: unknown;
  }>;
  usage?: Usage | null;
  [key: string]: unknown;
}
