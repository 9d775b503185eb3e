// The Response object of the Responses API (what `POST /v1/responses` answers, and `response.*` events carry), built
// for answers the chat core gave; and the usage conversions both ways between the two APIs.
import { randomBytes } from "node:crypto";
import { microsToUsd } from "../../money";
import type { TokenUsage } from "../metering/cost";
import type { ResponsesRequest } from "./responses-schema";

export type OutputItem = Record<string, unknown> & { type: string; id: string };

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
  /** USD billed for the request (the gateway's addition, as on chat completions). */
  cost?: number;
}

export type ResponseStatus = "in_progress" | "completed" | "incomplete" | "failed";

export interface ResponseObject {
  id: string;
  object: "response";
  created_at: number;
  status: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  model: string;
  output: OutputItem[];
  usage: ResponsesUsage | null;
  [key: string]: unknown;
}

/** OpenAI's ids: a prefix and 48 hex characters. */
export function newItemId(prefix: "resp" | "msg" | "fc" | "rs"): string {
  return `${prefix}_${randomBytes(24).toString("hex")}`;
}

export function toResponsesUsage(usage: TokenUsage, costMicros?: bigint): ResponsesUsage {
  return {
    input_tokens: usage.promptTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens },
    output_tokens: usage.completionTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.promptTokens + usage.completionTokens,
    ...(costMicros === undefined ? {} : { cost: microsToUsd(costMicros) }),
  };
}

/** Responses usage → the chat `usage` shape the meter reads (readUsage). */
export function chatUsageOf(usage: unknown): Record<string, unknown> | undefined {
  if (!usage || typeof usage !== "object") return undefined;
  const record = usage as Record<string, Record<string, unknown> | number | undefined>;
  if (typeof record.input_tokens !== "number" && typeof record.output_tokens !== "number") return undefined;
  const inputDetails = (record.input_tokens_details ?? {}) as Record<string, unknown>;
  const outputDetails = (record.output_tokens_details ?? {}) as Record<string, unknown>;
  return {
    prompt_tokens: record.input_tokens ?? 0,
    completion_tokens: record.output_tokens ?? 0,
    prompt_tokens_details: { cached_tokens: inputDetails.cached_tokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: outputDetails.reasoning_tokens ?? 0 },
  };
}

/** The request's settings as a Response object echoes them, with the public model id. */
export function responseSkeleton(
  request: ResponsesRequest,
  id: string,
  modelId: string,
  createdAt: number,
): ResponseObject {
  return {
    id,
    object: "response",
    created_at: createdAt,
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: modelId,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: request.reasoning?.summary ?? null },
    store: request.store !== false,
    temperature: request.temperature ?? 1,
    text: request.text ?? { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: "disabled",
    usage: null,
    user: request.user ?? null,
    metadata: (request as Record<string, unknown>).metadata ?? {},
  };
}

/** What a finished answer's status is, from the chat finish reason. */
export function finishedStatus(finishReason: string | null): Pick<ResponseObject, "status" | "incomplete_details"> {
  if (finishReason === "length") return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finishReason === "content_filter")
    return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

export function messageItem(id: string, text: string, status: "in_progress" | "completed"): OutputItem {
  return {
    id,
    type: "message",
    status,
    role: "assistant",
    content: status === "completed" ? [outputTextPart(text)] : [],
  };
}

export function outputTextPart(text: string): Record<string, unknown> {
  return { type: "output_text", text, annotations: [], logprobs: [] };
}

export function functionCallItem(
  id: string,
  call: { callId: string; name: string; arguments: string },
  status: "in_progress" | "completed",
): OutputItem {
  return { id, type: "function_call", status, arguments: call.arguments, call_id: call.callId, name: call.name };
}

export function reasoningItem(id: string, text: string): OutputItem {
  return { id, type: "reasoning", summary: text ? [{ type: "summary_text", text }] : [] };
}

/** A chat `usage` (with the gateway's `cost`) as Responses usage. */
export function responsesUsageOfChat(usage: {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
  cost?: number;
}): ResponsesUsage {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.prompt_tokens + usage.completion_tokens,
    ...(usage.cost === undefined ? {} : { cost: usage.cost }),
  };
}
