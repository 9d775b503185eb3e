// A legacy completions request for a model that is served through chat: the prompt becomes one user message, and
// what has no chat counterpart is refused with a 400 naming the field rather than answered wrongly (a suffix to fill
// in, several prompts at once, best_of, log probabilities of an echoed prompt).
import { GatewayError } from "../errors";
import type { ChatRequestBody } from "../schemas/chat";
import type { CompletionRequestBody } from "../schemas/completions";

/** OpenAI's default for legacy completions: without max_tokens, an answer stops at 16 tokens. */
export const LEGACY_DEFAULT_MAX_TOKENS = 16;

/** Legacy fields the translation reads; any other field goes on into the chat body, for the chat core to judge. */
const LEGACY_ONLY = new Set(["prompt", "suffix", "echo", "logprobs", "best_of", "max_tokens"]);

function refuse(param: string, what: string): GatewayError {
  return new GatewayError(
    "invalid_value",
    `Invalid '${param}': ${what} needs a model that serves /v1/completions natively (a model listing the "completions" capability); this one is served through chat`,
    { param },
  );
}

/** The prompt text a chat model is given, or a 400 for what a chat model cannot be given. */
export function singlePrompt(prompt: CompletionRequestBody["prompt"]): string {
  if (typeof prompt === "string") return prompt;
  if (prompt.length === 1 && typeof prompt[0] === "string") return prompt[0];
  if (prompt.some((item) => typeof item !== "string")) throw refuse("prompt", "a prompt of token ids");
  throw refuse("prompt", "more than one prompt per request");
}

/** Refuses, before anything is reserved, what only a native upstream can do. */
export function checkTranslatable(body: CompletionRequestBody): void {
  singlePrompt(body.prompt);
  if (typeof body.suffix === "string" && body.suffix !== "") throw refuse("suffix", "a suffix");
  if (typeof body.best_of === "number" && body.best_of > (body.n ?? 1)) throw refuse("best_of", "best_of");
  if (body.echo === true && typeof body.logprobs === "number") {
    throw refuse("echo", "echo with logprobs (the log probabilities of the prompt)");
  }
}

export function toChatRequest(body: CompletionRequestBody): ChatRequestBody {
  checkTranslatable(body);
  const chat: ChatRequestBody = {
    ...Object.fromEntries(Object.entries(body).filter(([field]) => !LEGACY_ONLY.has(field))),
    model: body.model,
    messages: [{ role: "user", content: singlePrompt(body.prompt) }],
    max_tokens: body.max_tokens ?? LEGACY_DEFAULT_MAX_TOKENS,
  };
  if (typeof body.logprobs === "number") {
    chat.logprobs = true;
    if (body.logprobs > 0) chat.top_logprobs = body.logprobs;
  }
  return chat;
}
