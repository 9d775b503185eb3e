// A chat answer retold in the legacy text_completion shape: a choice's message content becomes its `text` (after the
// prompt when the client asked for an echo), chat log probabilities become the legacy arrays, and each streamed chunk
// becomes a text_completion chunk.
import type { ChatCompletion, ChatCompletionChunk } from "../schemas/chat";
import type { TextCompletion, TextCompletionChoice, TextCompletionLogprobs } from "../schemas/completions";

interface ChatTokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: Array<{ token: string; logprob: number }>;
}

/** Chat's per-token list → the legacy parallel arrays; offsets count characters from the start of `text`. */
export function legacyLogprobs(logprobs: unknown, startOffset: number): TextCompletionLogprobs | null {
  const content = (logprobs as { content?: unknown } | null | undefined)?.content;
  if (!Array.isArray(content)) return null;
  const result: TextCompletionLogprobs = { tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] };
  let offset = startOffset;
  for (const entry of content as ChatTokenLogprob[]) {
    result.tokens.push(entry.token);
    result.token_logprobs.push(typeof entry.logprob === "number" ? entry.logprob : null);
    result.top_logprobs.push(
      Array.isArray(entry.top_logprobs) && entry.top_logprobs.length > 0
        ? Object.fromEntries(entry.top_logprobs.map((top) => [top.token, top.logprob]))
        : null,
    );
    result.text_offset.push(offset);
    offset += entry.token.length;
  }
  return result;
}

export function textCompletionId(chatId: string | undefined): string {
  return `cmpl-${(chatId ?? "").replace(/^chatcmpl-/, "") || crypto.randomUUID().replace(/-/g, "")}`;
}

export function toTextCompletion(completion: ChatCompletion, echo: string | null): TextCompletion {
  const prefix = echo ?? "";
  const choices: TextCompletionChoice[] = (completion.choices ?? []).map((choice) => ({
    text: prefix + (typeof choice.message?.content === "string" ? choice.message.content : ""),
    index: choice.index,
    logprobs: legacyLogprobs(choice.logprobs, prefix.length),
    finish_reason: choice.finish_reason,
  }));
  const answer: TextCompletion = {
    id: textCompletionId(completion.id),
    object: "text_completion",
    created: completion.created,
    model: completion.model,
    choices,
  };
  if (completion.system_fingerprint) answer.system_fingerprint = completion.system_fingerprint;
  if (completion.usage) answer.usage = completion.usage;
  return answer;
}

/** Per stream: turns chat chunks into text_completion chunks, the echoed prompt first in each choice's first chunk. */
export function createChunkRetold(echo: string | null) {
  const started = new Set<number>();
  const offsets = new Map<number, number>();
  return (chunk: ChatCompletionChunk): ChatCompletionChunk => {
    const choices = (chunk.choices ?? []).map((choice) => {
      const delta = choice.delta ?? {};
      const content = typeof delta.content === "string" ? delta.content : "";
      // Where this chunk's content starts in the choice's whole text (the echoed prompt comes first).
      let start = offsets.get(choice.index) ?? 0;
      let text = content;
      if (!started.has(choice.index)) {
        started.add(choice.index);
        if (echo) {
          text = echo + content;
          start = echo.length;
        }
      }
      offsets.set(choice.index, start + content.length);
      return {
        text,
        index: choice.index,
        logprobs: legacyLogprobs(choice.logprobs, start),
        finish_reason: choice.finish_reason,
      };
    });
    const retold: Record<string, unknown> = {
      id: textCompletionId(chunk.id),
      object: "text_completion",
      created: chunk.created,
      model: chunk.model,
      choices,
    };
    if (chunk.usage !== undefined) retold.usage = chunk.usage;
    return retold as unknown as ChatCompletionChunk;
  };
}
