// OpenAI chat.completion.chunk stream → Anthropic Messages stream events, for POST /v1/messages answered by a model
// that is not Anthropic's. Anthropic clients rebuild the message strictly by these events: message_start once,
// then per content block content_block_start / _delta… / _stop with indexes 0, 1, 2… in order (the SDK appends
// a block at each start and finds it by index at each delta), then message_delta (stop_reason, usage) once and
// message_stop. OpenAI streams one delta per chunk with no blocks, and its usage comes last, in a chunk without
// choices; so the writer opens and closes blocks as the kind of delta changes, and holds message_delta until
// both the finish reason and the usage are known (or finish() says the stream is over).
import { z } from "zod";
import type { ChatCompletionChunk, Usage } from "../schemas/chat";
import { namedFrame } from "../sse";
import { toAnthropicUsage } from "./convert-openai-usage";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason";
import { anthropicMessageId, anthropicToolUseId, readReasoning } from "./openai-to-anthropic-response";

export interface AnthropicStreamWriter {
  /** The SSE frames for one upstream chunk; "" when it adds nothing. */
  push(chunk: ChatCompletionChunk): string;
  /** The closing frames once the upstream stream has ended; `usage` (the gateway's metered usage) wins over any streamed. */
  finish(usage?: Usage | null): string;
  /** An `event: error` frame for a stream that fails after its first byte; Anthropic's stream then just ends. */
  error(message: string, type?: string): string;
}

interface ToolState {
  id: string;
  name: string;
  /** The Anthropic block index once the block is open; null while the name is still unknown. */
  blockIndex: number | null;
  /** Arguments that arrived before the name, sent as the block's first delta once it opens. */
  pendingArguments: string;
}

type OpenBlock = { kind: "thinking" | "text" | "tool_use"; index: number };

const toolCallPiecesSchema = z.array(
  z.looseObject({
    index: z.number().optional(),
    id: z.string().nullish(),
    function: z.looseObject({ name: z.string().nullish(), arguments: z.unknown().optional() }).nullish(),
  }),
);

type ToolCallPiece = z.output<typeof toolCallPiecesSchema>[number];

function argumentsText(value: unknown): string {
  if (typeof value === "string") return value;
  // Some upstreams (Ollama's OpenAI API) send the arguments as an object, whole.
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return "";
}

export function createAnthropicStreamWriter(requestedModel: string): AnthropicStreamWriter {
  let started = false;
  let ended = false;
  let messageDeltaSent = false;
  let nextBlockIndex = 0;
  let openBlock: OpenBlock | null = null;
  const tools: ToolState[] = [];
  const toolsByOpenAIIndex = new Map<number, ToolState>();
  let finishReason: string | null = null;
  let usage: Usage | null = null;

  const event = (data: { type: string; [key: string]: unknown }): string => namedFrame(data.type, JSON.stringify(data));

  const start = (chunk?: ChatCompletionChunk): string => {
    if (started) return "";
    started = true;
    // OpenAI streams give the prompt's token count only at the end, unless an upstream reports usage in every chunk.
    const knownUsage = { ...toAnthropicUsage(chunk?.usage), output_tokens: 0 };
    const message = {
      id: anthropicMessageId(chunk?.id),
      type: "message",
      role: "assistant",
      model: requestedModel,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: knownUsage,
    };
    return event({ type: "message_start", message });
  };

  const closeOpenBlock = (): string => {
    if (openBlock === null) return "";
    const index = openBlock.index;
    openBlock = null;
    return event({ type: "content_block_stop", index });
  };

  const openNewBlock = (
    kind: OpenBlock["kind"],
    contentBlock: Record<string, unknown>,
  ): { frames: string; index: number } => {
    const frames = closeOpenBlock();
    const index = nextBlockIndex++;
    openBlock = { kind, index };
    return { frames: frames + event({ type: "content_block_start", index, content_block: contentBlock }), index };
  };

  const appendText = (kind: "thinking" | "text", text: string): string => {
    if (text === "") return "";
    let frames = "";
    let index = openBlock?.kind === kind ? openBlock.index : null;
    if (index === null) {
      const opened = openNewBlock(
        kind,
        kind === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "", signature: "" },
      );
      frames += opened.frames;
      index = opened.index;
    }
    const delta = kind === "text" ? { type: "text_delta", text } : { type: "thinking_delta", thinking: text };
    return frames + event({ type: "content_block_delta", index, delta });
  };

  const jsonDelta = (index: number, partialJson: string): string =>
    event({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: partialJson } });

  const startTool = (tool: ToolState): string => {
    tool.id = anthropicToolUseId(tool.id);
    const opened = openNewBlock("tool_use", { type: "tool_use", id: tool.id, name: tool.name, input: {} });
    tool.blockIndex = opened.index;
    let frames = opened.frames;
    if (tool.pendingArguments !== "") frames += jsonDelta(opened.index, tool.pendingArguments);
    tool.pendingArguments = "";
    return frames;
  };

  const appendToolPiece = (piece: ToolCallPiece): string => {
    let tool = typeof piece.index === "number" ? toolsByOpenAIIndex.get(piece.index) : tools.at(-1);
    // A new id under an index already seen is a new call: some upstreams number every call 0.
    if (tool === undefined || (piece.id && tool.id && piece.id !== tool.id)) {
      tool = { id: "", name: "", blockIndex: null, pendingArguments: "" };
      tools.push(tool);
    }
    if (typeof piece.index === "number") toolsByOpenAIIndex.set(piece.index, tool);
    if (piece.id && !tool.id) tool.id = piece.id;
    // Some upstreams repeat the name in every piece, so it is set, not appended; a block's name cannot change once open.
    if (piece.function?.name && tool.blockIndex === null) tool.name = piece.function.name;
    const text = argumentsText(piece.function?.arguments);
    if (tool.blockIndex === null) {
      tool.pendingArguments += text;
      return tool.name === "" ? "" : startTool(tool);
    }
    // Upstreams send one call's pieces before the next call's; should one interleave, the piece still goes to its
    // own block's index, which is how Anthropic clients look blocks up.
    return text === "" ? "" : jsonDelta(tool.blockIndex, text);
  };

  const endContent = (): string => {
    if (messageDeltaSent) return "";
    messageDeltaSent = true;
    let frames = "";
    // A call whose name never came is still a call the model made: it is shown rather than lost.
    for (const tool of tools) if (tool.blockIndex === null) frames += startTool(tool);
    frames += closeOpenBlock();
    const stopReason = mapOpenAIFinishReason(finishReason, { hasToolUse: tools.length > 0 });
    const finalUsage = usage === null ? { output_tokens: 0 } : toAnthropicUsage(usage);
    return (
      frames +
      event({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: finalUsage })
    );
  };

  return {
    push(chunk) {
      if (ended) return "";
      let frames = start(chunk);
      // Anthropic messages have one answer: with n > 1, only the first choice is told.
      const choice = chunk.choices.find((candidate) => candidate.index === 0);
      if (choice !== undefined && !messageDeltaSent) {
        const delta = choice.delta ?? {};
        frames += appendText("thinking", readReasoning(delta));
        if (typeof delta.content === "string") frames += appendText("text", delta.content);
        if (typeof delta.refusal === "string") frames += appendText("text", delta.refusal);
        const pieces = toolCallPiecesSchema.safeParse(delta.tool_calls ?? []);
        for (const piece of pieces.success ? pieces.data : []) frames += appendToolPiece(piece);
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) usage = chunk.usage;
      if (finishReason !== null && usage !== null) frames += endContent();
      return frames;
    },

    finish(finalUsage) {
      if (ended) return "";
      ended = true;
      let frames = start();
      if (finalUsage) usage = finalUsage;
      frames += endContent();
      return frames + event({ type: "message_stop" });
    },

    error(message, type = "api_error") {
      if (ended) return "";
      ended = true;
      return event({ type: "error", error: { type, message } });
    },
  };
}
