// POST /v1/completions: OpenAI's legacy text completions on any model. A model whose catalog entry lists the
// "completions" capability is sent the request as it came, on its OpenAI-compatible deployments (the upstream's own
// /completions: prompt arrays, suffix, echo, logprobs); on every other model, or deployment, the prompt becomes one
// user message of a chat request and the answer is retold in the text_completion shape. Reserved, metered, failed
// over and logged like chat, through the same paid-request steps.
import { randomUUID } from "node:crypto";
import { catalogFor } from "../../byo/account-catalog";
import { env } from "../../env";
import { maxMicros } from "../../money";
import { createChunkRetold, toTextCompletion } from "../completions/chat-to-text-completion";
import {
  checkTranslatable,
  LEGACY_DEFAULT_MAX_TOKENS,
  singlePrompt,
  toChatRequest,
} from "../completions/prompt-to-chat";
import { readUsage } from "../metering/cost";
import { countedUsage, usageBody } from "../metering/usage-body";
import { chatWorstCase } from "../metering/worst-case";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { adapterFor } from "../providers/registry";
import type { ProviderAdapter, UpstreamRequest } from "../providers/types";
import { noteDroppedParams, unreadParams } from "../providers/upstream-params";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { orderCandidates, type Candidate } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { parseProviderPreferences, steerCandidates } from "../routing/provider-preferences";
import { attemptEventStream, attemptJson, type UpstreamTarget } from "../routing/upstream-attempt";
import {
  parseCompletionRequest,
  promptCount,
  type CompletionRequestBody,
  type TextCompletion,
} from "../schemas/completions";
import { parseJsonBody } from "../schemas/validate";
import { openAIStreamOutput } from "./openai-stream-output";
import { beginPaidRequest } from "./paid-request";
import { relayStream } from "./stream-relay";
import { clampOutputTokens, noteChatFit, noteClamp } from "./upstream-fit";

/** The catalog capability that says a model's OpenAI-compatible upstream serves /v1/completions itself. */
export const COMPLETIONS_CAPABILITY = "completions";

function servesNatively(candidate: Candidate): boolean {
  const { provider } = candidate.deployment;
  return (
    candidate.model.capabilities.includes(COMPLETIONS_CAPABILITY) &&
    adapterFor(provider.id, provider.kind).buildCompletionsRequest !== undefined
  );
}

/** How one candidate is asked: the request as it came, or as chat. */
function upstreamRequestFor(candidate: Candidate, body: CompletionRequestBody, stream: boolean) {
  return (adapter: ProviderAdapter, target: UpstreamTarget): UpstreamRequest => {
    if (servesNatively(candidate) && adapter.buildCompletionsRequest) {
      const fitted = clampOutputTokens(body, candidate.model).body;
      return adapter.buildCompletionsRequest({ ...target, body: fitted, stream });
    }
    const chat = clampOutputTokens(toChatRequest(body), candidate.model).body;
    return adapter.buildChatRequest({ ...target, body: chat, stream });
  };
}

/** The response headers of a served request: the clamp and the fields its upstream did not get. */
function noteFit(headers: Headers, candidate: Candidate, body: CompletionRequestBody, ignored: string[]): void {
  const { provider } = candidate.deployment;
  const adapter = adapterFor(provider.id, provider.kind);
  if (servesNatively(candidate) && adapter.completionParams) {
    noteDroppedParams(headers, [...ignored, ...unreadParams(body, adapter.completionParams)]);
    noteClamp(headers, clampOutputTokens(body, candidate.model).clampedTo);
  } else noteChatFit(headers, candidate, toChatRequest(body), ignored);
}

export async function handleCompletions(context: GatewayContext): Promise<Response> {
  const config = env();
  const { text, bytes } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  noteRequestedModel(context, raw);
  const body = parseCompletionRequest(raw);
  const stream = body.stream === true;
  const models = resolveModels(
    await catalogFor(context.principal),
    [body.model, ...(body.models ?? [])],
    context,
    "chat",
  );
  const preferences = parseProviderPreferences(body.provider);
  const candidates = steerCandidates(orderCandidates(models), preferences);
  // What only a native upstream can do is refused before anything is reserved when no candidate is native.
  if (!candidates.some(servesNatively)) checkTranslatable(body);
  // A native upstream echoes the prompt itself; a translated answer is given it in front.
  const echoed = body.echo === true ? echoText(body.prompt) : null;
  const ignored = preferences?.ignored ?? [];

  const maxTokens = body.max_tokens ?? LEGACY_DEFAULT_MAX_TOKENS;
  const choices = (body.n ?? 1) * promptCount(body.prompt);
  const worstCases = models.map((model) => chatWorstCase(model, bytes, maxTokens, choices));
  const paid = await beginPaidRequest(context, {
    endpoint: "completions",
    stream,
    requestedModel: models[0].id,
    reserveMicros: worstCases.reduce((largest, worst) => maxMicros(largest, worst.micros), 0n),
    reserveTokens: Math.max(...worstCases.map((worst) => worst.promptTokens + worst.completionTokens)),
    prompt: body.prompt,
  });
  try {
    if (stream) {
      const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) =>
        attemptEventStream(candidate, paid.signal, upstreamRequestFor(candidate, body, true)),
      );
      if (!result.ok) return paid.fail(result.error, result.attempts);
      const { candidate } = result;
      paid.served(candidate, result.attempts.length);
      noteFit(context.headers, candidate, body, ignored);
      const release = context.holdSlot();
      return relayStream({
        context,
        opened: result.value,
        candidate,
        attempts: result.attempts,
        meter: paid.meter,
        prompt: body.prompt,
        output: openAIStreamOutput(
          candidate.model,
          body.stream_options?.include_usage === true,
          paid.meter,
          `cmpl-${randomUUID().replace(/-/g, "")}`,
          { object: "text_completion", reshape: servesNatively(candidate) ? undefined : createChunkRetold(echoed) },
        ),
        abort: paid.abort,
        onEnd: () => {
          release();
          paid.detach();
        },
      });
    }
    const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptJson(
        candidate,
        paid.signal,
        config.UPSTREAM_TIMEOUT_MS,
        upstreamRequestFor(candidate, body, false),
        (adapter, json): TextCompletion =>
          servesNatively(candidate)
            ? readTextCompletion(json)
            : toTextCompletion(adapter.parseChatResponse(json), echoed),
      ),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    const { candidate, attempts, value: completion } = result;
    const reported = readUsage(completion.usage);
    const usage =
      reported ?? (await countedUsage(body.prompt, completion.choices.map((choice) => choice.text).join("")));
    const cost = paid.meter.finish({
      status: 200,
      model: candidate.model,
      providerId: candidate.deployment.provider.id,
      upstreamModel: candidate.deployment.upstreamModel,
      usage,
      usageSource: reported ? "reported" : "estimated",
      attempts,
      finishReason: completion.choices[0]?.finish_reason ?? null,
      ttftMs: Math.round(performance.now() - context.startedAt),
    });
    completion.model = candidate.model.id;
    completion.usage = usageBody(usage, cost, completion.usage);
    paid.served(candidate, attempts.length, cost);
    noteFit(context.headers, candidate, body, ignored);
    paid.detach();
    return jsonResponse(completion, 200, context.headers);
  } catch (error) {
    return paid.fail(error);
  }
}

function echoText(prompt: CompletionRequestBody["prompt"]): string | null {
  try {
    return singlePrompt(prompt);
  } catch {
    return null;
  }
}

/** An upstream's own text_completion, checked for what the gateway reads from it. */
function readTextCompletion(json: unknown): TextCompletion {
  const completion = json as TextCompletion;
  if (typeof completion !== "object" || completion === null || !Array.isArray(completion.choices))
    throw new Error("the upstream answered a completion without choices");
  for (const choice of completion.choices) {
    if (typeof choice.text !== "string") choice.text = "";
    choice.logprobs ??= null;
  }
  return completion;
}
