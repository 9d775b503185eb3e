// What a provider adapter is: a pure translation between the normalised (OpenAI-shaped) request and the
// upstream wire format. No routing, billing or retries live in an adapter.
import type { ChatCompletion, ChatCompletionChunk, ChatRequestBody } from "../schemas/chat";
import type { ParamPolicy } from "./upstream-params";

export interface UpstreamRequest {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  body?: string;
  /** Sent instead of `body` when the upstream takes bytes (a multipart upload). */
  bytes?: Uint8Array;
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
  | {
      kind: "chunks";
      chunks: ChatCompletionChunk[];
      /** The upstream's own JSON text of the one chunk, when the step is that chunk as sent (OpenAI-compatible). */
      verbatim?: string;
    }
  | { kind: "done" }
  | { kind: "error"; message: string; status?: number };

/**
 * What an upstream's refusal says about the key that sent it. Read from the error's structured fields (code, type,
 * reason), never from text a request could have put in the message: one customer's request must not be able to
 * take a key out of service for everyone.
 * - "key_invalid": the key is unknown, revoked, expired or blocked;
 * - "key_exhausted": the key's account is out of quota, credit or billing.
 */
export type KeyVerdict = "key_invalid" | "key_exhausted";

export interface UpstreamErrorInfo {
  message: string;
  keyVerdict?: KeyVerdict;
  /** The refusal is the request's own doing whatever its status (a 429 for a request larger than a per-minute token
   * limit, say): returned to the client, never retried, never held against the key. */
  causedByRequest?: boolean;
}

export interface ProviderAdapter {
  /** Which chat request fields reach the upstream; the client's others are dropped (and named to it). */
  chatParams: ParamPolicy;
  buildChatRequest(input: ChatRequestInput): UpstreamRequest;
  parseChatResponse(json: unknown): ChatCompletion;
  /** Returns a fresh per-stream translator (adapters with state across events keep it in the closure). */
  createStreamTranslator(): (event: UpstreamEvent) => StreamStep;
  parseError(status: number, bodyText: string): UpstreamErrorInfo;
  /** The cheapest authenticated call the upstream serves (listing its models): whether a key is accepted at all. */
  buildKeyCheckRequest(target: { baseUrl: string; apiKey: string | null }): UpstreamRequest;
  buildEmbeddingsRequest?(input: EmbeddingsRequestInput): UpstreamRequest;
  parseEmbeddingsResponse?(json: unknown, input: EmbeddingsRequestInput): EmbeddingsResult;
  buildImagesRequest?(input: ImagesRequestInput): UpstreamRequest;
  /** Legacy text completions sent as they are (OpenAI-compatible upstreams); the others are served through chat. */
  completionParams?: ParamPolicy;
  buildCompletionsRequest?(input: CompletionsRequestInput): UpstreamRequest;
  parseImagesResponse?(json: unknown): ImagesResponse;
  /** POST /v1/audio/speech: the answer is audio bytes (or audio events), relayed as they come. */
  buildSpeechRequest?(input: SpeechRequestInput): UpstreamRequest;
  /** POST /v1/audio/transcriptions: a multipart upload; the answer is relayed in the format the client asked. */
  buildTranscriptionRequest?(input: TranscriptionRequestInput): UpstreamRequest;
}

export interface CompletionsRequestInput {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: Record<string, unknown>;
  stream: boolean;
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

// ---- audio (OpenAI shape) ----

export interface SpeechRequestBody {
  input: string;
  voice?: unknown;
  response_format?: string;
  speed?: number;
  instructions?: string;
  stream_format?: "audio" | "sse";
  [key: string]: unknown;
}

export interface SpeechRequestInput {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: SpeechRequestBody;
}

export interface AudioUpload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface TranscriptionRequestInput {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  /** The client's form fields in their order (repeated names such as `include[]` kept), `model` left out. */
  fields: Array<[string, string]>;
  file: AudioUpload;
}
