// Anthropic's streamed events → OpenAI chat.completion.chunk steps. Anthropic streams content blocks by index
// (text, thinking, tool_use, …) between message_start and message_stop; OpenAI streams one delta per chunk. The
// translator remembers, per stream, the message id and model, the input usage from message_start, and what kind
// each open block is, because a delta names only its block's index.
import type { ChatCompletionChunk } from "../../schemas/chat";
import type { StreamStep, UpstreamEvent } from "../types";
import { anthropicStreamEventSchema, type AnthropicStreamEvent, type AnthropicUsage } from "./anthropic-api";
import { statusForAnthropicErrorType } from "./anthropic-error";
import { convertAnthropicUsage, mergeAnthropicUsage } from "./convert-anthropic-usage";
import { JSON_RESPONSE_TOOL_NAME } from "./json-response-tool";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason";

type BlockState =
  | { kind: "text" }
  | { kind: "thinking"; thinking: string; signature: string }
  /** `ordinal` counts the tool calls of this message: OpenAI's tool_calls[].index. */
  | { kind: "tool"; ordinal: number }
  /** The forced JSON tool: its input streams out as plain content. */
  | { kind: "json" }
  | { kind: "other" };

const NOTHING: StreamStep = { kind: "chunks", chunks: [] };

export function createAnthropicStreamTranslator(nowMs: () => number = Date.now): (event: UpstreamEvent) => StreamStep {
  let id = "";
  let model = "";
  let created = Math.floor(nowMs() / 1000);
  let startUsage: AnthropicUsage | null | undefined;
  const blocks = new Map<number, BlockState>();
  let toolCount = 0;
  let jsonToolSeen = false;

  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): ChatCompletionChunk => ({
    id,
    object: "chat.completion.chunk",
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const send = (...chunks: ChatCompletionChunk[]): StreamStep => ({ kind: "chunks", chunks });

  const onBlockStart = (event: AnthropicStreamEvent): StreamStep => {
    const block = event.content_block;
    const index = event.index ?? 0;
    switch (block?.type) {
      case "text":
        blocks.set(index, { kind: "text" });
        return block.text ? send(chunk({ content: block.text })) : NOTHING;
      case "thinking":
        blocks.set(index, { kind: "thinking", thinking: block.thinking ?? "", signature: block.signature ?? "" });
        return block.thinking ? send(chunk({ reasoning_content: block.thinking })) : NOTHING;
      case "redacted_thinking":
        // Arrives whole: there is nothing to stream, only a block to hand back on the next turn.
        blocks.set(index, { kind: "other" });
        return block.data
          ? send(chunk({ thinking_blocks: [{ type: "redacted_thinking", data: block.data }] }))
          : NOTHING;
      case "tool_use": {
        if (block.name === JSON_RESPONSE_TOOL_NAME) {
          blocks.set(index, { kind: "json" });
          jsonToolSeen = true;
          return NOTHING;
        }
        const ordinal = toolCount++;
        blocks.set(index, { kind: "tool", ordinal });
        return send(
          chunk({
            tool_calls: [
              {
                index: ordinal,
                id: block.id ?? "",
                type: "function",
                function: { name: block.name ?? "", arguments: "" },
              },
            ],
          }),
        );
      }
      default:
        // Server-tool blocks (web search and the like) have no OpenAI counterpart.
        blocks.set(index, { kind: "other" });
        return NOTHING;
    }
  };

  const onBlockDelta = (event: AnthropicStreamEvent): StreamStep => {
    const state = blocks.get(event.index ?? 0);
    const delta = event.delta;
    switch (delta?.type) {
      case "text_delta":
        return delta.text ? send(chunk({ content: delta.text })) : NOTHING;
      case "thinking_delta":
        if (state?.kind === "thinking") state.thinking += delta.thinking ?? "";
        return delta.thinking ? send(chunk({ reasoning_content: delta.thinking })) : NOTHING;
      case "signature_delta":
        if (state?.kind === "thinking") state.signature += delta.signature ?? "";
        return NOTHING;
      case "input_json_delta": {
        // Anthropic opens every tool input with an empty partial_json: nothing to send.
        if (!delta.partial_json) return NOTHING;
        if (state?.kind === "json") return send(chunk({ content: delta.partial_json }));
        if (state?.kind === "tool")
          return send(chunk({ tool_calls: [{ index: state.ordinal, function: { arguments: delta.partial_json } }] }));
        return NOTHING;
      }
      default:
        return NOTHING;
    }
  };

  const onBlockStop = (event: AnthropicStreamEvent): StreamStep => {
    const state = blocks.get(event.index ?? 0);
    // A finished thinking block is handed over whole with its signature, for the client to send back (see
    // convert-anthropic-response.ts); its text has already streamed as reasoning_content.
    if (state?.kind === "thinking" && state.signature) {
      return send(
        chunk({ thinking_blocks: [{ type: "thinking", thinking: state.thinking, signature: state.signature }] }),
      );
    }
    return NOTHING;
  };

  const onMessageDelta = (event: AnthropicStreamEvent): StreamStep => {
    const finishReason = mapAnthropicStopReason(event.delta?.stop_reason, {
      jsonResponse: jsonToolSeen && toolCount === 0,
    });
    const usageChunk: ChatCompletionChunk = {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [],
      usage: convertAnthropicUsage(mergeAnthropicUsage(startUsage, event.usage)),
    };
    return send(chunk({}, finishReason), usageChunk);
  };

  return (upstreamEvent) => {
    const data = upstreamEvent.data.trim();
    if (!data) return NOTHING;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return { kind: "error", message: "the upstream sent a stream event that is not JSON" };
    }
    const parsed = anthropicStreamEventSchema.safeParse(json);
    if (!parsed.success) return { kind: "error", message: "the upstream sent a stream event of an unknown shape" };
    const event = parsed.data;
    switch (event.type) {
      case "message_start":
        id = event.message?.id ?? id;
        model = event.message?.model ?? model;
        created = Math.floor(nowMs() / 1000);
        startUsage = event.message?.usage;
        return send(chunk({ role: "assistant", content: "" }));
      case "content_block_start":
        return onBlockStart(event);
      case "content_block_delta":
        return onBlockDelta(event);
      case "content_block_stop":
        return onBlockStop(event);
      case "message_delta":
        return onMessageDelta(event);
      case "message_stop":
        return { kind: "done" };
      case "error": {
        const type = event.error?.type ?? "";
        return {
          kind: "error",
          message: event.error?.message ?? "upstream stream error",
          status: statusForAnthropicErrorType(type),
        };
      }
      default:
        // ping, and event types newer than this code.
        return NOTHING;
    }
  };
}
