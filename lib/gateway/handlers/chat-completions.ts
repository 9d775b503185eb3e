// POST /v1/chat/completions: parse → authorise → reserve → route (with failover) → answer → meter.
import type { ClientGone } from "../client-gone";
import { catalogFor } from "../../byo/account-catalog";
import { env } from "../../env";
import { randomUUID } from "node:crypto";
import type { CatalogModel } from "../../catalog/catalog";
import { maxMicros } from "../../money";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { chatRequestSchema, FIELD_RULES, type ChatCompletion, type ChatRequestBody } from "../schemas/chat";
import type { Meter } from "../metering/meter";
import { parseJsonBody, validate } from "../schemas/validate";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { orderCandidates, type Candidate } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { attemptEventStream, attemptJson, type OpenedStream } from "../routing/upstream-attempt";
import { readUsage } from "../metering/cost";
import { chatWorstCase } from "../metering/worst-case";
import { countedUsage, usageBody } from "../metering/usage-body";
import { beginPaidRequest } from "./paid-request";
import { relayPaidStream, type StreamOutput } from "./stream-relay";
import { openAIStreamOutput } from "./openai-stream-output";
import { parseProviderPreferences, steerCandidates } from "../routing/provider-preferences";
import { clampOutputTokens, noteChatFit } from "./upstream-fit";

export function parseChatRequest(text: string, context?: Pick<GatewayContext, "requestedModel">): ChatRequestBody {
  const raw = parseJsonBody(text);
  if (context) noteRequestedModel(context, raw);
  // With a `models` fallback list, `model` may be left out (OpenRouter's convention).
  const required =
    Array.isArray(raw.models) && raw.models.length > 0 && raw.model === undefined
      ? ["messages"]
      : ["model", "messages"];
  if (raw.model === undefined && required.length === 1) raw.model = (raw.models as unknown[])[0];
  return validate(chatRequestSchema, raw, required, FIELD_RULES);
}

export async function handleChatCompletions(context: GatewayContext): Promise<Response> {
  const { text, bytes } = await readBodyText(context.request);
  return runChat(context, parseChatRequest(text, context), bytes);
}

/** How the chat core's answer is told to the client: OpenAI's shape, or another API's (POST /v1/messages). */
export interface ChatShape {
  /** The endpoint the request is logged under; chat.completions by default. */
  endpoint?: string;
  streamOutput(model: CatalogModel, meter: Meter, body: ChatRequestBody): StreamOutput;
  completion(completion: ChatCompletion, model: CatalogModel): unknown;
}

const openAIShape: ChatShape = {
  streamOutput: (model, meter, body) =>
    openAIStreamOutput(
      model,
      body.stream_options?.include_usage === true,
      meter,
      `chatcmpl-${randomUUID().replace(/-/g, "")}`,
    ),
  completion: (completion) => completion,
};

export interface ChatCoreOptions {
  shape?: ChatShape;
  /** The client's fields a translation before the core left out (x-switchyard-dropped-params). */
  alsoDropped?: string[];
  /** Adapts the body to the model of each candidate (what a translation asked that the model cannot take). */
  adapt?: (body: ChatRequestBody, model: CatalogModel) => ChatRequestBody;
}

/** The chat core on a validated body: also serves /v1/messages for models that are not Anthropic's. */
export async function runChat(
  context: GatewayContext,
  body: ChatRequestBody,
  bytes: number,
  options: ChatCoreOptions = {},
): Promise<Response> {
  const { shape = openAIShape, alsoDropped = [], adapt } = options;
  const fitted = (model: CatalogModel) => clampOutputTokens(adapt ? adapt(body, model) : body, model).body;
  const config = env();
  const stream = body.stream === true;
  const catalog = await catalogFor(context.principal);
  const requested = [body.model, ...(body.models ?? [])];
  const models = resolveModels(catalog, requested, context, "chat");
  // The provider object is read, and the candidates it leaves chosen, before anything is reserved or held.
  const preferences = parseProviderPreferences(body.provider);
  const candidates = steerCandidates(orderCandidates(models), preferences);
  const dropped = [...alsoDropped, ...(preferences?.ignored ?? [])];

  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  // With a fallback list, the dearest model's worst case is reserved, in money and in tokens alike.
  const worstCases = models.map((model) => chatWorstCase(model, bytes, maxTokens, body.n));
  const reserve = worstCases.reduce((largest, worst) => maxMicros(largest, worst.micros), 0n);
  const reserveTokens = Math.max(...worstCases.map((worst) => worst.promptTokens + worst.completionTokens));
  const paid = await beginPaidRequest(context, {
    endpoint: shape.endpoint ?? "chat.completions",
    stream,
    requestedModel: models[0].id,
    reserveMicros: reserve,
    reserveTokens,
    prompt: body.messages,
  });
  try {
    if (stream) {
      const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) =>
        attemptStream(candidate, fitted(candidate.model), paid.signal),
      );
      if (!result.ok) return paid.fail(result.error, result.attempts);
      noteChatFit(context.headers, result.candidate, body, dropped);
      const output = shape.streamOutput(result.candidate.model, paid.meter, body);
      return relayPaidStream(context, paid, result, body.messages, output);
    }
    const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptComplete(candidate, fitted(candidate.model), paid.signal),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    const { candidate, attempts } = result;
    const completion = result.value;
    const reported = readUsage(completion.usage);
    const usage = reported ?? (await countedUsage(body.messages, completionText(completion)));
    const cost = paid.meter.finish({
      status: 200,
      model: candidate.model,
      providerId: candidate.deployment.provider.id,
      upstreamModel: candidate.deployment.upstreamModel,
      usage,
      usageSource: reported ? "reported" : "estimated",
      attempts,
      finishReason: completion.choices?.[0]?.finish_reason ?? null,
      ttftMs: Math.round(performance.now() - context.startedAt),
    });
    completion.model = candidate.model.id;
    completion.usage = usageBody(usage, cost, completion.usage);
    paid.served(candidate, attempts.length, cost);
    noteChatFit(context.headers, candidate, body, dropped);
    paid.detach();
    return jsonResponse(shape.completion(completion, candidate.model), 200, context.headers);
  } catch (error) {
    return paid.fail(error);
  }
}

function attemptComplete(candidate: Candidate, body: ChatRequestBody, signal: ClientGone) {
  return attemptJson(
    candidate,
    signal,
    env().UPSTREAM_TIMEOUT_MS,
    (adapter, target) => adapter.buildChatRequest({ ...target, body, stream: false }),
    (adapter, json) => adapter.parseChatResponse(json),
  );
}

function attemptStream(candidate: Candidate, body: ChatRequestBody, signal: ClientGone): Promise<OpenedStream> {
  return attemptEventStream(candidate, signal, (adapter, target) =>
    adapter.buildChatRequest({ ...target, body, stream: true }),
  );
}

/** What a completion's choices say (content, reasoning, tool calls), for counting when the upstream gave no usage. */
function completionText(completion: ChatCompletion): string {
  const parts: string[] = [];
  for (const choice of completion.choices ?? []) {
    const message = (choice.message ?? {}) as Record<string, unknown>;
    for (const field of ["content", "reasoning_content"])
      if (typeof message[field] === "string") parts.push(message[field] as string);
    if (Array.isArray(message.tool_calls)) parts.push(JSON.stringify(message.tool_calls));
  }
  return parts.join("");
}
