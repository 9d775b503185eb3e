// POST /v1/responses: OpenAI's Responses API in and out, on any model (Codex CLI, the AI SDK's default OpenAI
// provider, `client.responses`). An OpenAI model gets the request at its own /v1/responses and its events are relayed
// as they come; any other model is served by the chat core, with the request and the answer translated
// (lib/gateway/responses/). Either way the gateway keeps the response for the key (`store`) and expands
// `previous_response_id` itself, so that conversations work on every model and fail over across upstream keys.
// GET and DELETE /v1/responses/{id} read and remove what was kept; GET /v1/responses/{id}/input_items lists its input.
import { catalogFor } from "../../byo/account-catalog";
import { microsToUsd } from "../../money";
import type { CatalogModel } from "../../catalog/catalog";
import { GatewayError } from "../errors";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { parseJsonBody } from "../schemas/validate";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import type { UpstreamTarget } from "../routing/upstream-attempt";
import { readUsage } from "../metering/cost";
import type { Meter } from "../metering/meter";
import { namedFrame } from "../sse";
import type { UpstreamRequest } from "../providers/types";
import {
  inputItems,
  parseResponsesRequest,
  type InputItem,
  type ResponsesRequest,
} from "../responses/responses-schema";
import { toChatRequest } from "../responses/responses-to-chat-request";
import { toResponseObject } from "../responses/chat-to-response";
import { createResponsesStreamWriter } from "../responses/chat-to-responses-stream";
import { createResponsesEventReader } from "../responses/read-responses-event";
import {
  chatUsageOf,
  newItemId,
  responseSkeleton,
  responsesUsageOfChat,
  toResponsesUsage,
  type ResponseObject,
} from "../responses/response-object";
import {
  conversationOf,
  deleteStoredResponse,
  findStoredResponse,
  listInputItems,
  storeResponse,
} from "../responses/stored-responses";
import { runChat, type ChatShape } from "./chat-completions";
import { parseProviderPreferences, steerCandidates } from "../routing/provider-preferences";
import { noteDroppedParams } from "../providers/upstream-params";
import { serveNatively } from "./serve-natively";
import type { StreamOutput } from "./stream-relay";

/** What a request continues and adds: the earlier conversation (previous_response_id) and its own input. */
interface Conversation {
  history: InputItem[];
  input: InputItem[];
}

export async function handleCreateResponse(context: GatewayContext): Promise<Response> {
  const { text, bytes } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  noteRequestedModel(context, raw);
  const request = parseResponsesRequest(raw);
  const previous = request.previous_response_id
    ? await findStoredResponse(context.principal.keyId, request.previous_response_id, "previous_response_id")
    : undefined;
  const conversation: Conversation = {
    history: previous ? conversationOf(previous) : [],
    input: inputItems(request.input),
  };
  // The expanded history is prompt too: the reserve covers it.
  const promptBytes = bytes + (previous ? Buffer.byteLength(JSON.stringify(conversation.history)) : 0);
  const requested = [request.model, ...(request.models ?? [])];
  const models = resolveModels(await catalogFor(context.principal), requested, context, "chat");
  const native =
    models.length === 1 &&
    models[0].deployments.length > 0 &&
    models[0].deployments.every((deployment) => deployment.provider.id === "openai");
  if (native) return serveResponsesNatively(context, raw, request, conversation, models[0], promptBytes);
  // Translation refuses what only OpenAI serves before any credit is reserved.
  const { body, dropped } = toChatRequest(request, conversation.history, conversation.input);
  return runChat(context, body, promptBytes, {
    shape: translatedShape(context, request, conversation),
    alsoDropped: dropped,
  });
}

/**
 * Keeps a finished response for the key, unless the client said `store: false`. The write starts as the last event or
 * the body is handed over (a stream's end runs outside the request's scope, where after() cannot be called); this
 * instance's reads wait for it, so a follow-up sent the moment the answer arrived finds it.
 */
function keeper(context: GatewayContext, request: ResponsesRequest, conversation: Conversation) {
  return (response: ResponseObject) => {
    if (request.store === false) return;
    const input = [...conversation.history, ...conversation.input];
    void storeResponse(context.principal.keyId, { input, response });
  };
}

function translatedShape(context: GatewayContext, request: ResponsesRequest, conversation: Conversation): ChatShape {
  const id = newItemId("resp");
  const createdAt = Math.floor(Date.now() / 1000);
  const keep = keeper(context, request, conversation);
  return {
    endpoint: "responses",
    streamOutput(model): StreamOutput {
      const writer = createResponsesStreamWriter(responseSkeleton(request, id, model.id, createdAt));
      return {
        event: (_raw, chunks) => chunks.map((chunk) => writer.push(chunk)).join(""),
        end(usage, costMicros) {
          const { frames, response } = writer.finish(toResponsesUsage(usage, costMicros));
          keep(response);
          return frames;
        },
        error: (error) => writer.error(error.code, error.message, error.param),
      };
    },
    completion(completion, model) {
      if (!completion.usage) throw new GatewayError("internal_error", "A metered completion carries usage");
      const skeleton = responseSkeleton(request, id, model.id, createdAt);
      const response = toResponseObject(completion, skeleton, responsesUsageOfChat(completion.usage));
      keep(response);
      return response;
    },
  };
}

/**
 * The body an OpenAI model gets: the client's, with the upstream model name, the conversation expanded (the gateway
 * keeps responses, so upstream keeps nothing: `store: false`), and no gateway fields. Reasoning items without their
 * encrypted content can only be read back by the upstream that stored them, so they are left out of the history.
 */
function nativeBody(raw: Record<string, unknown>, conversation: Conversation, upstreamModel: string) {
  // The gateway's own fields (models, provider, route) steer routing and never go upstream.
  const { models: _models, provider: _provider, route: _route, previous_response_id: _previous, ...body } = raw;
  const history = conversation.history.filter(
    (item) => item.type !== "reasoning" || typeof (item as Record<string, unknown>).encrypted_content === "string",
  );
  return {
    ...body,
    model: upstreamModel,
    input: history.length > 0 ? [...history, ...conversation.input] : (raw.input ?? conversation.input),
    store: false,
  };
}

function nativeRequest(target: UpstreamTarget, body: Record<string, unknown>, stream: boolean): UpstreamRequest {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
  };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return { url: `${target.baseUrl}/responses`, method: "POST", headers, body: JSON.stringify(body) };
}

/** The upstream's Response object as the client sees it: the public model id, its own store and previous id, cost. */
function publicResponse(
  response: ResponseObject,
  request: ResponsesRequest,
  model: CatalogModel,
  costMicros?: bigint,
): ResponseObject {
  response.model = model.id;
  response.store = request.store !== false;
  response.previous_response_id = request.previous_response_id ?? null;
  if (costMicros !== undefined && response.usage) response.usage.cost = microsToUsd(costMicros);
  return response;
}

/** The upstream's events as they came, with the public model id; an `error` event and response.failed on failure. */
function nativeOutput(
  model: CatalogModel,
  request: ResponsesRequest,
  meter: Meter,
  keep: (response: ResponseObject) => void,
): StreamOutput {
  let nextSequence = 0;
  let latest: ResponseObject | undefined;
  return {
    event(raw) {
      const data = JSON.parse(raw.data) as { type?: string; sequence_number?: number; response?: ResponseObject };
      if (typeof data.sequence_number === "number") nextSequence = data.sequence_number + 1;
      const type = data.type ?? raw.event ?? "message";
      if (!data.response) return namedFrame(type, raw.data);
      const final = type === "response.completed" || type === "response.incomplete";
      const usage = final ? readUsage(chatUsageOf(data.response.usage)) : undefined;
      latest = publicResponse(data.response, request, model, usage && meter.costOf(model, usage));
      if (final) keep(latest);
      return namedFrame(type, JSON.stringify(data));
    },
    end: () => "",
    error(error, raw) {
      if (raw) return namedFrame(raw.event ?? "error", raw.data);
      const failed = { ...(latest ?? {}), status: "failed", error: { code: error.code, message: error.message } };
      const fields = { code: error.code, message: error.message, param: error.param };
      return (
        namedFrame("error", JSON.stringify({ type: "error", ...fields, sequence_number: nextSequence++ })) +
        namedFrame(
          "response.failed",
          JSON.stringify({ type: "response.failed", response: failed, sequence_number: nextSequence++ }),
        )
      );
    },
  };
}

function serveResponsesNatively(
  context: GatewayContext,
  raw: Record<string, unknown>,
  request: ResponsesRequest,
  conversation: Conversation,
  model: CatalogModel,
  promptBytes: number,
): Promise<Response> {
  const stream = request.stream === true;
  const keep = keeper(context, request, conversation);
  const preferences = parseProviderPreferences(raw.provider);
  return serveNatively(context, {
    endpoint: "responses",
    model,
    stream,
    steer: (candidates) => steerCandidates(candidates, preferences),
    noteFit: () => noteDroppedParams(context.headers, preferences?.ignored ?? []),
    promptBytes,
    maxTokens: request.max_output_tokens,
    prompt: [request.instructions ?? "", ...conversation.history, ...conversation.input],
    build: (target) => nativeRequest(target, nativeBody(raw, conversation, target.upstreamModel), stream),
    createTranslator: createResponsesEventReader,
    streamOutput: (meter) => nativeOutput(model, request, meter, keep),
    parse: (_adapter, json) => {
      const response = json as ResponseObject;
      if (response?.object !== "response") throw new Error("the upstream answered without a Response object");
      return {
        body: response,
        usage: readUsage(chatUsageOf(response.usage)),
        finishReason: response.status === "incomplete" ? "length" : "stop",
      };
    },
    answer: (response, costMicros) => {
      const answer = publicResponse(response, request, model, costMicros);
      keep(answer);
      return answer;
    },
  });
}

/** The path after /v1/responses/: `{id}` or `{id}/input_items`. */
function responsePath(context: GatewayContext): { id: string; inputItems: boolean } {
  const segments = context.params.id;
  const path = Array.isArray(segments) ? segments : segments ? [segments] : [];
  if (path.length === 1) return { id: path[0], inputItems: false };
  if (path.length === 2 && path[1] === "input_items") return { id: path[0], inputItems: true };
  throw new GatewayError("not_found", "Unknown endpoint: use /v1/responses/{response_id}", { param: "id" });
}

// GET /v1/responses/{id}, GET /v1/responses/{id}/input_items
export async function handleGetResponse(context: GatewayContext): Promise<Response> {
  const { id, inputItems } = responsePath(context);
  const stored = await findStoredResponse(context.principal.keyId, id);
  if (!inputItems) return jsonResponse(stored.response, 200, context.headers);
  return jsonResponse(
    listInputItems(id, stored.input, new URL(context.request.url).searchParams),
    200,
    context.headers,
  );
}

// DELETE /v1/responses/{id}
export async function handleDeleteResponse(context: GatewayContext): Promise<Response> {
  const { id, inputItems } = responsePath(context);
  if (inputItems) throw new GatewayError("method_not_allowed", "Input items are read with GET");
  await deleteStoredResponse(context.principal.keyId, id);
  return jsonResponse({ id, object: "response", deleted: true }, 200, context.headers);
}
