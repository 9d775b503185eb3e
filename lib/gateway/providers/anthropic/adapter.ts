// Anthropic's Messages API behind the gateway's OpenAI-shaped interface: a pure translation (DESIGN.md, principle 2).
// Each job lives in its own file; this one wires them to the ProviderAdapter contract.
import type { ProviderAdapter, UpstreamRequest } from "../types";
import { GATEWAY_FIELDS, paramPolicy } from "../upstream-params";
import { ANTHROPIC_VERSION } from "./anthropic-api";
import { parseAnthropicError } from "./anthropic-error";
import { createAnthropicStreamTranslator } from "./anthropic-stream-translator";
import { convertAnthropicResponse } from "./convert-anthropic-response";
import { convertToAnthropicRequest } from "./convert-to-anthropic-request";

/** The chat request fields convertToAnthropicRequest reads; the others have no Anthropic counterpart. */
const ANTHROPIC_CHAT_PARAMS = new Set([
  "model",
  "messages",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "top_k",
  "stop",
  "n",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "reasoning_effort",
  "user",
  "stream",
  "stream_options",
]);

export function createAnthropicAdapter(): ProviderAdapter {
  return {
    chatParams: paramPolicy(ANTHROPIC_CHAT_PARAMS, []),
    buildChatRequest({ baseUrl, apiKey, upstreamModel, body, stream }): UpstreamRequest {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: stream ? "text/event-stream" : "application/json",
        "anthropic-version": ANTHROPIC_VERSION,
      };
      if (apiKey) headers["x-api-key"] = apiKey;
      return {
        url: `${messagesBase(baseUrl)}/v1/messages`,
        method: "POST",
        headers,
        body: JSON.stringify(convertToAnthropicRequest(body, upstreamModel, stream)),
      };
    },
    parseChatResponse: (json) => convertAnthropicResponse(json),
    createStreamTranslator: () => createAnthropicStreamTranslator(),
    parseError: parseAnthropicError,
    buildKeyCheckRequest: ({ baseUrl, apiKey }) => {
      const headers: Record<string, string> = { accept: "application/json", "anthropic-version": ANTHROPIC_VERSION };
      if (apiKey) headers["x-api-key"] = apiKey;
      return { url: `${messagesBase(baseUrl)}/v1/models?limit=1`, method: "GET", headers };
    },
  };
}

/**
 * A request that already speaks the Messages API (POST /v1/messages served by an Anthropic model) goes upstream as
 * it came — cache_control, thinking signatures, server tools intact — with only the model and the key replaced.
 * The client's anthropic-version and anthropic-beta headers go along: they select the features the body uses.
 */
export function nativeMessagesRequest(options: {
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: Record<string, unknown>;
  version: string | null;
  beta: string | null;
}): UpstreamRequest {
  const stream = options.body.stream === true;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
    "anthropic-version": options.version ?? ANTHROPIC_VERSION,
  };
  if (options.beta) headers["anthropic-beta"] = options.beta;
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  return {
    url: `${messagesBase(options.baseUrl)}/v1/messages`,
    method: "POST",
    headers,
    body: JSON.stringify({ ...withoutGatewayFields(options.body), model: options.upstreamModel }),
  };
}

/** `models` and `provider` steer the gateway; Anthropic refuses fields it does not know. */
function withoutGatewayFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([name]) => !GATEWAY_FIELDS.has(name)));
}

/** The base URL is the host ("https://api.anthropic.com"); one configured with a trailing "/v1" or "/" still works. */
function messagesBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
}
