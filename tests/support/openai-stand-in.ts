// A local stand-in of the OpenAI API on node:http, speaking the real wire format, so the gateway can be
// driven end to end without the internet. It records every request it receives and can be scripted to
// fail in the ways real upstreams do (error statuses, slow first byte, streams cut midway, resets).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  answerControl,
  cutStream,
  flatHeaders,
  parseRecordedBody,
  playConnectionFaults,
  randomId,
  readBodyBytes,
  resetSocket,
  sendJsonBody,
  sleep,
  watchForHangUp,
  connectionNumbering,
  writeFrame,
} from "./stand-in-http";
import { isObject, sampleForSchema, type JsonObject } from "./stand-in-json";
import { answerSpeech, answerTranscription, readUpload } from "./openai-audio-stand-in";
import { answerResponses } from "./openai-responses-stand-in";

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. "/v1/chat/completions". */
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON, or null when empty. */
  body: unknown;
  receivedAt: number;
  /** True once the connection closed before this response was complete: the caller hung up (or a scripted cut). */
  closedByCaller: boolean;
  /** Which of the stand-in's connections it came on (numbered as they open): equal numbers, a reused connection. */
  connection: number;
}

export interface UsageOverride {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  cached_tokens?: number;
  reasoning_tokens?: number;
}

/** One scripted behaviour, used by the next POST the stand-in receives (first in, first out). */
export interface ScriptedReply {
  /** Answer with this status (and `body`, `headers`) instead of a normal completion. */
  status?: number;
  /** Body of a scripted status; an object is sent as JSON. Defaults to an OpenAI error body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before sending the status line and headers. */
  delayFirstByteMs?: number;
  /** Streams: destroy the socket after this many `data:` frames. Non-stream: after the headers. */
  cutAfterChunks?: number;
  /** Reset the TCP connection without answering. */
  resetConnection?: boolean;
  /** Replace fields of the reported usage. */
  usage?: UsageOverride;
  /** Replace the generated assistant text. */
  content?: string;
  /** Streams: pause between frames. */
  chunkIntervalMs?: number;
  /** Streams: after this many frames, send nothing more and keep the connection open (a hung upstream). */
  stallAfterChunks?: number;
  /** Streams: send each frame in two writes split inside a multi-byte character when there is one. */
  splitFrameBytes?: boolean;
  /** Streams: send `data: [DONE]`, and end the body only this many ms later (or when the caller hangs up first). */
  endAfterDoneMs?: number;
  /**
   * Answer with a call of this function (chat and Responses alike), whatever the request forces: how a model decides
   * to use a client's tool.
   */
  toolCall?: { name: string; arguments: string };
}

export interface OpenAIStandIn {
  /** Origin, e.g. "http://127.0.0.1:41234" (the OpenAI base URL is `${url}/v1`). */
  url: string;
  requests: RecordedRequest[];
  enqueue: (reply: ScriptedReply) => void;
  reset: () => void;
  close: () => Promise<void>;
}

interface ChatMessage {
  role?: unknown;
  content?: unknown;
}

interface FunctionTool {
  type?: unknown;
  function?: { name?: unknown; parameters?: unknown };
}

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

const echoLimitCodePoints = 2000;
const contentPieceCodePoints = 4;
const argumentPieceCharacters = 6;

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function textOfContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (isObject(part) && typeof part.text === "string" ? part.text : "")).join("");
  }
  return "";
}

function lastUserText(messages: ChatMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index].role === "user") return textOfContent(messages[index].content);
  }
  return "";
}

function splitCodePoints(text: string, size: number): string[] {
  const codePoints = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < codePoints.length; start += size) {
    pieces.push(codePoints.slice(start, start + size).join(""));
  }
  return pieces.length > 0 ? pieces : [""];
}

function splitCharacters(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces.length > 0 ? pieces : [""];
}

/** The tool the request forces, if any: tool_choice "required" (first tool) or a named function. */
function forcedTool(body: JsonObject): FunctionTool | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as FunctionTool[]) : [];
  if (tools.length === 0) return undefined;
  const choice = body.tool_choice;
  if (choice === "required") return tools[0];
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === "string") {
    const wanted = choice.function.name;
    return tools.find((tool) => tool.function?.name === wanted);
  }
  return undefined;
}

function maxOutputTokens(body: JsonObject): number | undefined {
  const limit = body.max_completion_tokens ?? body.max_tokens;
  return typeof limit === "number" && limit > 0 ? limit : undefined;
}

function buildUsage(promptTokens: number, completionTokens: number, override: UsageOverride | undefined): Usage {
  const prompt = override?.prompt_tokens ?? promptTokens;
  const completion = override?.completion_tokens ?? completionTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: override?.total_tokens ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: override?.cached_tokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: override?.reasoning_tokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function openAIError(message: string, type: string, code: string | null, param: string | null): JsonObject {
  return { error: { message, type, param, code } };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonBody(response, status, body, { "x-request-id": randomId("req_"), ...headers });
}

interface CompletionPlan {
  id: string;
  created: number;
  model: string;
  choiceCount: number;
  content: string | null;
  toolCall: ToolCall | undefined;
  finishReason: "stop" | "length" | "tool_calls";
  usage: Usage;
}

function planCompletion(body: JsonObject, reply: ScriptedReply | undefined): CompletionPlan {
  const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
  const userText = Array.from(lastUserText(messages)).slice(0, echoLimitCodePoints).join("");
  const promptText = messages.map((message) => textOfContent(message.content)).join("\n");
  const promptTokens = estimateTokens(promptText) + messages.length * 3;
  const tool = forcedTool(body);
  const choiceCount = typeof body.n === "number" && body.n > 1 ? body.n : 1;

  if (reply?.toolCall !== undefined) {
    const call = reply.toolCall;
    return {
      id: randomId("chatcmpl-"),
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === "string" ? body.model : "unknown",
      choiceCount,
      content: null,
      toolCall: { id: randomId("call_"), name: call.name, arguments: call.arguments },
      finishReason: "tool_calls",
      usage: buildUsage(promptTokens, estimateTokens(call.arguments), reply.usage),
    };
  }
  if (tool !== undefined && reply?.content === undefined) {
    const name = typeof tool.function?.name === "string" ? tool.function.name : "tool";
    const argumentsText = JSON.stringify(
      sampleForSchema(tool.function?.parameters ?? { type: "object" }, userText, "all"),
    );
    return {
      id: randomId("chatcmpl-"),
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === "string" ? body.model : "unknown",
      choiceCount,
      content: null,
      toolCall: { id: randomId("call_"), name, arguments: argumentsText },
      finishReason: "tool_calls",
      usage: buildUsage(promptTokens, estimateTokens(argumentsText) * choiceCount, reply?.usage),
    };
  }

  let content: string;
  const responseFormat = isObject(body.response_format) ? body.response_format : undefined;
  if (reply?.content !== undefined) content = reply.content;
  else if (responseFormat?.type === "json_object") content = JSON.stringify({ echo: userText, ok: true });
  else if (responseFormat?.type === "json_schema" && isObject(responseFormat.json_schema)) {
    content = JSON.stringify(sampleForSchema(responseFormat.json_schema.schema, userText, "all"));
  } else content = `You said: ${userText}`;

  let finishReason: CompletionPlan["finishReason"] = "stop";
  const limit = maxOutputTokens(body);
  if (limit !== undefined && estimateTokens(content) > limit && reply?.content === undefined) {
    content = Array.from(content)
      .slice(0, limit * 4)
      .join("");
    finishReason = "length";
  }
  return {
    id: randomId("chatcmpl-"),
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === "string" ? body.model : "unknown",
    choiceCount,
    content,
    toolCall: undefined,
    finishReason,
    usage: buildUsage(promptTokens, estimateTokens(content) * choiceCount, reply?.usage),
  };
}

function completionObject(plan: CompletionPlan): JsonObject {
  const choices = Array.from({ length: plan.choiceCount }, (_, index) => ({
    index,
    message: {
      role: "assistant",
      content: plan.content,
      refusal: null,
      annotations: [],
      ...(plan.toolCall
        ? {
            tool_calls: [
              {
                id: plan.toolCall.id,
                type: "function",
                function: { name: plan.toolCall.name, arguments: plan.toolCall.arguments },
              },
            ],
          }
        : {}),
    },
    logprobs: null,
    finish_reason: plan.finishReason,
  }));
  return {
    id: plan.id,
    object: "chat.completion",
    created: plan.created,
    model: plan.model,
    choices,
    usage: plan.usage,
    service_tier: "default",
    system_fingerprint: "fp_standin",
  };
}

/** The `chat.completion.chunk` frames of a streamed answer, before the usage chunk and [DONE]. */
function streamChunks(plan: CompletionPlan, includeUsage: boolean): JsonObject[] {
  const base = (choices: JsonObject[]): JsonObject => ({
    id: plan.id,
    object: "chat.completion.chunk",
    created: plan.created,
    model: plan.model,
    service_tier: "default",
    system_fingerprint: "fp_standin",
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: JsonObject[] = [];
  for (let index = 0; index < plan.choiceCount; index += 1) {
    const choice = (delta: JsonObject, finishReason: string | null = null): JsonObject => ({
      index,
      delta,
      logprobs: null,
      finish_reason: finishReason,
    });
    if (plan.toolCall) {
      const call = plan.toolCall;
      chunks.push(
        base([
          choice({
            role: "assistant",
            content: null,
            tool_calls: [{ index: 0, id: call.id, type: "function", function: { name: call.name, arguments: "" } }],
            refusal: null,
          }),
        ]),
      );
      for (const piece of splitCharacters(call.arguments, argumentPieceCharacters)) {
        chunks.push(base([choice({ tool_calls: [{ index: 0, function: { arguments: piece } }] })]));
      }
    } else {
      chunks.push(base([choice({ role: "assistant", content: "", refusal: null })]));
      for (const piece of splitCodePoints(plan.content ?? "", contentPieceCodePoints)) {
        chunks.push(base([choice({ content: piece })]));
      }
    }
    chunks.push(base([choice({}, plan.finishReason)]));
  }
  if (includeUsage) chunks.push({ ...base([]), usage: plan.usage });
  return chunks;
}

function embeddingVector(text: string, index: number, dimensions: number): number[] {
  const vector: number[] = [];
  let seed = index + 1;
  for (const character of text) seed = (seed * 31 + (character.codePointAt(0) ?? 0)) % 1_000_003;
  for (let position = 0; position < dimensions; position += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    vector.push(Math.fround((seed / 2147483648) * 2 - 1));
  }
  return vector;
}

function float32Base64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  for (const [position, value] of vector.entries()) buffer.writeFloatLE(value, position * 4);
  return buffer.toString("base64");
}

/** Output tokens of one square gpt-image-1 image by quality (OpenAI's pricing page); other sizes take 1.5×. */
const imageOutputTokens: Record<string, number> = { low: 272, medium: 1056, high: 4160 };

/** What gpt-image models add to an image response (DALL·E adds none of it): token usage and what was made. */
function imageTokenFields(body: JsonObject, count: number): JsonObject {
  const quality = typeof body.quality === "string" && body.quality in imageOutputTokens ? body.quality : "medium";
  const size = typeof body.size === "string" && body.size !== "auto" ? body.size : "1024x1024";
  const perImage = Math.round(imageOutputTokens[quality] * (size === "1024x1024" ? 1 : 1.5));
  const inputTokens = estimateTokens(String(body.prompt));
  return {
    background: "opaque",
    output_format: "png",
    quality,
    size,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { text_tokens: inputTokens, image_tokens: 0 },
      output_tokens: perImage * count,
      total_tokens: inputTokens + perImage * count,
    },
  };
}

/** What OpenAI's Chat Completions take (and Zhipu's extras, served here too); anything else is refused, as OpenAI does. */
const chatArguments = new Set([
  "messages",
  "model",
  "audio",
  "frequency_penalty",
  "function_call",
  "functions",
  "logit_bias",
  "logprobs",
  "max_completion_tokens",
  "max_tokens",
  "metadata",
  "modalities",
  "n",
  "parallel_tool_calls",
  "prediction",
  "presence_penalty",
  "prompt_cache_key",
  "prompt_cache_retention",
  "reasoning_effort",
  "response_format",
  "safety_identifier",
  "seed",
  "service_tier",
  "stop",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "tool_choice",
  "tools",
  "top_logprobs",
  "top_p",
  "user",
  "verbosity",
  "web_search_options",
  "do_sample",
  "request_id",
  "thinking",
  "tool_stream",
]);

const completionArguments = new Set([
  "model",
  "prompt",
  "best_of",
  "echo",
  "frequency_penalty",
  "logit_bias",
  "logprobs",
  "max_tokens",
  "n",
  "presence_penalty",
  "seed",
  "stop",
  "stream",
  "stream_options",
  "suffix",
  "temperature",
  "top_p",
  "user",
]);

/** OpenAI's 400 for a field it does not know. */
function unrecognizedArgument(body: JsonObject, known: Set<string>): JsonObject | undefined {
  const unknown = Object.keys(body).find((field) => !known.has(field));
  if (unknown === undefined) return undefined;
  return openAIError(`Unrecognized request argument supplied: ${unknown}`, "invalid_request_error", null, null);
}

/** Legacy completions: only instruct and base models serve them (a chat model answers 404, as on OpenAI). */
function servesCompletions(model: unknown): boolean {
  return typeof model === "string" && /instruct|davinci|babbage/.test(model);
}

/** One choice of a text completion: "You said: <prompt>" (limited by max_tokens, default 16), echo and logprobs. */
function textChoice(body: JsonObject, prompt: string, index: number) {
  const limit = typeof body.max_tokens === "number" ? body.max_tokens : 16;
  let text = `You said: ${prompt}`;
  let finishReason = "stop";
  if (estimateTokens(text) > limit) {
    text = Array.from(text)
      .slice(0, limit * 4)
      .join("");
    finishReason = "length";
  }
  if (typeof body.suffix === "string") text += ` [before ${body.suffix}]`;
  const echoed = body.echo === true ? prompt : "";
  const full = echoed + text;
  let logprobs: JsonObject | null = null;
  if (typeof body.logprobs === "number") {
    const tokens = splitCodePoints(full, contentPieceCodePoints);
    let offset = 0;
    logprobs = {
      tokens,
      token_logprobs: tokens.map(() => -0.25),
      top_logprobs: tokens.map((token) => ({ [token]: -0.25 })),
      text_offset: tokens.map((token) => {
        const at = offset;
        offset += token.length;
        return at;
      }),
    };
  }
  return { text: full, index, logprobs, finish_reason: finishReason, completionTokens: estimateTokens(text) };
}

/** `port`: listen there (0, the default: any free port). */
export async function startOpenAIStandIn(options: { port?: number } = {}): Promise<OpenAIStandIn> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  /** Keys this stand-in treats as revoked: every call with one answers 401 invalid_api_key, as OpenAI does. */
  const revokedKeys = new Set<string>();

  const enqueue = (reply: ScriptedReply): void => {
    queue.push(reply);
  };
  const reset = (): void => {
    requests.length = 0;
    queue.length = 0;
    revokedKeys.clear();
  };

  /** GET /v1/models: the models a key may use (what a key check calls). */
  function answerModels(response: ServerResponse): void {
    const created = 1_700_000_000;
    const data = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "dall-e-3"].map((id) => ({
      id,
      object: "model",
      created,
      owned_by: "system",
    }));
    sendJson(response, 200, { object: "list", data });
  }

  async function answerChat(
    request: IncomingMessage,
    response: ServerResponse,
    body: JsonObject,
    reply: ScriptedReply | undefined,
  ): Promise<void> {
    const plan = planCompletion(body, reply);
    if (body.stream !== true) {
      if (reply?.cutAfterChunks !== undefined) {
        response.writeHead(200, { "content-type": "application/json" });
        response.write(`{"id":"${plan.id}","object":"chat.completion",`);
        response.flushHeaders();
        setTimeout(() => resetSocket(request.socket), 20);
        return;
      }
      sendJson(response, 200, completionObject(plan), reply?.headers);
      return;
    }
    const streamOptions = isObject(body.stream_options) ? body.stream_options : undefined;
    const chunks = streamChunks(plan, streamOptions?.include_usage === true);
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-request-id": randomId("req_"),
      ...reply?.headers,
    });
    response.flushHeaders();
    let sent = 0;
    for (const chunk of chunks) {
      if (response.destroyed) return;
      if (reply?.cutAfterChunks !== undefined && sent >= reply.cutAfterChunks) {
        await cutStream(request.socket);
        return;
      }
      if (reply?.stallAfterChunks !== undefined && sent >= reply.stallAfterChunks) {
        // Silent until the caller hangs up.
        await new Promise<void>((resolve) => response.once("close", () => resolve()));
        return;
      }
      await writeFrame(response, `data: ${JSON.stringify(chunk)}\n\n`, reply?.splitFrameBytes === true);
      sent += 1;
      if (reply?.chunkIntervalMs) await sleep(reply.chunkIntervalMs);
    }
    if (reply?.cutAfterChunks !== undefined && sent >= reply.cutAfterChunks) {
      await cutStream(request.socket);
      return;
    }
    await endStream(response, reply);
  }

  /** `data: [DONE]` and the end of the body: at once, or `endAfterDoneMs` later. */
  async function endStream(response: ServerResponse, reply: ScriptedReply | undefined): Promise<void> {
    if (response.destroyed) return;
    if (reply?.endAfterDoneMs === undefined) {
      response.end("data: [DONE]\n\n");
      return;
    }
    await writeFrame(response, "data: [DONE]\n\n", false);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, reply.endAfterDoneMs);
      response.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (!response.destroyed) response.end();
  }

  async function answerCompletions(
    response: ServerResponse,
    body: JsonObject,
    reply: ScriptedReply | undefined,
  ): Promise<void> {
    if (!servesCompletions(body.model)) {
      const message =
        "This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?";
      sendJson(response, 404, openAIError(message, "invalid_request_error", null, "model"));
      return;
    }
    const prompts = typeof body.prompt === "string" ? [body.prompt] : Array.isArray(body.prompt) ? body.prompt : [];
    if (prompts.length === 0) {
      sendJson(response, 400, openAIError("'prompt' is a required property", "invalid_request_error", null, "prompt"));
      return;
    }
    const perPrompt = typeof body.n === "number" && body.n > 1 ? body.n : 1;
    const choices = prompts.flatMap((prompt, promptIndex) =>
      Array.from({ length: perPrompt }, (_, choiceIndex) =>
        textChoice(
          body,
          reply?.content ?? (typeof prompt === "string" ? prompt : JSON.stringify(prompt)),
          promptIndex * perPrompt + choiceIndex,
        ),
      ),
    );
    const promptTokens = prompts.reduce<number>((total, prompt) => total + estimateTokens(String(prompt)), 0);
    const usage = buildUsage(
      promptTokens,
      choices.reduce((total, choice) => total + choice.completionTokens, 0),
      reply?.usage,
    );
    const id = randomId("cmpl-");
    const created = Math.floor(Date.now() / 1000);
    const model = String(body.model);
    const publicChoice = ({ completionTokens: _, ...choice }: (typeof choices)[number]) => choice;
    if (body.stream !== true) {
      sendJson(
        response,
        200,
        {
          id,
          object: "text_completion",
          created,
          model,
          choices: choices.map(publicChoice),
          usage: {
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            total_tokens: usage.total_tokens,
          },
        },
        reply?.headers,
      );
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    response.flushHeaders();
    const frame = (choiceList: JsonObject[], extra: JsonObject = {}) =>
      `data: ${JSON.stringify({ id, object: "text_completion", created, model, choices: choiceList, ...extra })}\n\n`;
    for (const choice of choices) {
      for (const piece of splitCodePoints(choice.text, contentPieceCodePoints)) {
        if (response.destroyed) return;
        await writeFrame(
          response,
          frame([{ text: piece, index: choice.index, logprobs: null, finish_reason: null }]),
          false,
        );
      }
      await writeFrame(
        response,
        frame([{ text: "", index: choice.index, logprobs: null, finish_reason: choice.finish_reason }]),
        false,
      );
    }
    const streamOptions = isObject(body.stream_options) ? body.stream_options : undefined;
    if (streamOptions?.include_usage === true) {
      const total = {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        total_tokens: usage.total_tokens,
      };
      await writeFrame(response, frame([], { usage: total }), false);
    }
    await endStream(response, reply);
  }

  function answerEmbeddings(response: ServerResponse, body: JsonObject, reply: ScriptedReply | undefined): void {
    const input = body.input;
    let texts: string[];
    if (typeof input === "string") texts = [input];
    else if (Array.isArray(input))
      texts = input.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
    else {
      sendJson(response, 400, openAIError("'input' is a required property", "invalid_request_error", null, "input"));
      return;
    }
    const dimensions = typeof body.dimensions === "number" && body.dimensions > 0 ? body.dimensions : 8;
    const base64 = body.encoding_format === "base64";
    const promptTokens = texts.reduce((total, text) => total + estimateTokens(text), 0);
    const usage = {
      prompt_tokens: reply?.usage?.prompt_tokens ?? promptTokens,
      total_tokens: reply?.usage?.total_tokens ?? reply?.usage?.prompt_tokens ?? promptTokens,
    };
    sendJson(
      response,
      200,
      {
        object: "list",
        data: texts.map((text, index) => {
          const vector = embeddingVector(text, index, dimensions);
          return { object: "embedding", index, embedding: base64 ? float32Base64(vector) : vector };
        }),
        model: typeof body.model === "string" ? body.model : "unknown",
        usage,
      },
      reply?.headers,
    );
  }

  /** POST /v1/images/generations: `n` images as URLs or base64, each saying which quality and size was asked. */
  function answerImages(response: ServerResponse, body: JsonObject, reply: ScriptedReply | undefined): void {
    if (typeof body.prompt !== "string" || body.prompt.length === 0) {
      sendJson(response, 400, openAIError("'prompt' is a required property", "invalid_request_error", null, "prompt"));
      return;
    }
    const count = typeof body.n === "number" ? body.n : 1;
    const label = `${String(body.quality ?? "default")} ${String(body.size ?? "default")}`;
    const data = Array.from({ length: count }, (_, index) =>
      body.response_format === "b64_json"
        ? { b64_json: Buffer.from(`image ${index} ${label}`).toString("base64"), revised_prompt: body.prompt }
        : {
            url: `https://images.stand-in.test/${index}.png?${encodeURIComponent(label)}`,
            revised_prompt: body.prompt,
          },
    );
    const answer: JsonObject = { created: Math.floor(Date.now() / 1000), data };
    const countsTokens = typeof body.model === "string" && body.model.startsWith("gpt-image");
    if (countsTokens) Object.assign(answer, imageTokenFields(body, count));
    sendJson(response, 200, answer, reply?.headers);
  }

  function handleControl(request: IncomingMessage, response: ServerResponse, path: string, rawBody: string): void {
    if (request.method === "POST" && path === "/__control/revoked-keys") {
      // Replaces the set of revoked keys; reset clears it.
      revokedKeys.clear();
      for (const key of JSON.parse(rawBody || "[]") as string[]) revokedKeys.add(key);
      sendJson(response, 200, { revoked: revokedKeys.size });
      return;
    }
    if (!answerControl(request, response, path, rawBody, { requests, queue, enqueue, reset })) {
      sendJson(response, 404, { error: "unknown control route" });
    }
  }

  const connectionNumber = connectionNumbering();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBytes = await readBodyBytes(request);
    const rawBody = rawBytes.toString("utf8");
    const path = request.url ?? "/";
    // Under /vllm the stand-in plays a vLLM-style server: the same API, but extra parameters are taken, not refused.
    const vllm = path.startsWith("/vllm/");
    const pathname = (vllm ? path.slice("/vllm".length) : path).split("?")[0];
    const contentType = request.headers["content-type"] ?? "";
    // A multipart upload (transcriptions) is recorded as its fields and a summary of its file.
    const upload = contentType.startsWith("multipart/form-data")
      ? await readUpload(rawBytes, contentType).catch(() => undefined)
      : undefined;
    if (pathname.startsWith("/__control/")) {
      handleControl(request, response, pathname, rawBody);
      return;
    }

    const body = upload ? upload.record : parseRecordedBody(rawBody).body;
    const headers = flatHeaders(request);
    const record: RecordedRequest = {
      method: request.method ?? "GET",
      path,
      headers,
      body,
      receivedAt: Date.now(),
      closedByCaller: false,
      connection: connectionNumber(request),
    };
    requests.push(record);
    watchForHangUp(response, record);

    const reply = request.method === "POST" ? queue.shift() : undefined;
    if (!(await playConnectionFaults(request, reply, timers))) return;
    if (reply?.status !== undefined) {
      const errorBody =
        reply.body ??
        openAIError(
          `The stand-in was told to answer ${reply.status}.`,
          reply.status >= 500 ? "server_error" : "invalid_request_error",
          null,
          null,
        );
      if (typeof errorBody === "string") {
        response.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
        response.end(errorBody);
      } else sendJson(response, reply.status, errorBody, reply.headers);
      return;
    }

    const authorization = headers.authorization ?? "";
    if (!authorization.startsWith("Bearer ") || authorization.length <= "Bearer ".length) {
      sendJson(response, 401, openAIError("You didn't provide an API key.", "invalid_request_error", null, null));
      return;
    }
    if (revokedKeys.has(authorization.slice("Bearer ".length))) {
      const message =
        "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.";
      sendJson(response, 401, openAIError(message, "invalid_request_error", "invalid_api_key", null));
      return;
    }
    if (request.method === "GET" && pathname === "/v1/models") {
      answerModels(response);
      return;
    }
    if (request.method !== "POST") {
      sendJson(
        response,
        404,
        openAIError(
          `Unknown request URL: ${request.method} ${pathname}.`,
          "invalid_request_error",
          "unknown_url",
          null,
        ),
      );
      return;
    }
    const sendError = (status: number, message: string, param: string | null) =>
      sendJson(response, status, openAIError(message, "invalid_request_error", null, param));
    if (pathname === "/v1/audio/transcriptions") {
      if (!upload) sendError(400, "Could not parse multipart form", null);
      else answerTranscription(response, upload, (status, answer) => sendJson(response, status, answer));
      return;
    }
    if (!isObject(body)) {
      sendJson(
        response,
        400,
        openAIError("We could not parse the JSON body of your request.", "invalid_request_error", null, null),
      );
      return;
    }
    const known =
      pathname === "/v1/chat/completions" ? chatArguments : pathname === "/v1/completions" ? completionArguments : null;
    const unrecognized = known && !vllm ? unrecognizedArgument(body, known) : undefined;
    if (unrecognized) {
      sendJson(response, 400, unrecognized);
      return;
    }
    if (pathname === "/v1/chat/completions") await answerChat(request, response, body, reply);
    else if (pathname === "/v1/completions") await answerCompletions(response, body, reply);
    else if (pathname === "/v1/embeddings") answerEmbeddings(response, body, reply);
    else if (pathname === "/v1/images/generations") answerImages(response, body, reply);
    else if (pathname === "/v1/responses") await answerResponses(request, response, body, reply);
    else if (pathname === "/v1/audio/speech") await answerSpeech(request, response, body, reply, sendError);
    else {
      sendJson(
        response,
        404,
        openAIError(`Unknown request URL: POST ${pathname}.`, "invalid_request_error", "unknown_url", null),
      );
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        sendJson(response, 500, openAIError(`Stand-in failure: ${String(error)}`, "server_error", null, null));
      } else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
