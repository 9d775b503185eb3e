// POST /v1/chat/completions: parse → authorise → reserve → route (with failover) → answer → meter.
import { env } from "../../env";
import { getCatalog } from "../../catalog/catalog";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { chatRequestSchema, FIELD_RULES, type ChatRequestBody } from "../schemas/chat";
import { parseJsonBody, validate } from "../schemas/validate";
import { resolveModels } from "../resolve-models";
import { orderCandidates, type Candidate } from "../routing/candidates";
import { AttemptFailed, dispatch } from "../routing/dispatch";
import { attemptController, attemptError, attemptJson, openUpstream } from "../routing/upstream-attempt";
import { headerValue } from "../upstream-client";
import { readUsage } from "../metering/cost";
import { chatWorstCase } from "../metering/worst-case";
import { estimatedUsage, usageBody } from "../metering/usage-body";
import { beginPaidRequest } from "./paid-request";
import { createEventParser } from "../sse";
import { streamChatResponse, type OpenedStream } from "./chat-stream";

export function parseChatRequest(text: string): ChatRequestBody {
  const raw = parseJsonBody(text);
  // With a `models` fallback list, `model` may be left out (OpenRouter's convention).
  const required = Array.isArray(raw.models) && raw.models.length > 0 && raw.model === undefined ? ["messages"] : ["model", "messages"];
  if (raw.model === undefined && required.length === 1) raw.model = (raw.models as unknown[])[0];
  return validate(chatRequestSchema, raw, required, FIELD_RULES);
}

export async function handleChatCompletions(context: GatewayContext): Promise<Response> {
  const config = env();
  const { text, bytes } = await readBodyText(context.request);
  const body = parseChatRequest(text);
  const stream = body.stream === true;
  const catalog = await getCatalog();
  const requested = [body.model, ...(body.models ?? [])];
  const models = resolveModels(catalog, requested, context.principal, "chat");

  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  // With a fallback list, the dearest model's worst case is reserved.
  const reserve = models.reduce((largest, model) => {
    const micros = chatWorstCase(model, bytes, maxTokens, body.n).micros;
    return micros > largest ? micros : largest;
  }, 0n);
  const paid = await beginPaidRequest(context, { endpoint: "chat.completions", stream, requestedModel: models[0].id, reserveMicros: reserve, prompt: body.messages });
  const candidates = orderCandidates(models);
  try {
    if (stream) {
      const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) => attemptStream(candidate, body, paid.signal));
      paid.served(result.candidate, result.attempts.length);
      const release = context.holdSlot();
      return streamChatResponse({
        context, body, opened: result.value, candidate: result.candidate, attempts: result.attempts, meter: paid.meter, promptBytes: bytes,
        abort: paid.abort,
        onEnd: () => {
          release();
          paid.detach();
        },
      });
    }
    const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) => attemptComplete(candidate, body, paid.signal));
    const { candidate, attempts } = result;
    const completion = result.value;
    const usage = readUsage(completion.usage) ?? estimatedUsage(bytes, JSON.stringify(completion.choices ?? []).length);
    const cost = paid.meter.finish({
      status: 200, model: candidate.model, providerId: candidate.deployment.provider.id, upstreamModel: candidate.deployment.upstreamModel,
      usage, attempts, finishReason: completion.choices?.[0]?.finish_reason ?? null,
      ttftMs: Math.round(performance.now() - context.startedAt),
    });
    completion.model = candidate.model.id;
    completion.usage = usageBody(usage, cost, completion.usage);
    paid.served(candidate, attempts.length, cost);
    paid.detach();
    return jsonResponse(completion, 200, context.headers);
  } catch (error) {
    return paid.fail(error);
  }
}

function attemptComplete(candidate: Candidate, body: ChatRequestBody, signal: AbortSignal) {
  return attemptJson(
    candidate,
    signal,
    env().UPSTREAM_TIMEOUT_MS,
    (adapter, target) => adapter.buildChatRequest({ ...target, body, stream: false }),
    (adapter, json) => adapter.parseChatResponse(json),
  );
}

/** Opens the upstream stream and reads up to its first event, so that a failure before it can still fail over. */
async function attemptStream(candidate: Candidate, body: ChatRequestBody, signal: AbortSignal): Promise<OpenedStream> {
  const timeoutMs = env().UPSTREAM_STREAM_TIMEOUT_MS;
  const attempt = attemptController(signal, timeoutMs);
  try {
    const { adapter, response } = await openUpstream(candidate, attempt, timeoutMs, (adapter, target) => adapter.buildChatRequest({ ...target, body, stream: true }));
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
