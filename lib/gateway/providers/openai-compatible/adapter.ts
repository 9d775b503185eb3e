// OpenAI and every vendor that speaks its Chat Completions wire format: a request needs little more than the
// upstream model name, the key and (for streams) a request for usage.
import type { ChatCompletionChunk } from "../../schemas/chat";
import type { EmbeddingsResult, ImagesResponse, ProviderAdapter, StreamStep, UpstreamRequest } from "../types";
import { encodeMultipart } from "../../audio/multipart-body";
import {
  OPENAI_CHAT_PARAMS,
  OPENAI_COMPLETION_PARAMS,
  paramPolicy,
  splitParams,
  type ExtraParams,
} from "../upstream-params";
import { fillRequiredFields } from "./fill-required-fields";
import { parseOpenAICompatibleError } from "./openai-compatible-error";

function jsonRequest(url: string, apiKey: string | null, body: unknown): UpstreamRequest {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return { url, method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

export interface OpenAICompatibleOptions {
  /** The upstream accepts `stream_options`; when false it is left out (those vendors send usage anyway). */
  streamOptions: boolean;
  /** What the upstream takes beyond OpenAI's parameters: "any" for servers that accept extra ones (vLLM, Ollama). */
  extraParams: ExtraParams;
}

export function createOpenAICompatibleAdapter(options: OpenAICompatibleOptions): ProviderAdapter {
  const chatParams = paramPolicy(OPENAI_CHAT_PARAMS, options.extraParams);
  const completionParams = paramPolicy(OPENAI_COMPLETION_PARAMS, options.extraParams);

  /** The body as the upstream takes it: its fields only, its model name, and usage asked for on streams. */
  const upstreamRequest = (
    path: string,
    target: { baseUrl: string; apiKey: string | null; upstreamModel: string; stream: boolean },
    body: Record<string, unknown>,
    params: typeof chatParams,
  ): UpstreamRequest => {
    const { kept: upstreamBody } = splitParams(body, params);
    delete upstreamBody.stream;
    delete upstreamBody.stream_options;
    upstreamBody.model = target.upstreamModel;
    if (target.stream) {
      upstreamBody.stream = true;
      // Usage is always asked for, so that every stream is metered whether the client asked or not.
      if (options.streamOptions) {
        const asked =
          typeof body.stream_options === "object" && body.stream_options !== null ? body.stream_options : {};
        upstreamBody.stream_options = { ...asked, include_usage: true };
      }
    }
    const request = jsonRequest(`${target.baseUrl}${path}`, target.apiKey, upstreamBody);
    if (target.stream) request.headers.accept = "text/event-stream";
    return request;
  };

  return {
    chatParams,
    completionParams,
    buildChatRequest: ({ body, ...target }) => upstreamRequest("/chat/completions", target, body, chatParams),
    buildCompletionsRequest: ({ body, ...target }) => upstreamRequest("/completions", target, body, completionParams),

    parseChatResponse(json) {
      return fillRequiredFields(json);
    },

    createStreamTranslator() {
      return (event): StreamStep => {
        const data = event.data.trim();
        if (data === "[DONE]") return { kind: "done" };
        if (!data) return { kind: "chunks", chunks: [] };
        const parsed = JSON.parse(data) as ChatCompletionChunk & {
          error?: { message?: string; code?: number | string };
        };
        // Some vendors report a failure mid-stream as an event carrying an error object.
        if (parsed.error) return { kind: "error", message: parsed.error.message ?? "upstream stream error" };
        return { kind: "chunks", chunks: [parsed], verbatim: data };
      };
    },

    buildEmbeddingsRequest({ baseUrl, apiKey, upstreamModel, body }) {
      // Floats upstream whatever the client asked: the gateway encodes base64 itself, the same for every provider.
      return jsonRequest(`${baseUrl}/embeddings`, apiKey, { ...body, model: upstreamModel, encoding_format: "float" });
    },

    parseEmbeddingsResponse(json): EmbeddingsResult {
      const response = json as {
        data?: Array<{ index?: number; embedding?: unknown }>;
        usage?: { prompt_tokens?: number };
      };
      const data = [...(response.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      if (data.some((item) => !Array.isArray(item.embedding)))
        throw new Error("the upstream answered embeddings without float vectors");
      return {
        embeddings: data.map((item) => item.embedding as number[]),
        promptTokens: response.usage?.prompt_tokens ?? 0,
      };
    },

    buildImagesRequest({ baseUrl, apiKey, upstreamModel, body }) {
      return jsonRequest(`${baseUrl}/images/generations`, apiKey, { ...body, model: upstreamModel });
    },

    parseImagesResponse(json): ImagesResponse {
      const response = json as ImagesResponse;
      if (!Array.isArray(response.data)) throw new Error("the upstream answered an image request without data");
      return response;
    },

    buildSpeechRequest({ baseUrl, apiKey, upstreamModel, body }) {
      const request = jsonRequest(`${baseUrl}/audio/speech`, apiKey, { ...body, model: upstreamModel });
      request.headers.accept = body.stream_format === "sse" ? "text/event-stream" : "*/*";
      return request;
    },

    buildTranscriptionRequest({ baseUrl, apiKey, upstreamModel, fields, file }) {
      const multipart = encodeMultipart([["model", upstreamModel], ...fields], { name: "file", upload: file });
      const headers: Record<string, string> = { accept: "*/*", "content-type": multipart.contentType };
      if (apiKey) headers.authorization = `Bearer ${apiKey}`;
      return { url: `${baseUrl}/audio/transcriptions`, method: "POST", headers, bytes: multipart.body };
    },

    parseError: parseOpenAICompatibleError,

    buildKeyCheckRequest: ({ baseUrl, apiKey }) => ({
      ...jsonRequest(`${baseUrl}/models`, apiKey, undefined),
      method: "GET",
    }),
  };
}
