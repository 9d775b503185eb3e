// A Gemini GenerateContentResponse → an OpenAI chat.completion.
import type { ChatCompletion, ChatCompletionMessage } from "../../schemas/chat";
import { convertGeminiUsage } from "./convert-gemini-usage";
import { geminiGenerateContentResponseSchema, type GeminiResponsePart } from "./gemini-api";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason";

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface CandidateOutput {
  text: string | undefined;
  reasoning: string | undefined;
  toolCalls: OpenAIToolCall[];
}

/**
 * Sorts a candidate's parts into answer text, thought summaries and function calls. Gemini gives calls no id an
 * OpenAI client can rely on, so each gets the next `call_<n>` from the caller's counter, unique across the response.
 * Parts that carry only a thoughtSignature (an empty text part) add nothing.
 */
export function readCandidateParts(parts: GeminiResponsePart[], nextCallId: () => string): CandidateOutput {
  let text: string | undefined;
  let reasoning: string | undefined;
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of parts) {
    if (part.functionCall) {
      toolCalls.push({
        id: nextCallId(),
        type: "function",
        function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (part.text) {
      if (part.thought) reasoning = (reasoning ?? "") + part.text;
      else text = (text ?? "") + part.text;
    }
  }
  return { text, reasoning, toolCalls };
}

export function createCallIdCounter(): () => string {
  let count = 0;
  return () => `call_${count++}`;
}

/** A response id for the client: Gemini's own when it sends one, so logs on both sides line up. */
export function completionId(responseId: string | undefined): string {
  return `chatcmpl-${responseId ?? crypto.randomUUID()}`;
}

export function convertGeminiResponse(json: unknown): ChatCompletion {
  const parsed = geminiGenerateContentResponseSchema.safeParse(json);
  if (!parsed.success) throw new Error("Gemini answered with a body that is not a GenerateContentResponse");
  const response = parsed.data;
  const nextCallId = createCallIdCounter();
  const choices: ChatCompletion["choices"] = (response.candidates ?? []).map((candidate, position) => {
    const output = readCandidateParts(candidate.content?.parts ?? [], nextCallId);
    const message: ChatCompletionMessage = { role: "assistant", content: output.text ?? null, refusal: null };
    if (output.reasoning !== undefined) message.reasoning_content = output.reasoning;
    if (output.toolCalls.length > 0) message.tool_calls = output.toolCalls;
    const finishReason = candidate.finishReason
      ? mapGeminiFinishReason(candidate.finishReason, output.toolCalls.length > 0)
      : null;
    return { index: candidate.index ?? position, message, logprobs: null, finish_reason: finishReason };
  });

  // A prompt blocked by safety gets no candidates at all, only promptFeedback.blockReason.
  if (choices.length === 0 && response.promptFeedback?.blockReason) {
    const message: ChatCompletionMessage = { role: "assistant", content: null, refusal: null };
    choices.push({ index: 0, message, logprobs: null, finish_reason: "content_filter" });
  }

  const completion: ChatCompletion = {
    id: completionId(response.responseId),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? "",
    choices,
  };
  if (response.usageMetadata) completion.usage = convertGeminiUsage(response.usageMetadata);
  return completion;
}
