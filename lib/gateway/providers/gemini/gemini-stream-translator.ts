// streamGenerateContent?alt=sse → OpenAI chat.completion.chunk steps. Each SSE `data:` is a whole
// GenerateContentResponse holding the next slice of every candidate.
import type { ChatCompletionChunk, Usage } from "../../schemas/chat";
import type { StreamStep, UpstreamEvent } from "../types";
import { completionId, createCallIdCounter, readCandidateParts } from "./convert-gemini-response";
import { convertGeminiUsage } from "./convert-gemini-usage";
import { geminiErrorBodySchema, geminiGenerateContentResponseSchema } from "./gemini-api";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason";

interface ChoiceState {
  roleSent: boolean;
  /** OpenAI's tool_calls[].index counts the calls of one choice across the whole stream. */
  toolCallCount: number;
  finished: boolean;
}

/**
 * One translator per stream. Gemini repeats usageMetadata, growing, on every event and sends no [DONE]; its last
 * event is the one carrying finishReason. So after the event in which every candidate has finished we emit one
 * usage chunk (choices: []) with the latest usage. A StreamStep cannot carry chunks and the end together, and
 * Gemini closes the connection after that event, so the gateway's "upstream closed after a finish_reason" path is
 * what normally ends the stream; should anything still arrive, it is answered with `done`.
 */
export function createGeminiStreamTranslator(): (event: UpstreamEvent) => StreamStep {
  let id: string | undefined;
  const created = Math.floor(Date.now() / 1000);
  let model = "";
  let latestUsage: Usage | undefined;
  let ended = false;
  const choices = new Map<number, ChoiceState>();
  const nextCallId = createCallIdCounter();

  const chunk = (chunkChoices: ChatCompletionChunk["choices"], usage?: Usage): ChatCompletionChunk => {
    const built: ChatCompletionChunk = {
      id: id ?? completionId(undefined),
      object: "chat.completion.chunk",
      created,
      model,
      choices: chunkChoices,
    };
    if (usage) built.usage = usage;
    return built;
  };

  const choiceState = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (!state) {
      state = { roleSent: false, toolCallCount: 0, finished: false };
      choices.set(index, state);
    }
    return state;
  };

  const end = (chunks: ChatCompletionChunk[]): StreamStep => {
    ended = true;
    if (latestUsage) chunks.push(chunk([], latestUsage));
    return { kind: "chunks", chunks };
  };

  return (event) => {
    if (ended) return { kind: "done" };
    const data = event.data.trim();
    if (!data) return { kind: "chunks", chunks: [] };

    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return { kind: "error", message: "Gemini sent a stream event that is not JSON" };
    }

    // A failure after the stream has started (overload, quota, internal) arrives as an event holding an error object.
    const failure = geminiErrorBodySchema.safeParse(json);
    if (failure.success) {
      return {
        kind: "error",
        message: failure.data.error.message ?? failure.data.error.status ?? "Gemini stream error",
        status: failure.data.error.code,
      };
    }

    const parsed = geminiGenerateContentResponseSchema.safeParse(json);
    if (!parsed.success)
      return { kind: "error", message: "Gemini sent a stream event that is not a GenerateContentResponse" };
    const response = parsed.data;
    id ??= completionId(response.responseId);
    if (response.modelVersion) model = response.modelVersion;
    if (response.usageMetadata) latestUsage = convertGeminiUsage(response.usageMetadata);

    const candidates = response.candidates ?? [];
    if (candidates.length === 0 && response.promptFeedback?.blockReason) {
      // The prompt itself was blocked: the one event has no candidates, and nothing more will come.
      return end([chunk([{ index: 0, delta: { role: "assistant", content: null }, finish_reason: "content_filter" }])]);
    }

    const chunks: ChatCompletionChunk[] = [];
    let finishedNow = false;
    candidates.forEach((candidate, position) => {
      const index = candidate.index ?? position;
      const state = choiceState(index);
      const output = readCandidateParts(candidate.content?.parts ?? [], nextCallId);
      const delta: Record<string, unknown> = {};
      if (!state.roleSent) delta.role = "assistant";
      if (output.reasoning !== undefined) delta.reasoning_content = output.reasoning;
      if (output.text !== undefined) delta.content = output.text;
      if (output.toolCalls.length > 0) {
        // Gemini sends each call whole, so one delta carries its id, name and complete arguments.
        delta.tool_calls = output.toolCalls.map((call) => ({ index: state.toolCallCount++, ...call }));
      }
      const finishReason = candidate.finishReason
        ? mapGeminiFinishReason(candidate.finishReason, state.toolCallCount > 0)
        : null;
      if (Object.keys(delta).length === 0 && finishReason === null) return;
      state.roleSent = true;
      if (finishReason !== null) {
        state.finished = true;
        finishedNow = true;
      }
      chunks.push(chunk([{ index, delta, finish_reason: finishReason }]));
    });

    const allFinished = choices.size > 0 && [...choices.values()].every((state) => state.finished);
    return finishedNow && allFinished ? end(chunks) : { kind: "chunks", chunks };
  };
}
