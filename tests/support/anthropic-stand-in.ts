// A local stand-in of the Anthropic Messages API on node:http, speaking its real wire format (POST /v1/messages,
// x-api-key + anthropic-version headers, named SSE events), so the gateway's Anthropic adapter can be driven end
// to end without the internet. Like the OpenAI stand-in it records every request and plays scripted faults, and it
// refuses requests the real API refuses (extra fields, "system" as a message role, unpaired tool_use/tool_result,
// temperature above 1), because those are the mistakes a translating gateway makes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { RecordedRequest } from "./openai-stand-in";
import {
  answerControl,
  cutStream,
  flatHeaders,
  parseRecordedBody,
  playConnectionFaults,
  randomId,
  readBody,
  resetSocket,
  sendJsonBody,
  sleep,
  watchForHangUp,
  connectionNumbering,
  writeFrame,
} from "./stand-in-http";
import { isObject, sampleForSchema, type JsonObject } from "./stand-in-json";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the Anthropic stand-in, e.g. "http://127.0.0.1:41235" (ANTHROPIC_BASE_URL). */
    anthropicStandInUrl: string;
  }
}

export type { RecordedRequest } from "./openai-stand-in";

export interface AnthropicUsageOverride {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** One scripted behaviour, used by the next POST the stand-in receives (first in, first out). */
export interface AnthropicScriptedReply {
  /** Answer with this status (and `body`, `headers`) instead of a message. */
  status?: number;
  /** Body of a scripted status; an object is sent as JSON. Defaults to Anthropic's error body for the status. */
  body?: unknown;
  /** Extra response headers. A scripted 429 without `headers` gets `retry-after: 1`, as Anthropic always sends one. */
  headers?: Record<string, string>;
  /** Wait this long before sending the status line and headers. */
  delayFirstByteMs?: number;
  /** Streams: destroy the socket after this many SSE events. Non-stream: after the headers and part of the body. */
  cutAfterChunks?: number;
  /** Reset the TCP connection without answering. */
  resetConnection?: boolean;
  /** Replace fields of the reported usage. */
  usage?: AnthropicUsageOverride;
  /** Replace the generated assistant text (also suppresses a forced tool_use). */
  content?: string;
  /** Streams: pause between events. */
  chunkIntervalMs?: number;
  /** Streams: send each event in two writes split inside a multi-byte character when there is one. */
  splitFrameBytes?: boolean;
  /** Streams: after this many content_block_delta events, send `event: error` (overloaded_error) and end. */
  errorEventAfterChunks?: number;
}

export interface AnthropicStandIn {
  /** Origin, e.g. "http://127.0.0.1:41235"; the Messages endpoint is `${url}/v1/messages`. */
  url: string;
  requests: RecordedRequest[];
  enqueue: (reply: AnthropicScriptedReply) => void;
  reset: () => void;
  close: () => Promise<void>;
}

interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  service_tier: "standard";
}

type PlannedBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown };

type StopReason = "end_turn" | "max_tokens" | "tool_use";

interface MessagePlan {
  id: string;
  model: string;
  blocks: PlannedBlock[];
  stopReason: StopReason;
  usage: Usage;
}

class InvalidRequest extends Error {}

const echoLimitCodePoints = 2000;
const textPieceCodePoints = 4;
const jsonPieceCharacters = 7;
const minimumThinkingBudget = 1024;

/** Top-level fields the Messages API accepts; anything else is refused with "Extra inputs are not permitted". */
const knownRequestFields = new Set([
  "model",
  "messages",
  "max_tokens",
  "system",
  "metadata",
  "stop_sequences",
  "stream",
  "temperature",
  "top_p",
  "top_k",
  "tools",
  "tool_choice",
  "thinking",
  "service_tier",
  "container",
  "mcp_servers",
  "context_management",
  "output_format",
  "output_config",
]);

const knownBlockTypes = new Set([
  "text",
  "image",
  "document",
  "search_result",
  "tool_use",
  "tool_result",
  "thinking",
  "redacted_thinking",
  "server_tool_use",
  "web_search_tool_result",
  "container_upload",
]);

const errorTypeByStatus: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const errorMessageByType: Record<string, string> = {
  invalid_request_error: "The stand-in was told to refuse this request.",
  authentication_error: "invalid x-api-key",
  billing_error: "Your credit balance is too low to access the Anthropic API.",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "The requested resource could not be found.",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
  rate_limit_error: "This request would exceed the rate limit for your organization.",
  api_error: "Internal server error",
  timeout_error: "Request timed out",
  overloaded_error: "Overloaded",
};

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function anthropicError(type: string, message: string): JsonObject {
  return { type: "error", error: { type, message }, request_id: randomId("req_") };
}

function errorTypeFor(status: number): string {
  return errorTypeByStatus[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

/** The text a content value carries: strings, text blocks and the content of tool_result blocks. */
function textOfContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block) => {
      if (!isObject(block)) return "";
      if (block.type === "text" && typeof block.text === "string") return block.text;
      if (block.type === "tool_result") return textOfContent(block.content);
      return "";
    })
    .join("");
}

function lastUserText(messages: JsonObject[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index].role === "user") return textOfContent(messages[index].content);
  }
  return "";
}

function splitCodePoints(text: string, size: number): string[] {
  const codePoints = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < codePoints.length; start += size)
    pieces.push(codePoints.slice(start, start + size).join(""));
  return pieces.length > 0 ? pieces : [""];
}

function splitCharacters(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

function validateContentBlocks(content: unknown[], where: string): void {
  content.forEach((block, blockIndex) => {
    const path = `${where}.content.${blockIndex}`;
    if (!isObject(block) || typeof block.type !== "string") throw new InvalidRequest(`${path}.type: Field required`);
    if (!knownBlockTypes.has(block.type)) {
      throw new InvalidRequest(
        `${path}: Input tag '${block.type}' found using 'type' does not match any of the expected tags`,
      );
    }
    if (block.type === "text") {
      if (typeof block.text !== "string") throw new InvalidRequest(`${path}.text.text: Field required`);
      if (block.text.length === 0) throw new InvalidRequest("messages: text content blocks must be non-empty");
    }
    if (
      block.type === "tool_use" &&
      (typeof block.id !== "string" || typeof block.name !== "string" || !isObject(block.input))
    ) {
      throw new InvalidRequest(`${path}.tool_use: id, name and an object input are required`);
    }
    if (block.type === "tool_result" && typeof block.tool_use_id !== "string") {
      throw new InvalidRequest(`${path}.tool_result.tool_use_id: Field required`);
    }
  });
}

function blocksOfType(content: unknown, type: string): JsonObject[] {
  return Array.isArray(content)
    ? content.filter((block): block is JsonObject => isObject(block) && block.type === type)
    : [];
}

/** Every tool_use must be answered by a tool_result in the very next message, and every tool_result must answer one. */
function validateToolPairing(messages: JsonObject[]): void {
  messages.forEach((message, index) => {
    const toolUseIds = blocksOfType(message.content, "tool_use").map((block) => String(block.id));
    if (message.role === "assistant" && toolUseIds.length > 0) {
      const next = messages[index + 1];
      const answered = new Set(
        next ? blocksOfType(next.content, "tool_result").map((block) => String(block.tool_use_id)) : [],
      );
      const unanswered = toolUseIds.filter((id) => !answered.has(id));
      if (unanswered.length > 0) {
        throw new InvalidRequest(
          `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(", ")}. ` +
            "Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
        );
      }
    }
    const results = blocksOfType(message.content, "tool_result");
    if (results.length > 0) {
      const previous = messages[index - 1];
      const offered = new Set(
        previous?.role === "assistant"
          ? blocksOfType(previous.content, "tool_use").map((block) => String(block.id))
          : [],
      );
      const resultIndex = Array.isArray(message.content)
        ? message.content.findIndex((block) => isObject(block) && block.type === "tool_result")
        : 0;
      const orphans = results.map((block) => String(block.tool_use_id)).filter((id) => !offered.has(id));
      if (orphans.length > 0) {
        throw new InvalidRequest(
          `messages.${index}.content.${resultIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${orphans.join(", ")}. ` +
            "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
        );
      }
    }
  });
}

function validateTools(body: JsonObject): void {
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) throw new InvalidRequest("tools: Input should be a valid list");
    body.tools.forEach((tool, index) => {
      if (!isObject(tool)) throw new InvalidRequest(`tools.${index}: Input should be a valid dictionary`);
      // Server tools (web search, code execution…) are typed and versioned; only custom tools carry a schema.
      if (typeof tool.type === "string" && tool.type !== "custom") return;
      if (typeof tool.name !== "string" || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name)) {
        throw new InvalidRequest(`tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      }
      if (!isObject(tool.input_schema)) throw new InvalidRequest(`tools.${index}.custom.input_schema: Field required`);
      if (tool.input_schema.type !== "object")
        throw new InvalidRequest(`tools.${index}.custom.input_schema.type: Input should be 'object'`);
    });
  }
  if (body.tool_choice !== undefined) {
    const choice = body.tool_choice;
    if (!isObject(choice) || !["auto", "any", "tool", "none"].includes(String(choice.type))) {
      throw new InvalidRequest(
        "tool_choice: Input tag found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
      );
    }
    const tools = Array.isArray(body.tools) ? body.tools : [];
    if (tools.length === 0 && choice.type !== "none" && choice.type !== "auto") {
      throw new InvalidRequest("tool_choice may only be specified while providing tools.");
    }
    if (choice.type === "tool") {
      if (typeof choice.name !== "string") throw new InvalidRequest("tool_choice.tool.name: Field required");
      if (!tools.some((tool) => isObject(tool) && tool.name === choice.name)) {
        throw new InvalidRequest(`Tool '${choice.name}' not found in provided tools`);
      }
    }
  }
}

/** Refuses what the real Messages API refuses, with its wording, so translation mistakes surface as 400s. */
function validateMessagesRequest(body: JsonObject): void {
  for (const field of Object.keys(body)) {
    if (!knownRequestFields.has(field)) throw new InvalidRequest(`${field}: Extra inputs are not permitted`);
  }
  if (typeof body.model !== "string" || body.model.length === 0) throw new InvalidRequest("model: Field required");
  if (body.max_tokens === undefined) throw new InvalidRequest("max_tokens: Field required");
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens))
    throw new InvalidRequest("max_tokens: Input should be a valid integer");
  if (body.max_tokens < 1) throw new InvalidRequest("max_tokens: Input should be greater than or equal to 1");
  if (!Array.isArray(body.messages)) throw new InvalidRequest("messages: Field required");
  if (body.messages.length === 0) throw new InvalidRequest("messages: at least one message is required");
  if (body.stream !== undefined && typeof body.stream !== "boolean")
    throw new InvalidRequest("stream: Input should be a valid boolean");
  if (body.temperature !== undefined) {
    if (typeof body.temperature !== "number") throw new InvalidRequest("temperature: Input should be a valid number");
    if (body.temperature < 0) throw new InvalidRequest("temperature: Input should be greater than or equal to 0");
    if (body.temperature > 1) throw new InvalidRequest("temperature: Input should be less than or equal to 1");
  }
  if (body.system !== undefined && typeof body.system !== "string") {
    if (!Array.isArray(body.system))
      throw new InvalidRequest("system: Input should be a valid string or list of text blocks");
    body.system.forEach((block, index) => {
      if (!isObject(block) || block.type !== "text" || typeof block.text !== "string") {
        throw new InvalidRequest(`system.${index}: Input should be a text block`);
      }
    });
  }
  if (body.metadata !== undefined) {
    if (!isObject(body.metadata)) throw new InvalidRequest("metadata: Input should be a valid dictionary");
    for (const field of Object.keys(body.metadata)) {
      if (field !== "user_id") throw new InvalidRequest(`metadata.${field}: Extra inputs are not permitted`);
    }
  }
  if (
    body.stop_sequences !== undefined &&
    (!Array.isArray(body.stop_sequences) || body.stop_sequences.some((item) => typeof item !== "string"))
  ) {
    throw new InvalidRequest("stop_sequences: Input should be a valid list of strings");
  }

  const messages = body.messages as unknown[];
  messages.forEach((message, index) => {
    if (!isObject(message)) throw new InvalidRequest(`messages.${index}: Input should be a valid dictionary`);
    if (message.role !== "user" && message.role !== "assistant") {
      throw new InvalidRequest(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
    for (const field of Object.keys(message)) {
      if (field !== "role" && field !== "content")
        throw new InvalidRequest(`messages.${index}.${field}: Extra inputs are not permitted`);
    }
    const isFinalAssistant = index === messages.length - 1 && message.role === "assistant";
    if (typeof message.content === "string") {
      if (message.content.length === 0 && !isFinalAssistant) {
        throw new InvalidRequest(
          `messages.${index}: all messages must have non-empty content except for the optional final assistant message`,
        );
      }
    } else if (Array.isArray(message.content)) {
      if (message.content.length === 0 && !isFinalAssistant) {
        throw new InvalidRequest(
          `messages.${index}: all messages must have non-empty content except for the optional final assistant message`,
        );
      }
      validateContentBlocks(message.content, `messages.${index}`);
    } else {
      throw new InvalidRequest(`messages.${index}.content: Field required`);
    }
  });
  validateToolPairing(messages as JsonObject[]);
  validateTools(body);

  if (body.thinking !== undefined) {
    const thinking = body.thinking;
    if (!isObject(thinking) || !["enabled", "disabled", "adaptive"].includes(String(thinking.type))) {
      throw new InvalidRequest(
        "thinking: Input tag found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'",
      );
    }
    if (thinking.type === "enabled") {
      if (typeof thinking.budget_tokens !== "number")
        throw new InvalidRequest("thinking.enabled.budget_tokens: Field required");
      if (thinking.budget_tokens < minimumThinkingBudget) {
        throw new InvalidRequest(
          `thinking.enabled.budget_tokens: Input should be greater than or equal to ${minimumThinkingBudget}`,
        );
      }
      if (thinking.budget_tokens >= body.max_tokens) {
        throw new InvalidRequest("`max_tokens` must be greater than `thinking.budget_tokens`.");
      }
      if (body.temperature !== undefined && body.temperature !== 1) {
        throw new InvalidRequest("`temperature` may only be set to 1 when thinking is enabled.");
      }
      const choiceType = isObject(body.tool_choice) ? body.tool_choice.type : undefined;
      if (choiceType === "any" || choiceType === "tool") {
        throw new InvalidRequest("Thinking may not be enabled when tool_choice forces tool use.");
      }
    }
  }
}

/** The tool a request forces with tool_choice {type:"tool"} (that one) or {type:"any"} (the first). */
function forcedTool(body: JsonObject): JsonObject | undefined {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  const choice = isObject(body.tool_choice) ? body.tool_choice : undefined;
  if (choice?.type === "any") return tools[0];
  if (choice?.type === "tool") return tools.find((tool) => tool.name === choice.name);
  return undefined;
}

function promptText(body: JsonObject): string {
  const system = typeof body.system === "string" ? body.system : textOfContent(body.system);
  const messages = (body.messages as JsonObject[]).map((message) => textOfContent(message.content));
  const tools = Array.isArray(body.tools) ? JSON.stringify(body.tools) : "";
  return [system, ...messages, tools].join("\n");
}

function buildUsage(inputTokens: number, outputTokens: number, override: AnthropicUsageOverride | undefined): Usage {
  const cacheCreation = override?.cache_creation_input_tokens ?? 0;
  return {
    input_tokens: override?.input_tokens ?? inputTokens,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: override?.cache_read_input_tokens ?? 0,
    cache_creation: { ephemeral_5m_input_tokens: cacheCreation, ephemeral_1h_input_tokens: 0 },
    output_tokens: override?.output_tokens ?? outputTokens,
    service_tier: "standard",
  };
}

function planMessage(body: JsonObject, reply: AnthropicScriptedReply | undefined): MessagePlan {
  const messages = body.messages as JsonObject[];
  const userText = Array.from(lastUserText(messages)).slice(0, echoLimitCodePoints).join("");
  const inputTokens = estimateTokens(promptText(body)) + messages.length * 3;
  const maxTokens = body.max_tokens as number;
  const blocks: PlannedBlock[] = [];
  let outputTokens = 0;

  const thinking = isObject(body.thinking) ? body.thinking : undefined;
  if (thinking?.type === "enabled" || thinking?.type === "adaptive") {
    const thought = `The user wrote: ${userText}`;
    blocks.push({ type: "thinking", thinking: thought, signature: randomBytes(48).toString("base64") });
    outputTokens += estimateTokens(thought);
  }

  const tool = reply?.content === undefined ? forcedTool(body) : undefined;
  if (tool !== undefined) {
    const input = sampleForSchema(tool.input_schema, userText, "required");
    blocks.push({ type: "tool_use", id: randomId("toolu_01"), name: String(tool.name), input });
    outputTokens += estimateTokens(JSON.stringify(input));
    return {
      id: randomId("msg_01"),
      model: String(body.model),
      blocks,
      stopReason: "tool_use",
      usage: buildUsage(inputTokens, outputTokens, reply?.usage),
    };
  }

  let text = reply?.content ?? `You said: ${userText}`;
  let stopReason: StopReason = "end_turn";
  const textBudget = maxTokens - outputTokens;
  if (reply?.content === undefined && estimateTokens(text) > textBudget) {
    text = Array.from(text)
      .slice(0, Math.max(1, textBudget) * 4)
      .join("");
    stopReason = "max_tokens";
  }
  blocks.push({ type: "text", text });
  outputTokens += estimateTokens(text);
  return {
    id: randomId("msg_01"),
    model: String(body.model),
    blocks,
    stopReason,
    usage: buildUsage(inputTokens, outputTokens, reply?.usage),
  };
}

function messageObject(plan: MessagePlan): JsonObject {
  return {
    id: plan.id,
    type: "message",
    role: "assistant",
    model: plan.model,
    content: plan.blocks,
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: plan.usage,
  };
}

/** The events of a streamed answer, in order, each as [event name, data]. */
function streamEvents(plan: MessagePlan): Array<[string, JsonObject]> {
  const events: Array<[string, JsonObject]> = [];
  events.push([
    "message_start",
    {
      type: "message_start",
      message: {
        ...messageObject(plan),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...plan.usage, output_tokens: 1 },
      },
    },
  ]);
  plan.blocks.forEach((block, index) => {
    const delta = (payload: JsonObject): void => {
      events.push(["content_block_delta", { type: "content_block_delta", index, delta: payload }]);
    };
    const start = (contentBlock: JsonObject): void => {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: contentBlock }]);
      // Anthropic sends its ping right after the first block opens.
      if (index === 0) events.push(["ping", { type: "ping" }]);
    };
    if (block.type === "thinking") {
      start({ type: "thinking", thinking: "", signature: "" });
      for (const piece of splitCodePoints(block.thinking, textPieceCodePoints * 3))
        delta({ type: "thinking_delta", thinking: piece });
      delta({ type: "signature_delta", signature: block.signature });
    } else if (block.type === "text") {
      start({ type: "text", text: "" });
      for (const piece of splitCodePoints(block.text, textPieceCodePoints)) delta({ type: "text_delta", text: piece });
    } else {
      start({ type: "tool_use", id: block.id, name: block.name, input: {} });
      // The real API opens every tool input with an empty partial_json before the pieces.
      delta({ type: "input_json_delta", partial_json: "" });
      for (const piece of splitCharacters(JSON.stringify(block.input), jsonPieceCharacters))
        delta({ type: "input_json_delta", partial_json: piece });
    }
    events.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  events.push([
    "message_delta",
    {
      type: "message_delta",
      delta: { stop_reason: plan.stopReason, stop_sequence: null },
      usage: { output_tokens: plan.usage.output_tokens },
    },
  ]);
  events.push(["message_stop", { type: "message_stop" }]);
  return events;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonBody(response, status, body, { "request-id": randomId("req_"), ...headers });
}

export async function startAnthropicStandIn(): Promise<AnthropicStandIn> {
  const requests: RecordedRequest[] = [];
  const queue: AnthropicScriptedReply[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const enqueue = (reply: AnthropicScriptedReply): void => {
    queue.push(reply);
  };
  const reset = (): void => {
    requests.length = 0;
    queue.length = 0;
  };

  function answerScriptedStatus(response: ServerResponse, reply: AnthropicScriptedReply & { status: number }): void {
    const type = errorTypeFor(reply.status);
    const body =
      reply.body ??
      anthropicError(type, errorMessageByType[type] ?? `The stand-in was told to answer ${reply.status}.`);
    const headers = reply.headers ?? (reply.status === 429 ? { "retry-after": "1" } : {});
    if (typeof body === "string") {
      response.writeHead(reply.status, { "content-type": "text/plain", ...headers });
      response.end(body);
    } else sendJson(response, reply.status, body, headers);
  }

  async function answerMessages(
    request: IncomingMessage,
    response: ServerResponse,
    body: JsonObject,
    reply: AnthropicScriptedReply | undefined,
  ): Promise<void> {
    const plan = planMessage(body, reply);
    if (body.stream !== true) {
      if (reply?.cutAfterChunks !== undefined) {
        response.writeHead(200, { "content-type": "application/json" });
        response.write(`{"id":"${plan.id}","type":"message",`);
        response.flushHeaders();
        setTimeout(() => resetSocket(request.socket), 20);
        return;
      }
      sendJson(response, 200, messageObject(plan), reply?.headers);
      return;
    }

    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "request-id": randomId("req_"),
      ...reply?.headers,
    });
    response.flushHeaders();
    let sentEvents = 0;
    let sentDeltas = 0;
    for (const [event, data] of streamEvents(plan)) {
      if (response.destroyed) return;
      if (reply?.cutAfterChunks !== undefined && sentEvents >= reply.cutAfterChunks) {
        await cutStream(request.socket);
        return;
      }
      if (
        reply?.errorEventAfterChunks !== undefined &&
        sentDeltas >= reply.errorEventAfterChunks &&
        event === "content_block_delta"
      ) {
        const error = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
        response.end(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
        return;
      }
      await writeFrame(response, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, reply?.splitFrameBytes === true);
      sentEvents += 1;
      if (event === "content_block_delta") sentDeltas += 1;
      if (reply?.chunkIntervalMs) await sleep(reply.chunkIntervalMs);
    }
    if (reply?.cutAfterChunks !== undefined && sentEvents >= reply.cutAfterChunks) {
      await cutStream(request.socket);
      return;
    }
    if (!response.destroyed) response.end();
  }

  function handleControl(request: IncomingMessage, response: ServerResponse, path: string, rawBody: string): void {
    if (!answerControl(request, response, path, rawBody, { requests, queue, enqueue, reset })) {
      sendJson(response, 404, { error: "unknown control route" });
    }
  }

  const connectionNumber = connectionNumbering();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const path = request.url ?? "/";
    const pathname = path.split("?")[0];
    if (pathname.startsWith("/__control/")) {
      handleControl(request, response, pathname, rawBody);
      return;
    }

    const { body, isJson: bodyIsJson } = parseRecordedBody(rawBody);
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
      answerScriptedStatus(response, { ...reply, status: reply.status });
      return;
    }

    if (!headers["x-api-key"]) {
      sendJson(response, 401, anthropicError("authentication_error", "invalid x-api-key"));
      return;
    }
    if (!headers["anthropic-version"]) {
      sendJson(response, 400, anthropicError("invalid_request_error", "anthropic-version: header is required"));
      return;
    }
    if (request.method !== "POST" || pathname !== "/v1/messages") {
      sendJson(response, 404, anthropicError("not_found_error", `Not found: ${request.method} ${pathname}`));
      return;
    }
    if (!bodyIsJson || !isObject(body)) {
      sendJson(
        response,
        400,
        anthropicError("invalid_request_error", "There was an issue with the request body: it is not a JSON object."),
      );
      return;
    }
    try {
      validateMessagesRequest(body);
    } catch (error) {
      if (error instanceof InvalidRequest) {
        sendJson(response, 400, anthropicError("invalid_request_error", error.message));
        return;
      }
      throw error;
    }
    await answerMessages(request, response, body, reply);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        sendJson(response, 500, anthropicError("api_error", `Stand-in failure: ${String(error)}`));
      } else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
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
