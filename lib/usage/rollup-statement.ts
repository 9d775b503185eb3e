// The daily roll-up of the request log (usage_daily), kept current by the usage writer: each batch's records are
// summed here per (user, UTC day, key, model) and added with one upsert inside the batch's own transaction, so a
// roll-up row changes exactly when the log rows it counts are committed. Pure: no database access here.
//
// Decisions, shared by the charts, the summary and the request-log filters so that their numbers agree:
// - An error is any request logged with status >= 400. That includes 499 client_closed (the client went away
//   before the answer was complete, whatever we were charged for it): it is a request that did not succeed as
//   sent, and the request log's "error" filter (status >= 400) has to count the same rows the chart does.
// - Of the errors, status >= 500 counts as an upstream failure (upstream_errors: the upstream or the gateway failed);
//   the rest are client errors (4xx: the request, the key or the account was refused, or the client went away).
// - Refused requests (turned away before routing: validation, credits, guardrails) are logged under the model string
//   they asked for (cut to REQUESTED_MODEL_MAX_LENGTH), or "" when they named none, and roll up under the same value,
//   so usage_daily keys are exactly request_logs' values and a model filter means the same thing on both tables.
//   "(no model)" is only a display label (REFUSED_MODEL_LABEL).
// - The day is the UTC date of created_at (TIMESTAMP columns hold UTC), as `created_at::date` computes it in SQL.
import type { UsageRecord } from "../gateway/metering/usage-writer";
import { LATENCY_BUCKET_BOUNDS_MS, LATENCY_BUCKET_COUNT, addLatency, emptyBuckets } from "./latency-buckets";

/** Statuses from here up count as errors. */
export const ERROR_STATUS_FROM = 400;
/** Statuses from here up count as upstream (or gateway) failures rather than client errors. */
export const UPSTREAM_ERROR_STATUS_FROM = 500;

/** The model value of requests refused before they named a model, in request_logs and usage_daily alike. */
export const REFUSED_MODEL = "";
/** How those requests' model is shown. */
export const REFUSED_MODEL_LABEL = "(no model)";

export function isErrorStatus(status: number): boolean {
  return status >= ERROR_STATUS_FROM;
}

export function isUpstreamErrorStatus(status: number): boolean {
  return status >= UPSTREAM_ERROR_STATUS_FROM;
}

export function modelLabel(model: string): string {
  return model === REFUSED_MODEL ? REFUSED_MODEL_LABEL : model;
}

/** The UTC calendar day (YYYY-MM-DD) of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** One usage_daily row's worth of additions. */
export interface DailyRollup {
  userId: string;
  day: string;
  apiKeyId: string;
  model: string;
  requests: number;
  errors: number;
  upstreamErrors: number;
  promptTokens: bigint;
  completionTokens: bigint;
  costMicros: bigint;
  latencySumMs: bigint;
  latencyBuckets: number[];
}

type RollupInput = Pick<
  UsageRecord,
  | "userId"
  | "apiKeyId"
  | "model"
  | "status"
  | "promptTokens"
  | "completionTokens"
  | "costMicros"
  | "latencyMs"
  | "createdAt"
>;

/**
 * Sums records per (user, UTC day, key, model), sorted by that key: one upsert cannot touch a row twice, and
 * every writer locking the rows it updates in the same order keeps two instances' batches from deadlocking.
 */
export function aggregateUsage(records: readonly RollupInput[]): DailyRollup[] {
  const groups = new Map<string, DailyRollup>();
  for (const record of records) {
    const day = utcDay(record.createdAt);
    // NUL cannot occur in PostgreSQL text, so it separates the parts unambiguously.
    const groupKey = [record.userId, day, record.apiKeyId, record.model].join("\u0000");
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        userId: record.userId,
        day,
        apiKeyId: record.apiKeyId,
        model: record.model,
        requests: 0,
        errors: 0,
        upstreamErrors: 0,
        promptTokens: 0n,
        completionTokens: 0n,
        costMicros: 0n,
        latencySumMs: 0n,
        latencyBuckets: emptyBuckets(),
      };
      groups.set(groupKey, group);
    }
    group.requests += 1;
    if (isErrorStatus(record.status)) group.errors += 1;
    if (isUpstreamErrorStatus(record.status)) group.upstreamErrors += 1;
    group.promptTokens += BigInt(record.promptTokens);
    group.completionTokens += BigInt(record.completionTokens);
    group.costMicros += record.costMicros;
    group.latencySumMs += BigInt(record.latencyMs);
    addLatency(group.latencyBuckets, record.latencyMs);
  }
  return [...groups.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([, group]) => group);
}

const ROLLUP_COLUMNS = [
  "user_id",
  "day",
  "api_key_id",
  "model",
  "requests",
  "errors",
  "upstream_errors",
  "prompt_tokens",
  "completion_tokens",
  "cost_micros",
  "latency_sum_ms",
  "latency_buckets",
] as const;
const ROLLUP_CASTS = [
  "",
  "::date",
  "",
  "",
  "::int",
  "::int",
  "::int",
  "::bigint",
  "::bigint",
  "::bigint",
  "::bigint",
  "::int[]",
] as const;

// Histograms add element by element; WITH ORDINALITY keeps the order explicit, and unnest pads the shorter array
// with NULLs (a NULL array counts as empty), which COALESCE turns into zeros.
const ADD_BUCKETS = `ARRAY(
      SELECT COALESCE(stored, 0) + COALESCE(added, 0)
      FROM unnest(usage_daily.latency_buckets, excluded.latency_buckets) WITH ORDINALITY AS bucket(stored, added, position)
      ORDER BY position
    )`;

/**
 * The upsert that adds a batch's records to usage_daily: one multi-row INSERT … ON CONFLICT DO UPDATE, or null
 * for an empty batch. It belongs in the same transaction as the batch's request_logs insert.
 */
export function usageRollupStatement(records: readonly RollupInput[]): { text: string; values: unknown[] } | null {
  const rollups = aggregateUsage(records);
  if (rollups.length === 0) return null;
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const rollup of rollups) {
    const first = values.length;
    values.push(
      rollup.userId,
      rollup.day,
      rollup.apiKeyId,
      rollup.model,
      rollup.requests,
      rollup.errors,
      rollup.upstreamErrors,
      rollup.promptTokens,
      rollup.completionTokens,
      rollup.costMicros,
      rollup.latencySumMs,
      rollup.latencyBuckets,
    );
    rows.push(`(${ROLLUP_CASTS.map((cast, column) => `$${first + column + 1}${cast}`).join(", ")})`);
  }
  return {
    text: `INSERT INTO usage_daily (${ROLLUP_COLUMNS.join(", ")})
    VALUES ${rows.join(",\n      ")}
    ON CONFLICT (user_id, day, api_key_id, model) DO UPDATE SET
      requests = usage_daily.requests + excluded.requests,
      errors = usage_daily.errors + excluded.errors,
      upstream_errors = usage_daily.upstream_errors + excluded.upstream_errors,
      prompt_tokens = usage_daily.prompt_tokens + excluded.prompt_tokens,
      completion_tokens = usage_daily.completion_tokens + excluded.completion_tokens,
      cost_micros = usage_daily.cost_micros + excluded.cost_micros,
      latency_sum_ms = usage_daily.latency_sum_ms + excluded.latency_sum_ms,
      latency_buckets = ${ADD_BUCKETS}`,
    values,
  };
}

/**
 * The same aggregation in SQL, over rows already in request_logs: a GROUP BY per (user, day, key, model), with the
 * histogram counted by width_bucket over the same bounds. For back-fills and seeding (it replaces the rows it
 * computes rather than adding to them); `$1` is the user id. Live traffic goes through usageRollupStatement.
 */
export function rebuildUsageDailyStatement(userId: string): { text: string; values: unknown[] } {
  const bucketCounts = Array.from(
    { length: LATENCY_BUCKET_COUNT },
    (_, index) => `count(*) FILTER (WHERE bucket = ${index})::int`,
  ).join(", ");
  return {
    text: `INSERT INTO usage_daily (${ROLLUP_COLUMNS.join(", ")})
    SELECT user_id, created_at::date, api_key_id, model, count(*)::int, count(*) FILTER (WHERE status >= ${ERROR_STATUS_FROM})::int,
      count(*) FILTER (WHERE status >= ${UPSTREAM_ERROR_STATUS_FROM})::int, sum(prompt_tokens)::bigint, sum(completion_tokens)::bigint, sum(cost_micros)::bigint, sum(latency_ms)::bigint,
      ARRAY[${bucketCounts}]
    FROM (SELECT *, width_bucket(latency_ms, $2::int[]) AS bucket FROM request_logs WHERE user_id = $1) AS logged
    GROUP BY user_id, created_at::date, api_key_id, model
    ON CONFLICT (user_id, day, api_key_id, model) DO UPDATE SET
      requests = excluded.requests, errors = excluded.errors, upstream_errors = excluded.upstream_errors,
      prompt_tokens = excluded.prompt_tokens,
      completion_tokens = excluded.completion_tokens, cost_micros = excluded.cost_micros,
      latency_sum_ms = excluded.latency_sum_ms, latency_buckets = excluded.latency_buckets`,
    values: [userId, [...LATENCY_BUCKET_BOUNDS_MS]],
  };
}
