// Google Gemini (generativelanguage v1beta): the OpenAI-shaped request in, Gemini's wire format out, and back.
import type { ProviderAdapter, UpstreamRequest } from "../types";
import { convertGeminiResponse } from "./convert-gemini-response";
import { convertToGeminiRequest } from "./convert-to-gemini-request";
import { buildGeminiEmbeddingsRequest, parseGeminiEmbeddingsResponse } from "./gemini-embeddings";
import { geminiHeaders, geminiMethodUrl } from "./gemini-endpoint";
import { parseGeminiError } from "./gemini-error";
import { createGeminiStreamTranslator } from "./gemini-stream-translator";

export function createGeminiAdapter(): ProviderAdapter {
  return {
    buildChatRequest({ baseUrl, apiKey, upstreamModel, body, stream }): UpstreamRequest {
      return {
        url: geminiMethodUrl(baseUrl, upstreamModel, stream ? "streamGenerateContent" : "generateContent"),
        method: "POST",
        headers: geminiHeaders(apiKey, stream),
        body: JSON.stringify(convertToGeminiRequest(body, upstreamModel)),
      };
    },
    parseChatResponse: convertGeminiResponse,
    createStreamTranslator: createGeminiStreamTranslator,
    parseError: parseGeminiError,
    buildKeyCheckRequest: ({ baseUrl, apiKey }) => ({
      url: `${baseUrl.replace(/\/+$/, "")}/v1beta/models?pageSize=1`,
      method: "GET",
      headers: geminiHeaders(apiKey, false),
    }),
    buildEmbeddingsRequest: buildGeminiEmbeddingsRequest,
    parseEmbeddingsResponse: parseGeminiEmbeddingsResponse,
  };
}
