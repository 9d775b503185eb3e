// The public wire format of POST /v1/completions (OpenAI's legacy text completions). Loose: what the contract
// checks is checked here; every other field is passed on to upstreams that take it.
import { z } from "zod";
import type { Usage } from "./chat";
import { validate } from "./validate";

const tokenIds = z.array(z.number().int().nonnegative());

export const completionRequestSchema = z.looseObject({
  model: z.string().min(1),
  models: z.array(z.string().min(1)).min(1).max(8).optional(),
  prompt: z.union([z.string(), z.array(z.string()).min(1), tokenIds.min(1), z.array(tokenIds.min(1)).min(1)]),
  suffix: z.string().nullable().optional(),
  echo: z.boolean().nullable().optional(),
  logprobs: z.number().int().min(0).max(5).nullable().optional(),
  best_of: z.number().int().min(1).max(20).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: z.number().int().nonnegative().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  user: z.string().optional(),
});

export type CompletionRequestBody = z.infer<typeof completionRequestSchema>;

const FIELD_RULES: Record<string, string> = {
  model: "a model id string such as openai/gpt-3.5-turbo-instruct",
  models: "an array of 1 to 8 model id strings",
  prompt: "a string, an array of strings, or token ids",
  suffix: "a string",
  echo: "a boolean",
  logprobs: "an integer between 0 and 5",
  best_of: "an integer between 1 and 20",
  stream: "a boolean",
  stream_options: 'an object such as {"include_usage": true}',
  max_tokens: "a non-negative integer",
  temperature: "a number between 0 and 2",
  top_p: "a number between 0 and 1",
  n: "an integer between 1 and 128",
  stop: "a string or an array of at most 4 strings",
  presence_penalty: "a number between -2 and 2",
  frequency_penalty: "a number between -2 and 2",
  seed: "an integer",
  user: "a string",
};

export function parseCompletionRequest(raw: Record<string, unknown>): CompletionRequestBody {
  const required =
    Array.isArray(raw.models) && raw.models.length > 0 && raw.model === undefined ? ["prompt"] : ["model", "prompt"];
  const body = required.length === 1 ? { ...raw, model: (raw.models as unknown[])[0] } : raw;
  return validate(completionRequestSchema, body, required, FIELD_RULES);
}

/** How many prompts a request holds: OpenAI answers `n` choices for each. */
export function promptCount(prompt: CompletionRequestBody["prompt"]): number {
  if (typeof prompt === "string") return 1;
  return prompt.length > 0 && typeof prompt[0] === "number" ? 1 : prompt.length;
}

// ---- response shapes (OpenAI's) ----

export interface TextCompletionLogprobs {
  tokens: string[];
  token_logprobs: Array<number | null>;
  top_logprobs: Array<Record<string, number> | null>;
  text_offset: number[];
}

export interface TextCompletionChoice {
  text: string;
  index: number;
  logprobs: TextCompletionLogprobs | null;
  finish_reason: string | null;
}

export interface TextCompletion {
  id: string;
  object: "text_completion";
  created: number;
  model: string;
  choices: TextCompletionChoice[];
  usage?: Usage;
  [key: string]: unknown;
}
