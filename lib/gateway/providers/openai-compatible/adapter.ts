// OpenAI and every vendor that speaks its Chat Completions wire format: a request needs little more than the
// upstream model name, the key and (for streams) a request for usage.
import type { ChatCompletionChunk } from "../../schemas/chat";
import type { EmbeddingsResult, ImagesResponse, ProviderAdapter, StreamStep, UpstreamErrorInfo, UpstreamRequest } from "../types";
import { fillRequiredFields } from "./fill-required-fields";

function jsonRequest(url: string, apiKey: string | null, body: unknown): UpstreamRequest {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return { url, method: "POST", headers, body: JSON.stringify(body) };
}

/** Fields of ours that mean nothing upstream. */
const GATEWAY_FIELDS = new Set(["models"]);

export interface OpenAICompatibleOptions {
  /** The upstream accepts `stream_options`; when false it is left out (those vendors send usage anyway). */
  streamOptions: boolean;
}

export function createOpenAICompatibleAdapter(options: OpenAICompatibleOptions): ProviderAdapter {
  return {
    buildChatRequest({ baseUrl, apiKey, upstreamModel, body, stream }) {
      const upstreamBody: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(body)) {
        if (!GATEWAY_FIELDS.has(key) && key !== "stream_options" && key !== "stream") upstreamBody[key] = value;
      }
      upstreamBody.model = upstreamModel;
      if (stream) {
        upstreamBody.stream = true;
        // Usage is always asked for, so that every stream is metered whether the client asked or not.
        if (options.streamOptions) upstreamBody.stream_options = { ...(body.stream_options ?? {}), include_usage: true };
      }
      const request = jsonRequest(`${baseUrl}/chat/completions`, apiKey, upstreamBody);
      if (stream) request.headers.accept = "text/event-stream";
      return request;
    },

    parseChatResponse(json) {
      return fillRequiredFields(json);
    },

    createStreamTranslator() {
      return (event): StreamStep => {
        const data = event.data.trim();
        if (data === "[DONE]") return { kind: "done" };
        if (!data) return { kind: "chunks", chunks: [] };
        const parsed = JSON.parse(data) as ChatCompletionChunk & { error?: { message?: string; code?: number | string } };
        // Some vendors report a failure mid-stream as an event carrying an error object.
        if (parsed.error) return { kind: "error", message: parsed.error.message ?? "upstream stream error" };
        return { kind: "chunks", chunks: [parsed] };
      };
    },

    buildEmbeddingsRequest({ baseUrl, apiKey, upstreamModel, body }) {
      // Floats upstream whatever the client asked: the gateway encodes base64 itself, the same for every provider.
      return jsonRequest(`${baseUrl}/embeddings`, apiKey, { ...body, model: upstreamModel, encoding_format: "float" });
    },

    parseEmbeddingsResponse(json): EmbeddingsResult {
      const response = json as { data?: Array<{ index?: number; embedding?: unknown }>; usage?: { prompt_tokens?: number } };
      const data = [...(response.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      if (data.some((item) => !Array.isArray(item.embedding))) throw new Error("the upstream answered embeddings without float vectors");
      return { embeddings: data.map((item) => item.embedding as number[]), promptTokens: response.usage?.prompt_tokens ?? 0 };
    },

    buildImagesRequest({ baseUrl, apiKey, upstreamModel, body }) {
      return jsonRequest(`${baseUrl}/images/generations`, apiKey, { ...body, model: upstreamModel });
    },

    parseImagesResponse(json): ImagesResponse {
      const response = json as ImagesResponse;
      if (!Array.isArray(response.data)) throw new Error("the upstream answered an image request without data");
      return response;
    },

    parseError(status, bodyText): UpstreamErrorInfo {
      let message = bodyText.slice(0, 500);
      let code = "";
      try {
        const parsed = JSON.parse(bodyText) as { error?: { message?: string; code?: string; type?: string } | string; message?: string };
        if (typeof parsed.error === "string") message = parsed.error;
        else if (parsed.error?.message) message = parsed.error.message;
        else if (parsed.message) message = parsed.message;
        code = typeof parsed.error === "object" ? `${parsed.error.code ?? ""} ${parsed.error.type ?? ""}` : "";
      } catch {
        // not JSON: keep the text
      }
      return { message: message || `HTTP ${status}`, quotaExhausted: /insufficient_quota|insufficient.balance|quota/i.test(code + " " + message) && status !== 400 };
    },
  };
}
