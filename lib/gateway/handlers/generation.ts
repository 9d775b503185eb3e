// GET /v1/generation/{request_id}: the stored record of one request made with this key.
import { z } from "zod";
import { db } from "../../db/client";
import { microsToUsd } from "../../money";
import { GatewayError } from "../errors";
import { jsonResponse, type GatewayContext } from "../pipeline";
import { flushUsage, type AttemptRecord } from "../metering/usage-writer";

/** Ids are printable ASCII ("req_…"): anything else names no request, and a NUL would make PostgreSQL fail a query. */
const requestIdParam = z
  .string()
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

export async function handleGeneration(context: GatewayContext): Promise<Response> {
  const segments = context.params.id;
  const id = Array.isArray(segments) ? segments.join("/") : segments;
  if (!id)
    throw new GatewayError("missing_field", "Missing the request id: GET /v1/generation/{request_id}", { param: "id" });
  if (!requestIdParam.safeParse(id).success) {
    throw new GatewayError("not_found", `No request ${JSON.stringify(id)} was made with this key`, { param: "id" });
  }
  // This instance's own requests may still be in the write queue.
  await flushUsage();
  const record = await db().requestLog.findFirst({ where: { id, apiKeyId: context.principal.keyId } });
  if (!record)
    throw new GatewayError(
      "not_found",
      `No request ${id} was made with this key (records appear a moment after the response)`,
      { param: "id" },
    );
  // Provider key ids stay inside: the client learns which provider answered how, not which of our keys.
  const attempts = (record.attempts as unknown as AttemptRecord[]).map(
    ({ provider, status, latencyMs, errorClass, error }) => ({
      provider,
      status,
      latency_ms: latencyMs,
      ...(errorClass ? { error_class: errorClass } : {}),
      ...(error ? { error } : {}),
    }),
  );
  return jsonResponse(
    {
      data: {
        id: record.id,
        created_at: record.createdAt.toISOString(),
        endpoint: record.endpoint,
        model: record.model,
        provider: record.providerId,
        upstream_model: record.upstreamModel,
        stream: record.stream,
        status: record.status,
        error_code: record.errorCode,
        finish_reason: record.finishReason,
        usage: {
          prompt_tokens: record.promptTokens,
          completion_tokens: record.completionTokens,
          total_tokens: record.promptTokens + record.completionTokens,
          cached_tokens: record.cachedTokens,
          cache_write_tokens: record.cacheWriteTokens,
          reasoning_tokens: record.reasoningTokens,
          // "estimated" when the gateway counted the tokens itself (the upstream's usage never came).
          source: record.usageSource,
        },
        cost_usd: microsToUsd(record.costMicros),
        latency_ms: record.latencyMs,
        ttft_ms: record.ttftMs,
        attempts,
      },
    },
    200,
    context.headers,
  );
}
