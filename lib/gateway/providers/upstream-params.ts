// Which request fields go upstream. Fields of the gateway's own steer routing and never leave it; the fields of a
// first-party API (OpenAI, the hosted OpenAI-compatible vendors) are the ones it documents, and anything else is
// dropped rather than refused upstream on a shared key ("Unrecognized request argument supplied"); servers that take
// extra sampling parameters (vLLM, Ollama, custom OpenAI-compatible servers) get every field. What is dropped is
// named to the client in x-switchyard-dropped-params.

/** OpenRouter's routing fields and ours: they steer this gateway and mean nothing to an upstream. */
export const GATEWAY_FIELDS: ReadonlySet<string> = new Set(["models", "provider", "route"]);

/** OpenAI's Chat Completions request parameters, as its API reference (and the official SDK's types) list them. */
export const OPENAI_CHAT_PARAMS: ReadonlySet<string> = new Set([
  "messages",
  "model",
  "audio",
  "frequency_penalty",
  "function_call",
  "functions",
  "logit_bias",
  "logprobs",
  "max_completion_tokens",
  "max_tokens",
  "metadata",
  "modalities",
  "n",
  "parallel_tool_calls",
  "prediction",
  "presence_penalty",
  "prompt_cache_key",
  "prompt_cache_retention",
  "reasoning_effort",
  "response_format",
  "safety_identifier",
  "seed",
  "service_tier",
  "stop",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "tool_choice",
  "tools",
  "top_logprobs",
  "top_p",
  "user",
  "verbosity",
  "web_search_options",
]);

/** OpenAI's legacy Completions request parameters. */
export const OPENAI_COMPLETION_PARAMS: ReadonlySet<string> = new Set([
  "model",
  "prompt",
  "best_of",
  "echo",
  "frequency_penalty",
  "logit_bias",
  "logprobs",
  "max_tokens",
  "n",
  "presence_penalty",
  "seed",
  "stop",
  "stream",
  "stream_options",
  "suffix",
  "temperature",
  "top_p",
  "user",
]);

/**
 * What an upstream takes besides the standard parameters: "any" for servers that accept extra parameters, else the
 * vendor's own documented additions.
 */
export type ExtraParams = "any" | readonly string[];

export interface ParamPolicy {
  accepts(name: string): boolean;
}

export function paramPolicy(standard: ReadonlySet<string>, extra: ExtraParams): ParamPolicy {
  if (extra === "any") return { accepts: (name) => !GATEWAY_FIELDS.has(name) };
  const extras = new Set(extra);
  return { accepts: (name) => standard.has(name) || extras.has(name) };
}

/** The body an upstream takes, and the client's fields it does not (gateway fields are neither: they were used). */
export function splitParams(
  body: Record<string, unknown>,
  policy: ParamPolicy,
): { kept: Record<string, unknown>; dropped: string[] } {
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (policy.accepts(name)) kept[name] = value;
    else if (!GATEWAY_FIELDS.has(name)) dropped.push(name);
  }
  return { kept, dropped };
}

/** The client's fields an adapter that builds its body field by field (Anthropic, Gemini) does not read. */
export function unreadParams(body: Record<string, unknown>, policy: ParamPolicy): string[] {
  return splitParams(body, policy).dropped;
}

/** A header carries a bounded list: a body can hold thousands of made-up fields. */
const MAX_NAMED = 32;
const MAX_NAME_LENGTH = 64;

/** A field name as a header may carry it: printable ASCII, no comma, cut short. */
function headerSafe(name: string): string {
  // Printable ASCII but the list's comma; spaces inside a name ("tools[1] (web_search)") stay, at its ends they go.
  const safe = name.replace(/[^\x20-\x2b\x2d-\x7e]/g, "?").trim();
  return safe.length > MAX_NAME_LENGTH ? `${safe.slice(0, MAX_NAME_LENGTH)}…` : safe;
}

/** The x-switchyard-dropped-params header: the names, comma-separated (at most 32, then "…"), or nothing. */
export function noteDroppedParams(headers: Headers, names: Iterable<string>): void {
  const unique = [...new Set([...names].map(headerSafe))].filter((name) => name !== "");
  if (unique.length === 0) {
    headers.delete("x-switchyard-dropped-params");
    return;
  }
  const named = unique.length > MAX_NAMED ? [...unique.slice(0, MAX_NAMED), "…"] : unique;
  // Headers hold Latin-1 only: the ellipsis is sent as three dots.
  headers.set("x-switchyard-dropped-params", named.join(", ").replaceAll("…", "..."));
}
