// One request's stored record as GET /v1/generation/{request_id} returns it, and as the dashboard's request log
// opens it: the same function for both, so the row detail shows exactly what the API tells the key's owner.
import type { AttemptRecord, UsageRecord } from "../gateway/metering/usage-record";
import { microsToUsd } from "../money";

/** The request_logs fields a generation record is made of (a Prisma row and a request log entry both have them). */
export type GenerationSource = Pick<
  UsageRecord,
  | "createdAt"
  | "endpoint"
  | "model"
  | "providerId"
  | "upstreamModel"
  | "stream"
  | "status"
  | "errorCode"
  | "finishReason"
  | "promptTokens"
  | "completionTokens"
  | "cachedTokens"
  | "cacheWriteTokens"
  | "reasoningTokens"
  | "usageSource"
  | "costMicros"
  | "latencyMs"
  | "ttftMs"
> & { id: string; attempts: unknown };

export interface GenerationAttempt {
  provider: string;
  status: number | null;
  latency_ms: number;
  error_class?: string;
  error?: string;
}

export interface GenerationRecord {
  id: string;
  created_at: string;
  endpoint: string;
  model: string;
  provider: string | null;
  upstream_model: string | null;
  stream: boolean;
  status: number;
  error_code: string | null;
  finish_reason: string | null;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    cached_tokens: number;
    cache_write_tokens: number;
    reasoning_tokens: number;
    /** "estimated" when the gateway counted the tokens itself (the upstream's usage never came). */
    source: string;
  };
  cost_usd: number;
  latency_ms: number;
  ttft_ms: number | null;
  attempts: GenerationAttempt[];
}

export function generationRecord(record: GenerationSource): GenerationRecord {
  // Provider key ids stay inside: the owner learns which provider answered how, not which of our keys.
  const attempts = ((record.attempts ?? []) as AttemptRecord[]).map(
    ({ provider, status, latencyMs, errorClass, error }): GenerationAttempt => ({
      provider,
      status,
      latency_ms: latencyMs,
      ...(errorClass ? { error_class: errorClass } : {}),
      ...(error ? { error } : {}),
    }),
  );
  return {
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
      source: record.usageSource,
    },
    cost_usd: microsToUsd(record.costMicros),
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs,
    attempts,
  };
}
