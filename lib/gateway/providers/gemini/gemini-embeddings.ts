// OpenAI embeddings ↔ Gemini batchEmbedContents: one Gemini request per input string, vectors back in order.
import type { EmbeddingsRequestInput, EmbeddingsResult, UpstreamRequest } from "../types";
import { geminiBatchEmbedContentsResponseSchema, type GeminiBatchEmbedContentsRequest } from "./gemini-api";
import { geminiHeaders, geminiMethodUrl, geminiModelResource } from "./gemini-endpoint";

function inputsOf(input: EmbeddingsRequestInput): string[] {
  return typeof input.body.input === "string" ? [input.body.input] : input.body.input;
}

export function buildGeminiEmbeddingsRequest(input: EmbeddingsRequestInput): UpstreamRequest {
  const model = geminiModelResource(input.upstreamModel);
  const dimensions = input.body.dimensions;
  const body: GeminiBatchEmbedContentsRequest = {
    requests: inputsOf(input).map((text) => ({
      model,
      content: { parts: [{ text }] },
      // OpenAI's `dimensions` is Gemini's outputDimensionality (Matryoshka truncation on Google's side).
      ...(typeof dimensions === "number" ? { outputDimensionality: dimensions } : {}),
    })),
  };
  return {
    url: geminiMethodUrl(input.baseUrl, input.upstreamModel, "batchEmbedContents"),
    method: "POST",
    headers: geminiHeaders(input.apiKey, false),
    body: JSON.stringify(body),
  };
}

/**
 * Gemini reports no token count for embeddings, yet every request is metered, so the prompt tokens are estimated at
 * one token per four characters of input, the usual figure for English text, rounded up.
 */
export function parseGeminiEmbeddingsResponse(json: unknown, input: EmbeddingsRequestInput): EmbeddingsResult {
  const parsed = geminiBatchEmbedContentsResponseSchema.safeParse(json);
  if (!parsed.success) throw new Error("Gemini answered with a body that is not a BatchEmbedContentsResponse");
  const characters = inputsOf(input).reduce((total, text) => total + text.length, 0);
  return {
    embeddings: parsed.data.embeddings.map((embedding) => embedding.values),
    promptTokens: Math.ceil(characters / 4),
  };
}
