// OpenAI chat.completion → Anthropic message, for POST /v1/messages answered by a model that is not Anthropic's.
// The upstream's message is read loosely: OpenAI-compatible upstreams disagree on where reasoning goes and on
// the type of tool arguments, and a quirk must not fail an answer that has already been paid for.
import { z } from "zod";
import type { ChatCompletion } from "../schemas/chat";
import { toAnthropicUsage, type AnthropicUsage } from "./convert-openai-usage";
import { mapOpenAIFinishReason, type AnthropicStopReason } from "./map-openai-finish-reason";

export interface AnthropicTextOutput {
  type: "text";
  text: string;
}

export interface AnthropicThinkingOutput {
  type: "thinking";
  thinking: string;
  /** Always empty: only Anthropic signs thinking, and the gateway drops thinking blocks when it translates them back. */
  signature: string;
}

export interface AnthropicToolUseOutput {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type AnthropicOutputBlock = AnthropicThinkingOutput | AnthropicTextOutput | AnthropicToolUseOutput;

export interface AnthropicMessageResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicOutputBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

/** Anthropic ids start with `msg_`; keeping the upstream's id after it lets the two be matched in logs. */
export function anthropicMessageId(openAIId: string | null | undefined): string {
  if (openAIId?.startsWith("msg_")) return openAIId;
  const suffix = (openAIId ?? "").replace(/^chatcmpl-/, "").replace(/[^A-Za-z0-9_-]/g, "");
  return `msg_${suffix || crypto.randomUUID().replaceAll("-", "")}`;
}

/** Some upstreams leave tool call ids out; Anthropic clients need one to pair the tool_result with its call. */
export function anthropicToolUseId(openAIId: unknown): string {
  return typeof openAIId === "string" && openAIId !== ""
    ? openAIId
    : `toolu_${crypto.randomUUID().replaceAll("-", "")}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Tool arguments → Anthropic's `input`, which must be an object. Empty arguments (a tool without parameters) are
 * `{}`. Arguments that are not a JSON object (a model's broken JSON) become `{ _raw_arguments: <text> }`: still a
 * valid tool_use block, the client's input validation fails on it and says so to the model, and the text the model
 * wrote is kept, both for the user to see and for the model to correct on the next turn.
 */
export function parseToolInput(argumentsValue: unknown): Record<string, unknown> {
  // Ollama's OpenAI API (and a few others) send arguments as an object rather than a JSON string.
  if (isPlainObject(argumentsValue)) return argumentsValue;
  if (typeof argumentsValue !== "string" || argumentsValue.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(argumentsValue);
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // Falls through to keeping the raw text.
  }
  return { _raw_arguments: argumentsValue };
}

/** Reasoning text: `reasoning_content` (DeepSeek, the gateway's own adapters) or `reasoning` (OpenRouter, vLLM). */
export function readReasoning(message: Record<string, unknown>): string {
  if (typeof message.reasoning_content === "string") return message.reasoning_content;
  if (typeof message.reasoning === "string") return message.reasoning;
  return "";
}

const toolCallsSchema = z.array(
  z.looseObject({
    id: z.string().nullish(),
    function: z.looseObject({ name: z.string(), arguments: z.unknown().optional() }),
  }),
);

function readText(message: Record<string, unknown>): string {
  const content = message.content;
  if (typeof content === "string") return content;
  // A few upstreams answer with an array of parts; only the text parts are the answer.
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        isPlainObject(part) && part.type === "text" && typeof part.text === "string" ? part.text : "",
      )
      .join("");
  }
  return "";
}

export function toAnthropicMessage(completion: ChatCompletion, requestedModel: string): AnthropicMessageResponse {
  const choice = completion.choices[0];
  const message = choice?.message ?? {};
  const content: AnthropicOutputBlock[] = [];

  const reasoning = readReasoning(message);
  if (reasoning !== "") content.push({ type: "thinking", thinking: reasoning, signature: "" });

  const text = readText(message) || (typeof message.refusal === "string" ? message.refusal : "");
  if (text !== "") content.push({ type: "text", text });

  const toolCalls = toolCallsSchema.safeParse(message.tool_calls ?? []);
  for (const toolCall of toolCalls.success ? toolCalls.data : []) {
    content.push({
      type: "tool_use",
      id: anthropicToolUseId(toolCall.id),
      name: toolCall.function.name,
      input: parseToolInput(toolCall.function.arguments),
    });
  }

  return {
    id: anthropicMessageId(completion.id),
    type: "message",
    role: "assistant",
    model: requestedModel,
    content,
    stop_reason: mapOpenAIFinishReason(choice?.finish_reason, {
      hasToolUse: content.some((block) => block.type === "tool_use"),
    }),
    stop_sequence: null,
    usage: toAnthropicUsage(completion.usage),
  };
}
