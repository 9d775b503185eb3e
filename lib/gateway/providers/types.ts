// What a provider adapter is: a pure translation between the normalised (OpenAI-shaped) request and the
// upstream wire format. No routing, billing or retries live in an adapter.
import type { ChatCompletion, ChatCompletionChunk, ChatRequestBody } from "../schemas/chat";

export interface UpstreamRequest {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  body?: string;
}

export interface ChatRequestInput {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: ChatRequestBody;
  stream: boolean;
}

/** One server-sent event as parsed from the upstream stream. */
export interface UpstreamEvent {
  event?: string;
  data: string;
}

/** What an adapter makes of one upstream event: chunks to send, the end of the stream, or an upstream error. */
export type StreamStep =
  | { kind: "chunks"; chunks: ChatCompletionChunk[] }
  | { kind: "done" }
  | { kind: "error"; message: string; status?: number };

export interface UpstreamErrorInfo {
  message: string;
  /** The upstream says the key has no quota or credit: take the key out like a 401. */
  quotaExhausted?: boolean;
}

export interface ProviderAdapter {
  buildChatRequest(input: ChatRequestInput): UpstreamRequest;
  parseChatResponse(json: unknown): ChatCompletion;
  /** Returns a fresh per-stream translator (adapters with state across events keep it in the closure). */
  createStreamTranslator(): (event: UpstreamEvent) => StreamStep;
  parseError(status: number, bodyText: string): UpstreamErrorInfo;
  buildEmbeddingsRequest?(input: EmbeddingsRequestInput): UpstreamRequest;
  parseEmbeddingsResponse?(json: unknown, input: EmbeddingsRequestInput): EmbeddingsResult;
  buildImagesRequest?(input: ImagesRequestInput): UpstreamRequest;
  parseImagesResponse?(json: unknown): ImagesResponse;
}

// ---- embeddings (OpenAI shape in and out; an adapter without these methods serves no embeddings) ----

export interface EmbeddingsRequestBody {
  input: string | string[];
  encoding_format?: "float" | "base64";
  dimensions?: number;
  user?: string;
  [key: string]: unknown;
}

export interface EmbeddingsRequestInput {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: EmbeddingsRequestBody;
}

/** Always float vectors: the handler encodes base64 itself when the client asked for it. */
export interface EmbeddingsResult {
  embeddings: number[][];
  promptTokens: number;
}

// ---- image generation (OpenAI shape) ----

export interface ImagesRequestBody {
  prompt: string;
  n?: number;
  size?: string;
  quality?: string;
  response_format?: "url" | "b64_json";
  [key: string]: unknown;
}

export interface ImagesRequestInput {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: ImagesRequestBody;
}

export interface ImagesResponse {
  created: number;
  data: Array<{ url?: string; b64_json?: string; revised_prompt?: string }>;
  [key: string]: unknown;
}
