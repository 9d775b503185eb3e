// Google Gemini (generativelanguage v1beta): the OpenAI-shaped request in, Gemini's wire format out, and back.
import type { ProviderAdapter, UpstreamRequest } from "../types";
import { convertGeminiResponse } from "./convert-gemini-response";
import { convertToGeminiRequest } from "./convert-to-gemini-request";
import { buildGeminiEmbeddingsRequest, parseGeminiEmbeddingsResponse } from "./gemini-embeddings";
import { geminiHeaders, geminiMethodUrl } from "./gemini-endpoint";
import { parseGeminiError } from "./gemini-error";
import { createGeminiStreamTranslator } from "./gemini-stream-translator";
import { paramPolicy } from "../upstream-params";

/** The chat request fields convertToGeminiRequest reads; the others have no Gemini counterpart. */
const GEMINI_CHAT_PARAMS = new Set([
  "model",
  "messages",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "top_k",
  "stop",
  "n",
  "seed",
  "presence_penalty",
  "frequency_penalty",
  "tools",
  "tool_choice",
  "response_format",
  "reasoning_effort",
  "stream",
  "stream_options",
]);

export function createGeminiAdapter(): ProviderAdapter {
  return {
    chatParams: paramPolicy(GEMINI_CHAT_PARAMS, []),
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
