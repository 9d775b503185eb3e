// POST /v1/messages: the Anthropic Messages API in and out, on any model (so the Anthropic SDK and Claude Code work
// by changing their base URL). An Anthropic model gets the request as it came — cache_control, thinking signatures,
// beta features intact — and its events are relayed as they arrive; any other model is served by the chat core,
// with the request and the answer translated (lib/gateway/messages/).
import { catalogFor } from "../../byo/account-catalog";
import type { CatalogModel } from "../../catalog/catalog";
import { anthropicErrorType, toAnthropicError } from "../errors";
import { readBodyText, type GatewayContext } from "../pipeline";
import { parseJsonBody } from "../schemas/validate";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { readUsage } from "../metering/cost";
import { usageBody } from "../metering/usage-body";
import { namedFrame } from "../sse";
import { nativeMessagesRequest } from "../providers/anthropic/adapter";
import { parseMessagesRequest, type MessagesRequest } from "../messages/anthropic-messages-schema";
import { toOpenAIChatRequest, untranslatedFields } from "../messages/anthropic-to-openai-request";
import { fitSystemMessages } from "../messages/system-messages";
import { parseProviderPreferences, steerCandidates } from "../routing/provider-preferences";
import { noteDroppedParams } from "../providers/upstream-params";
import { clampOutputTokens, noteClamp } from "./upstream-fit";
import { toAnthropicMessage } from "../messages/openai-to-anthropic-response";
import { createAnthropicStreamWriter } from "../messages/openai-to-anthropic-stream";
import type { ChatRequestBody } from "../schemas/chat";
import { runChat, type ChatShape } from "./chat-completions";
import { serveNatively } from "./serve-natively";
import type { StreamOutput } from "./stream-relay";

const anthropicShape: ChatShape = {
  streamOutput(model) {
    const writer = createAnthropicStreamWriter(model.id);
    return {
      event: (_raw, chunks) => chunks.map((chunk) => writer.push(chunk)).join(""),
      end: (usage, costMicros) => writer.finish(usageBody(usage, costMicros)),
      error: (error) => writer.error(error.message, anthropicErrorType(error)),
    };
  },
  completion: (completion, model) => toAnthropicMessage(completion, model.id),
};

export async function handleMessages(context: GatewayContext): Promise<Response> {
  const { text, bytes } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  noteRequestedModel(context, raw);
  const request = parseMessagesRequest(raw);
  const requested = [request.model, ...(Array.isArray(raw.models) ? (raw.models as string[]) : [])];
  const models = resolveModels(await catalogFor(context.principal), requested, context, "chat");
  const native =
    models.length === 1 &&
    models[0].deployments.length > 0 &&
    models[0].deployments.every((deployment) => deployment.provider.kind === "anthropic");
  if (native) return serveMessagesNatively(context, raw, request, models[0], bytes);
  // Translation refuses what only Anthropic understands (server tools, …) before any credit is reserved.
  return runChat(context, toOpenAIChatRequest(request), bytes, {
    shape: anthropicShape,
    alsoDropped: untranslatedFields(raw),
    adapt: withoutUnaskedReasoning,
  });
}

/**
 * Claude Code asks every model for thinking or effort; a model that does not reason (gpt-4o-mini) refuses
 * reasoning_effort, so the effort goes only to models whose catalog entry lists "reasoning".
 */
function withoutUnaskedReasoning(body: ChatRequestBody, model: CatalogModel): ChatRequestBody {
  if (body.reasoning_effort === undefined || model.capabilities.includes("reasoning")) return body;
  const { reasoning_effort: _, ...rest } = body;
  return rest as ChatRequestBody;
}

/** The Anthropic events as they came, with the public model id in message_start; an `error` event on failure. */
function nativeOutput(model: CatalogModel): StreamOutput {
  let stopped = false;
  return {
    event(raw) {
      if (!raw.event) return "";
      if (raw.event === "message_stop") stopped = true;
      if (raw.event !== "message_start") return namedFrame(raw.event, raw.data);
      const start = JSON.parse(raw.data) as { message?: { model?: string } };
      if (start.message) start.message.model = model.id;
      return namedFrame(raw.event, JSON.stringify(start));
    },
    // An upstream that closed after its final message_delta but before message_stop still ends properly.
    end: () => (stopped ? "" : namedFrame("message_stop", JSON.stringify({ type: "message_stop" }))),
    error: (error, raw) =>
      raw?.event === "error"
        ? namedFrame("error", raw.data)
        : namedFrame("error", JSON.stringify(toAnthropicError(error))),
  };
}

function serveMessagesNatively(
  context: GatewayContext,
  raw: Record<string, unknown>,
  request: MessagesRequest,
  model: CatalogModel,
  bytes: number,
): Promise<Response> {
  const version = context.request.headers.get("anthropic-version");
  const beta = context.request.headers.get("anthropic-beta");
  const preferences = parseProviderPreferences(raw.provider);
  const { body, clampedTo } = clampOutputTokens(fitSystemMessages(raw, model), model);
  return serveNatively(context, {
    endpoint: "messages",
    model,
    stream: request.stream === true,
    promptBytes: bytes,
    maxTokens: request.max_tokens,
    prompt: request.messages,
    countedPrompt: [request.system ?? "", ...request.messages],
    steer: (candidates) => steerCandidates(candidates, preferences),
    noteFit: () => {
      noteClamp(context.headers, clampedTo);
      noteDroppedParams(context.headers, preferences?.ignored ?? []);
    },
    build: (target) => nativeMessagesRequest({ ...target, body, version, beta }),
    streamOutput: () => nativeOutput(model),
    // The answer goes back as it came; the adapter's reading of it gives the usage to charge.
    parse: (adapter, json) => {
      const message = json as Record<string, unknown>;
      return {
        body: message,
        usage: readUsage(adapter.parseChatResponse(json).usage),
        finishReason: typeof message.stop_reason === "string" ? message.stop_reason : null,
      };
    },
    answer: (message) => ({ ...message, model: model.id }),
  });
}
