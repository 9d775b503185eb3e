// Token counts the gateway makes itself, for the requests whose upstream reported none (a stream cut before its
// usage event, an upstream that never sends one, an instance that died mid-request). Policy:
// - Text is counted with OpenAI's o200k_base encoding (gpt-tokenizer), exact for the GPT-4o and o-series families
//   and a close approximation for other providers' tokenizers, which are not public.
// - A prompt is its messages' text, plus 3 tokens per message and 3 for the reply's priming (OpenAI's published
//   accounting); image and audio data are not text and are not counted.
// - A completion is the text the client was sent; tokens an upstream produced after the client left are not charged.
// - The encoder is loaded the first time a request ends without the upstream's usage (a few hundred ms, about 60 MB
//   of memory that a server whose upstreams all report usage never spends); that request waits for it, so its charge
//   is counted exactly. The running snapshots of streams in flight count 4 characters a token.
// Rows charged from these counts say usage_source = "estimated".
import "../../server-only";
import { log } from "../../log";

type Counter = (text: string) => number;

let counter: Counter | undefined;
let loading: Promise<void> | undefined;

/** Loads the encoder, once; resolves when it is ready (or failed to load: estimates then count 4 characters a token). */
export function loadTokenizer(): Promise<void> {
  loading ??= import("gpt-tokenizer/encoding/o200k_base")
    .then((module) => {
      counter = module.countTokens;
    })
    .catch((error: unknown) =>
      log.warn("the tokenizer could not be loaded; estimates count 4 characters a token", { error }),
    );
  return loading;
}

/** Whether an exact count would wait for the encoder to load. */
export function tokenizerPending(): boolean {
  return counter === undefined;
}

export function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Tokens of `text`: exact once the encoder has loaded (loadTokenizer), rough until then. */
export function countTextTokens(text: string): number {
  if (text.length === 0) return 0;
  return counter ? counter(text) : roughTokens(text);
}

const NOT_TEXT = new Set([
  "url",
  "image_url",
  "data",
  "source",
  "input_audio",
  "file_data",
  "role",
  "type",
  "id",
  "cache_control",
]);

/** The text of a prompt (chat messages, Anthropic messages and system, or a plain string), for counting. */
export function promptText(prompt: unknown): { text: string; messages: number } {
  const parts: string[] = [];
  const stack: unknown[] = [prompt];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") parts.push(value);
    else if (Array.isArray(value)) for (let index = value.length - 1; index >= 0; index--) stack.push(value[index]);
    else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) if (!NOT_TEXT.has(key)) stack.push(child);
    }
  }
  return { text: parts.join("\n"), messages: Array.isArray(prompt) ? prompt.length : 1 };
}

/** Prompt tokens by OpenAI's accounting; `count` is countTextTokens or roughTokens. */
export function promptTokens(prompt: unknown, count: (text: string) => number = countTextTokens): number {
  const { text, messages } = promptText(prompt);
  return count(text) + 3 * messages + 3;
}
