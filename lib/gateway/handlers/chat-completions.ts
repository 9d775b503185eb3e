// POST /v1/chat/completions: parse → authorise → reserve → route (with failover) → answer → meter.
import { env } from "../../env";
import { getCatalog, type CatalogModel } from "../../catalog/catalog";
import { reserveCredit } from "../../billing/credit-leases";
import { holdBudget } from "../../billing/key-budgets";
import { microsToUsd } from "../../money";
import { GatewayError } from "../errors";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { chatRequestSchema, FIELD_RULES, type ChatRequestBody } from "../schemas/chat";
import { parseJsonBody, validate } from "../schemas/validate";
import { resolveModels } from "../resolve-models";
import { orderCandidates, type Candidate } from "../routing/candidates";
import { AttemptFailed, attemptsOf, dispatch, failureFromStatus, retryAfterMs } from "../routing/dispatch";
import { adapterFor } from "../providers/registry";
import { classifyUpstreamError, headerValue, sendUpstream, UpstreamFailure, type UpstreamResponse } from "../upstream-client";
import { estimatePromptTokens, readUsage, tokenCost, worstCaseCompletionTokens } from "../metering/cost";
import { estimatedUsage, usageBody } from "../metering/usage-body";
import { startMeter } from "../metering/meter";
import { createEventParser } from "../sse";
import { streamChatResponse, type OpenedStream } from "./chat-stream";

export function parseChatRequest(text: string): ChatRequestBody {
  const raw = parseJsonBody(text);
  // With a `models` fallback list, `model` may be left out (OpenRouter's convention).
  const required = Array.isArray(raw.models) && raw.models.length > 0 && raw.model === undefined ? ["messages"] : ["model", "messages"];
  if (raw.model === undefined && required.length === 1) raw.model = (raw.models as unknown[])[0];
  return validate(chatRequestSchema, raw, required, FIELD_RULES);
}

export function servedHeaders(headers: Headers, candidate: Candidate, attempts: number): void {
  headers.set("x-switchyard-provider", candidate.deployment.provider.id);
  headers.set("x-switchyard-model", candidate.model.id);
  headers.set("x-switchyard-attempts", String(attempts));
}

export async function handleChatCompletions(context: GatewayContext): Promise<Response> {
  const config = env();
  const { text, bytes } = await readBodyText(context.request);
  const body = parseChatRequest(text);
  const stream = body.stream === true;
  const catalog = await getCatalog();
  const requested = [body.model, ...(body.models ?? [])];
  const models = resolveModels(catalog, requested, context.principal, "chat");

  const worstCase = (model: CatalogModel) =>
    tokenCost(
      {
        promptTokens: estimatePromptTokens(bytes, model.contextLength),
        completionTokens: worstCaseCompletionTokens(body.max_completion_tokens ?? body.max_tokens, body.n, model.maxOutputTokens),
        cachedTokens: 0,
        reasoningTokens: 0,
      },
      model.prices,
    );
  const reserve = models.reduce((largest, model) => (worstCase(model) > largest ? worstCase(model) : largest), 0n);
  const releaseBudget = await holdBudget(context.principal, reserve);
  let reservation;
  try {
    reservation = await reserveCredit(context.principal.userId, reserve);
  } catch (error) {
    releaseBudget(0n);
    throw error;
  }
  const meter = startMeter(context, { endpoint: "chat.completions", stream, requestedModel: models[0].id, reservation, releaseBudget, prompt: body.messages });

  // Client disconnect aborts the upstream call.
  const abort = new AbortController();
  const onClientAbort = () => abort.abort();
  context.request.signal?.addEventListener("abort", onClientAbort, { once: true });

  const candidates = orderCandidates(models);
  try {
    if (stream) {
      const result = await dispatch(candidates, config.MAX_ATTEMPTS, abort.signal, (candidate) => attemptStream(candidate, body, abort.signal));
      servedHeaders(context.headers, result.candidate, result.attempts.length);
      const release = context.holdSlot();
      return streamChatResponse({
        context, body, opened: result.value, candidate: result.candidate, attempts: result.attempts, meter, promptBytes: bytes, abort,
        onEnd: () => {
          release();
          context.request.signal?.removeEventListener("abort", onClientAbort);
        },
      });
    }
    const result = await dispatch(candidates, config.MAX_ATTEMPTS, abort.signal, (candidate) => attemptComplete(candidate, body, abort.signal));
    const { candidate, attempts } = result;
    const completion = result.value;
    const usage = readUsage(completion.usage) ?? estimatedUsage(bytes, JSON.stringify(completion.choices ?? []).length);
    const cost = meter.finish({
      status: 200, model: candidate.model, providerId: candidate.deployment.provider.id, upstreamModel: candidate.deployment.upstreamModel,
      usage, attempts, finishReason: completion.choices?.[0]?.finish_reason ?? null,
      ttftMs: Math.round(performance.now() - context.startedAt),
    });
    completion.model = candidate.model.id;
    completion.usage = usageBody(usage, cost, completion.usage);
    servedHeaders(context.headers, candidate, attempts.length);
    context.headers.set("x-switchyard-cost-usd", microsToUsd(cost).toFixed(6));
    return jsonResponse(completion, 200, context.headers);
  } catch (error) {
    const gatewayError = error instanceof GatewayError ? error : new GatewayError("internal_error", "Internal error");
    const attempts = attemptsOf(error);
    meter.finish({ status: abort.signal.aborted ? 499 : gatewayError.status, errorCode: abort.signal.aborted ? "client_closed" : gatewayError.code, attempts });
    if (attempts.length > 0) context.headers.set("x-switchyard-attempts", String(attempts.length));
    context.request.signal?.removeEventListener("abort", onClientAbort);
    throw error;
  } finally {
    if (!stream) context.request.signal?.removeEventListener("abort", onClientAbort);
  }
}

function attemptController(parent: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = () => controller.abort();
  parent.addEventListener("abort", onParentAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener("abort", onParentAbort);
    },
  };
}

async function failFromResponse(candidate: Candidate, response: UpstreamResponse): Promise<never> {
  const adapter = adapterFor(candidate.deployment.provider.id, candidate.deployment.provider.kind);
  const text = await response.body.text().catch(() => "");
  const info = adapter.parseError(response.status, text);
  throw failureFromStatus(response.status, info.message, candidate.key.id, retryAfterMs(response), info.quotaExhausted);
}

type AttemptControl = ReturnType<typeof attemptController>;

/** Sends the candidate's request; a non-2xx answer becomes the AttemptFailed that decides whether to fail over. */
async function openUpstream(candidate: Candidate, body: ChatRequestBody, stream: boolean, attempt: AttemptControl, timeoutMs: number) {
  const { provider } = candidate.deployment;
  const adapter = adapterFor(provider.id, provider.kind);
  const upstreamRequest = adapter.buildChatRequest({ baseUrl: provider.baseUrl, apiKey: candidate.key.secret, upstreamModel: candidate.deployment.upstreamModel, body, stream });
  const response = await sendUpstream(upstreamRequest, { signal: attempt.signal, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
  if (response.status < 200 || response.status >= 300) await failFromResponse(candidate, response);
  return { adapter, response };
}

/** One vocabulary for how an attempt ended: our own timer, an AttemptFailed, or a transport error. */
function attemptError(error: unknown, attempt: AttemptControl, signal: AbortSignal): Error {
  if (attempt.timedOut()) return new UpstreamFailure("timeout", "timed out", { cause: error });
  if (error instanceof AttemptFailed) return error;
  return classifyUpstreamError(error, signal);
}

async function attemptComplete(candidate: Candidate, body: ChatRequestBody, signal: AbortSignal) {
  const timeoutMs = env().UPSTREAM_TIMEOUT_MS;
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { adapter, response } = await openUpstream(candidate, body, false, attempt, timeoutMs);
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AttemptFailed("the upstream answered with a body that is not JSON", 502, true, false);
    }
    return adapter.parseChatResponse(json);
  } catch (error) {
    throw attemptError(error, attempt, signal);
  } finally {
    attempt.clear();
  }
}

/** Opens the upstream stream and reads up to its first event, so that a failure before it can still fail over. */
async function attemptStream(candidate: Candidate, body: ChatRequestBody, signal: AbortSignal): Promise<OpenedStream> {
  const timeoutMs = env().UPSTREAM_STREAM_TIMEOUT_MS;
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { adapter, response } = await openUpstream(candidate, body, true, attempt, timeoutMs);
    const contentType = headerValue(response.headers, "content-type") ?? "";
    if (!contentType.includes("event-stream")) {
      const text = await response.body.text().catch(() => "");
      throw new AttemptFailed(`the upstream answered a stream request with ${contentType || "no content type"}: ${text.slice(0, 200)}`, 502, true, false);
    }
    const iterator = response.body[Symbol.asyncIterator]();
    const parser = createEventParser();
    const translate = adapter.createStreamTranslator();
    const pending = [];
    while (pending.length === 0) {
      const next = await iterator.next();
      if (next.done) throw new AttemptFailed("the upstream closed the stream before its first event", 502, true, false);
      pending.push(...parser.push(next.value));
    }
    const firstStep = translate(pending[0]);
    if (firstStep.kind === "error") throw new AttemptFailed(firstStep.message, firstStep.status ?? 502, true, false);
    attempt.clear();
    const opened: OpenedStream = { iterator, parser, translate, pending, firstStep, abortUpstream: attempt.abort, destroy: (error) => response.body.destroy(error) };
    return opened;
  } catch (error) {
    attempt.clear();
    attempt.abort();
    throw attemptError(error, attempt, signal);
  }
}
