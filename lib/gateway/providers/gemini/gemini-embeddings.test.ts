import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EmbeddingsRequestInput } from "../types";
import { buildGeminiEmbeddingsRequest, parseGeminiEmbeddingsResponse } from "./gemini-embeddings";

function input(body: EmbeddingsRequestInput["body"]): EmbeddingsRequestInput {
  return {
    baseUrl: "https://generativelanguage.googleapis.com",
    apiKey: "AIzaSy-test",
    upstreamModel: "gemini-embedding-001",
    body,
  };
}

describe("Gemini embeddings", () => {
  it("sends one batchEmbedContents request per input string, with dimensions as outputDimensionality", () => {
    const request = buildGeminiEmbeddingsRequest(input({ input: ["first text", "second text"], dimensions: 768 }));
    expect(request.method).toBe("POST");
    expect(JSON.parse(request.body ?? "{}")).toEqual({
      requests: [
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "first text" }] },
          outputDimensionality: 768,
        },
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "second text" }] },
          outputDimensionality: 768,
        },
      ],
    });
  });

  it("accepts a single string and leaves outputDimensionality out when not asked", () => {
    const request = buildGeminiEmbeddingsRequest(input({ input: "only one" }));
    expect(JSON.parse(request.body ?? "{}")).toEqual({
      requests: [{ model: "models/gemini-embedding-001", content: { parts: [{ text: "only one" }] } }],
    });
  });

  it("returns the vectors in order and estimates tokens at four characters each, rounded up", () => {
    const json: unknown = JSON.parse(
      readFileSync(new URL("./__fixtures__/batch-embed-contents.json", import.meta.url), "utf8"),
    );
    const result = parseGeminiEmbeddingsResponse(json, input({ input: ["first text", "second text!"] }));
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0].slice(0, 2)).toEqual([-0.0089563, 0.0154228]);
    expect(result.embeddings[1].slice(0, 2)).toEqual([0.0203351, -0.0058134]);
    expect(result.promptTokens).toBe(Math.ceil((10 + 12) / 4));
  });

  it("refuses a body without embeddings", () => {
    expect(() => parseGeminiEmbeddingsResponse({ embedding: { values: [1] } }, input({ input: "x" }))).toThrow(
      /BatchEmbedContentsResponse/,
    );
  });
});
