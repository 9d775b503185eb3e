// The model ids in an upstream's GET /models answer, whichever family's shape it has: OpenAI-compatible and Anthropic
// answer {data: [{id}]}, Gemini answers {models: [{name: "models/…"}]}.
import { z } from "zod";

const dataListing = z.object({ data: z.array(z.object({ id: z.string() }).loose()) });
const modelsListing = z.object({ models: z.array(z.object({ name: z.string() }).loose()) });

/** Sorted, distinct ids; null when the body is not a model list. */
export function upstreamModelIds(json: unknown): string[] | null {
  const data = dataListing.safeParse(json);
  const models = modelsListing.safeParse(json);
  let ids: string[];
  if (data.success) ids = data.data.data.map((model) => model.id);
  else if (models.success) ids = models.data.models.map((model) => model.name.replace(/^models\//, ""));
  else return null;
  return [...new Set(ids)].sort();
}

/** An upstream's answer as the operator may read it: its own words, never the key that was sent. */
export function redactSecret(message: string, secret: string | null): string {
  if (!secret || secret.length < 4) return message;
  return message.split(secret).join(`…${secret.slice(-4)}`);
}
