// A request passed to an upstream that speaks its API natively (POST /v1/messages on an Anthropic model, POST
// /v1/responses on an OpenAI model): reserve, dispatch with failover, relay the stream as it comes or answer the
// body as it came, meter from the upstream's own usage, charge once. What differs per API is given: how the request
// is built, how its events are read on the side and retold, how its answer is read and shown.
import { env } from "../../env";
import type { CatalogModel } from "../../catalog/catalog";
import { GatewayError } from "../errors";
import { jsonResponse, type GatewayContext } from "../pipeline";
import { type Candidate, orderCandidates } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { attemptEventStream, attemptJson, type OpenedStream, type UpstreamTarget } from "../routing/upstream-attempt";
import type { TokenUsage } from "../metering/cost";
import type { Meter } from "../metering/meter";
import { chatWorstCase } from "../metering/worst-case";
import type { ProviderAdapter, UpstreamRequest } from "../providers/types";
import { beginPaidRequest } from "./paid-request";
import { relayPaidStream, type StreamOutput } from "./stream-relay";

/** A native answer as read: the body to show, the usage to charge, and how it finished. */
export interface NativeAnswer<Body> {
  body: Body;
  usage: TokenUsage | undefined;
  finishReason: string | null;
}

export interface NativeServing<Body> {
  endpoint: string;
  model: CatalogModel;
  stream: boolean;
  promptBytes: number;
  maxTokens: number | null | undefined;
  /** The prompt as logged (prompt logging), and as counted when the upstream reports no usage unless `countedPrompt`. */
  prompt: unknown;
  countedPrompt?: unknown;
  /** The deployments in the order to try them (OpenRouter's `provider` object); the catalog's order by default. */
  steer?: (candidates: Candidate[]) => Candidate[];
  /** Sets the headers that say how the request was made to fit its upstream, once one serves it. */
  noteFit?: () => void;
  build(target: UpstreamTarget): UpstreamRequest;
  /** How the upstream's events are read on the side; the adapter's own translator by default. */
  createTranslator?: (adapter: ProviderAdapter) => OpenedStream["translate"];
  streamOutput(meter: Meter): StreamOutput;
  parse(adapter: ProviderAdapter, json: unknown): NativeAnswer<Body>;
  /** The body the client gets, once the answer is charged. */
  answer(body: Body, costMicros: bigint): unknown;
}

export async function serveNatively<Body>(context: GatewayContext, serving: NativeServing<Body>): Promise<Response> {
  const config = env();
  const { model, stream } = serving;
  const worst = chatWorstCase(model, serving.promptBytes, serving.maxTokens, 1);
  const paid = await beginPaidRequest(context, {
    endpoint: serving.endpoint,
    stream,
    requestedModel: model.id,
    reserveMicros: worst.micros,
    reserveTokens: worst.promptTokens + worst.completionTokens,
    prompt: serving.prompt,
  });
  const build = (_adapter: ProviderAdapter, target: UpstreamTarget) => serving.build(target);
  const ordered = orderCandidates([model]);
  const candidates = serving.steer ? serving.steer(ordered) : ordered;
  try {
    if (stream) {
      const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) =>
        attemptEventStream(candidate, paid.signal, build, serving.createTranslator),
      );
      if (!result.ok) return paid.fail(result.error, result.attempts);
      serving.noteFit?.();
      return relayPaidStream(
        context,
        paid,
        result,
        serving.countedPrompt ?? serving.prompt,
        serving.streamOutput(paid.meter),
      );
    }
    const result = await dispatch(candidates, config.MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptJson(candidate, paid.signal, config.UPSTREAM_TIMEOUT_MS, build, serving.parse),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    const { body, usage, finishReason } = result.value;
    if (!usage)
      throw new GatewayError("upstream_error", "The upstream answered without usage; the request was not charged");
    const cost = paid.meter.finish({
      status: 200,
      model,
      providerId: result.candidate.deployment.provider.id,
      upstreamModel: result.candidate.deployment.upstreamModel,
      usage,
      attempts: result.attempts,
      finishReason,
      ttftMs: Math.round(performance.now() - context.startedAt),
    });
    paid.served(result.candidate, result.attempts.length, cost);
    serving.noteFit?.();
    paid.detach();
    return jsonResponse(serving.answer(body, cost), 200, context.headers);
  } catch (error) {
    return paid.fail(error);
  }
}
