// Anthropic message → OpenAI chat.completion. Text blocks join into `content`, thinking into `reasoning_content`,
// tool_use blocks into `tool_calls`, and the forced JSON tool back into `content` (json-response-tool.ts).
// Thinking blocks are also returned whole, with their signatures, as `thinking_blocks` (LiteLLM's convention):
// a client that sends them back on the assistant message lets Claude continue a tool loop while thinking.
import { GatewayError } from "../../errors";
import type { ChatCompletion, ChatCompletionMessage } from "../../schemas/chat";
import { anthropicResponseSchema, type AnthropicResponseBlock } from "./anthropic-api";
import { convertAnthropicUsage } from "./convert-anthropic-usage";
import { JSON_RESPONSE_TOOL_NAME } from "./json-response-tool";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason";

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type ThinkingBlockOutput =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string };

export function convertAnthropicResponse(json: unknown, nowMs: number = Date.now()): ChatCompletion {
  const parsed = anthropicResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new GatewayError(
      "upstream_error",
      "The upstream provider answered with a body that is not an Anthropic message",
    );
  const response = parsed.data;

  const texts: string[] = [];
  const reasoning: string[] = [];
  const thinkingBlocks: ThinkingBlockOutput[] = [];
  const toolCalls: OpenAIToolCall[] = [];
  let jsonContent: string | undefined;
  for (const block of response.content) {
    if (block.type === "text" && block.text !== undefined) texts.push(block.text);
    else if (block.type === "thinking" && block.thinking !== undefined) {
      reasoning.push(block.thinking);
      if (block.signature)
        thinkingBlocks.push({ type: "thinking", thinking: block.thinking, signature: block.signature });
    } else if (block.type === "redacted_thinking" && block.data !== undefined)
      thinkingBlocks.push({ type: "redacted_thinking", data: block.data });
    else if (block.type === "tool_use") {
      if (block.name === JSON_RESPONSE_TOOL_NAME) jsonContent = JSON.stringify(block.input ?? {});
      else toolCalls.push(toolCall(block));
    }
    // Server-tool blocks (web search results and the like) have no OpenAI counterpart and are left out.
  }

  const message: ChatCompletionMessage = {
    role: "assistant",
    // In JSON mode the JSON is the answer; Claude writes no text beside a forced tool call.
    content: jsonContent ?? (texts.length > 0 ? texts.join("") : null),
    // A refusal is Claude's stop_reason "refusal" (finish_reason content_filter), with no separate refusal text.
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join("");
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;

  return {
    id: response.id,
    object: "chat.completion",
    created: Math.floor(nowMs / 1000),
    model: response.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: mapAnthropicStopReason(response.stop_reason, {
          jsonResponse: jsonContent !== undefined && toolCalls.length === 0,
        }),
      },
    ],
    usage: convertAnthropicUsage(response.usage),
  };
}

function toolCall(block: AnthropicResponseBlock): OpenAIToolCall {
  return {
    id: block.id ?? "",
    type: "function",
    function: { name: block.name ?? "", arguments: JSON.stringify(block.input ?? {}) },
  };
}
