// The public wire format of POST /v1/embeddings.
import { z } from "zod";

export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

export const EMBEDDINGS_FIELD_RULES: Record<string, string> = {
  model: "an embedding model id such as openai/text-embedding-3-small",
  input: "a non-empty string or an array of 1 to 2048 non-empty strings",
  encoding_format: '"float" or "base64"',
  dimensions: "a positive integer",
  user: "a string",
};
