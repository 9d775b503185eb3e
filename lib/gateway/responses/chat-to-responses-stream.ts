// Chat completion chunks → the Responses API's event stream, for a streamed POST /v1/responses answered by a model
// that is not OpenAI's. The sequence OpenAI sends: response.created, response.in_progress, then per output item
// output_item.added → (content_part.added → output_text.delta… → output_text.done → content_part.done |
// function_call_arguments.delta… → function_call_arguments.done | reasoning_summary_part.added →
// reasoning_summary_text.delta… → …done) → output_item.done, and last response.completed (or response.incomplete)
// carrying usage. Every event has a sequence_number, counted from 0. A failure after the first byte ends with an
// `error` event and response.failed.
import type { ChatCompletionChunk } from "../schemas/chat";
import { namedFrame } from "../sse";
import {
  finishedStatus,
  functionCallItem,
  messageItem,
  newItemId,
  outputTextPart,
  reasoningItem,
  type OutputItem,
  type ResponseObject,
  type ResponsesUsage,
} from "./response-object";

interface OpenItem {
  kind: "message" | "reasoning" | "function_call";
  id: string;
  outputIndex: number;
  text: string;
  /** For a function call: the chat tool call's index, its id and name. */
  toolIndex?: number;
  callId?: string;
  name?: string;
}

interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

export interface ResponsesStreamWriter {
  push(chunk: ChatCompletionChunk): string;
  finish(usage: ResponsesUsage): { frames: string; response: ResponseObject };
  error(code: string, message: string, param: string | null): string;
}

export function createResponsesStreamWriter(skeleton: ResponseObject): ResponsesStreamWriter {
  let sequence = 0;
  let started = false;
  let current: OpenItem | undefined;
  let finishReason: string | null = null;
  const output: OutputItem[] = [];

  const frame = (type: string, fields: Record<string, unknown>) =>
    namedFrame(type, JSON.stringify({ type, ...fields, sequence_number: sequence++ }));

  const start = (): string => {
    if (started) return "";
    started = true;
    const response = { ...skeleton, output: [] };
    return frame("response.created", { response }) + frame("response.in_progress", { response });
  };

  const close = (): string => {
    const item = current;
    if (!item) return "";
    current = undefined;
    const at = { item_id: item.id, output_index: item.outputIndex };
    let frames = "";
    let done: OutputItem;
    if (item.kind === "message") {
      frames += frame("response.output_text.done", { ...at, content_index: 0, text: item.text, logprobs: [] });
      frames += frame("response.content_part.done", { ...at, content_index: 0, part: outputTextPart(item.text) });
      done = messageItem(item.id, item.text, "completed");
    } else if (item.kind === "reasoning") {
      const part = { type: "summary_text", text: item.text };
      frames += frame("response.reasoning_summary_text.done", { ...at, summary_index: 0, text: item.text });
      frames += frame("response.reasoning_summary_part.done", { ...at, summary_index: 0, part });
      done = reasoningItem(item.id, item.text);
    } else {
      const call = { callId: item.callId ?? item.id, name: item.name ?? "", arguments: item.text };
      frames += frame("response.function_call_arguments.done", { ...at, name: call.name, arguments: item.text });
      done = functionCallItem(item.id, call, "completed");
    }
    output.push(done);
    return frames + frame("response.output_item.done", { output_index: item.outputIndex, item: done });
  };

  const open = (kind: OpenItem["kind"], extra: Partial<OpenItem> = {}): string => {
    let frames = close();
    const prefix = kind === "message" ? "msg" : kind === "reasoning" ? "rs" : "fc";
    const item: OpenItem = { kind, id: newItemId(prefix), outputIndex: output.length, text: "", ...extra };
    current = item;
    const at = { item_id: item.id, output_index: item.outputIndex };
    if (kind === "message") {
      frames += frame("response.output_item.added", {
        output_index: item.outputIndex,
        item: messageItem(item.id, "", "in_progress"),
      });
      frames += frame("response.content_part.added", { ...at, content_index: 0, part: outputTextPart("") });
    } else if (kind === "reasoning") {
      frames += frame("response.output_item.added", {
        output_index: item.outputIndex,
        item: reasoningItem(item.id, ""),
      });
      frames += frame("response.reasoning_summary_part.added", {
        ...at,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
    } else {
      const call = { callId: item.callId ?? item.id, name: item.name ?? "", arguments: "" };
      frames += frame("response.output_item.added", {
        output_index: item.outputIndex,
        item: functionCallItem(item.id, call, "in_progress"),
      });
    }
    return frames;
  };

  const push = (chunk: ChatCompletionChunk): string => {
    let frames = start();
    const choice = chunk.choices?.find((candidate) => candidate.index === 0);
    if (!choice) return frames;
    const delta = choice.delta ?? {};
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === "string" && reasoning) {
      if (current?.kind !== "reasoning") frames += open("reasoning");
      const item = current as OpenItem;
      item.text += reasoning;
      frames += frame("response.reasoning_summary_text.delta", {
        item_id: item.id,
        output_index: item.outputIndex,
        summary_index: 0,
        delta: reasoning,
      });
    }
    if (typeof delta.content === "string" && delta.content) {
      if (current?.kind !== "message") frames += open("message");
      const item = current as OpenItem;
      item.text += delta.content;
      frames += frame("response.output_text.delta", {
        item_id: item.id,
        output_index: item.outputIndex,
        content_index: 0,
        delta: delta.content,
        logprobs: [],
      });
    }
    for (const call of (Array.isArray(delta.tool_calls) ? delta.tool_calls : []) as ToolCallDelta[]) {
      const toolIndex = call.index ?? 0;
      if (current?.kind !== "function_call" || current.toolIndex !== toolIndex)
        frames += open("function_call", { toolIndex, callId: call.id, name: call.function?.name });
      const item = current as OpenItem;
      const piece = call.function?.arguments;
      if (typeof piece === "string" && piece) {
        item.text += piece;
        frames += frame("response.function_call_arguments.delta", {
          item_id: item.id,
          output_index: item.outputIndex,
          delta: piece,
        });
      }
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
    return frames;
  };

  return {
    push,
    finish(usage) {
      const frames = start() + close();
      const response: ResponseObject = { ...skeleton, ...finishedStatus(finishReason), output, usage };
      const type = response.status === "incomplete" ? "response.incomplete" : "response.completed";
      return { frames: frames + frame(type, { response }), response };
    },
    error(code, message, param) {
      const frames = start() + close();
      const response: ResponseObject = { ...skeleton, status: "failed", error: { code, message }, output };
      return frames + frame("error", { code, message, param }) + frame("response.failed", { response });
    },
  };
}
