// The public wire format of POST /v1/images/generations.
import { z } from "zod";

export const imagesRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  prompt: z.string().min(1).max(32_000),
  n: z.number().int().min(1).max(10).optional(),
  size: z
    .string()
    .regex(/^(\d+x\d+|auto)$/)
    .optional(),
  quality: z.string().min(1).optional(),
  response_format: z.enum(["url", "b64_json"]).optional(),
  user: z.string().optional(),
});

export type ImagesRequest = z.infer<typeof imagesRequestSchema>;

export const IMAGES_FIELD_RULES: Record<string, string> = {
  model: "an image model id such as openai/dall-e-3",
  prompt: "a non-empty string",
  n: "an integer between 1 and 10",
  size: "WIDTHxHEIGHT such as 1024x1024",
  quality: "a quality the model offers, such as standard or hd",
  response_format: '"url" or "b64_json"',
  user: "a string",
};

/** Without a model, the one OpenAI's API documents as its current default for this endpoint in our catalog. */
export const DEFAULT_IMAGE_MODEL = "openai/dall-e-3";

/**
 * The `usage` of an image response as OpenAI's schema requires it (ImageGenUsage): only upstreams that count tokens
 * (gpt-image-1) report it; DALL·E reports none.
 */
export const imageUsageSchema = z.looseObject({
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  total_tokens: z.number().int(),
  input_tokens_details: z.looseObject({ text_tokens: z.number().int(), image_tokens: z.number().int() }),
});
