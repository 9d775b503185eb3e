// Reads behind the dashboard's usage charts and request log. Charts and the summary read usage_daily (a few rows
// per key, model and day, kept current by the usage writer), never a GROUP BY over request_logs; the log pages
// through request_logs by keyset on the (user_id, created_at) index, so page 1 and page 10,000 cost the same.
// Every function takes the user id and filters on it first: a user only ever sees their own data.
import "../server-only";
import { sql } from "../db/pool";
import type { AttemptRecord, UsageRecord } from "../gateway/metering/usage-writer";
import { LATENCY_BUCKET_BOUNDS_MS, LATENCY_BUCKET_COUNT, percentileFromBuckets } from "./latency-buckets";
import { ERROR_STATUS_FROM, UPSTREAM_ERROR_STATUS_FROM, modelLabel, utcDay } from "./rollup-statement";

export type UsageDays = 7 | 30 | 90;
/** The longest from–to range the charts and the summary take. */
export const MAX_RANGE_DAYS = 366;

/**
 * "ok" is status < 400; "error" is >= 400, of which "client_error" is 4xx (the request, key or account was refused,
 * or the client went away) and "upstream_error" is >= 500 (the upstream, or the gateway, failed).
 */
export type StatusClass = "ok" | "error" | "client_error" | "upstream_error";
export type UsageGroupBy = "model" | "key" | "none";

export interface UsageTotals {
  requests: number;
  /** Requests with status >= 400: client errors (4xx) plus upstream failures. */
  errors: number;
  /** Of the errors, those with status >= 500. */
  upstreamErrors: number;
  promptTokens: number;
  completionTokens: number;
  /** Prompt plus completion tokens. */
  tokens: number;
  /** Micro-USD: exact, never a float. */
  costMicros: bigint;
}

export interface UsageSeriesPoint {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  total: UsageTotals;
  /** Every group of the series, zeros included, keyed by group id; empty when grouped by "none". */
  byGroup: Record<string, UsageTotals>;
}

export interface UsageSeries {
  from: string;
  to: string;
  groupBy: UsageGroupBy;
  /** Model ids or API key ids, biggest spend first; labels for display ("(refused)", key names). */
  groups: Array<{ id: string; label: string; total: UsageTotals }>;
  /** One point per UTC day from `from` to `to` inclusive, days without requests filled with zeros. */
  points: UsageSeriesPoint[];
}

export interface UsageWindow {
  userId: string;
  /** The last `days` UTC days, today included (30 by default)… */
  days?: UsageDays;
  /** …or, when both are given, these UTC days (YYYY-MM-DD, inclusive; at most MAX_RANGE_DAYS). */
  from?: string;
  to?: string;
  apiKeyId?: string;
  /** Exact model id; "" for requests refused before they named one. */
  model?: string;
  /**
   * Only requests of this class. The roll-ups do not split tokens and cost by status, so a status filter reads the
   * request log itself (bounded by the window, on the (user_id, created_at) index), as the log and the export do.
   */
  status?: StatusClass;
  /** The instant whose UTC day is the window's last; now by default (tests pin it). */
  now?: Date;
}

export interface UsageSummary extends UsageTotals {
  from: string;
  to: string;
  /** errors / requests (client errors and upstream failures alike), 0 when there were no requests. */
  errorRate: number;
  /** Client errors (4xx) / requests and upstream failures (5xx) / requests: together, errorRate. */
  clientErrorRate: number;
  upstreamErrorRate: number;
  /** Null when there were no requests. */
  averageLatencyMs: number | null;
  /** Upper bounds of latency buckets (see latency-buckets.ts): null without requests, Infinity past the last bound. */
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
}

const DAY_MS = 86_400_000;

function zeroTotals(): UsageTotals {
  return { requests: 0, errors: 0, upstreamErrors: 0, promptTokens: 0, completionTokens: 0, tokens: 0, costMicros: 0n };
}

function addTotals(into: UsageTotals, add: UsageTotals): void {
  into.requests += add.requests;
  into.errors += add.errors;
  into.upstreamErrors += add.upstreamErrors;
  into.promptTokens += add.promptTokens;
  into.completionTokens += add.completionTokens;
  into.tokens += add.tokens;
  into.costMicros += add.costMicros;
}

/** Sums come back as BIGINT (read as BigInt by the pool); counts and tokens fit a Number comfortably. */
function count(value: bigint | number | null): number {
  return value === null ? 0 : Number(value);
}

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): number {
  const time = DAY_TEXT.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time) || utcDay(new Date(time)) !== day) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
  return time;
}

/** Every UTC day of the window, oldest first. */
export function windowDays(window: Pick<UsageWindow, "days" | "from" | "to" | "now">): {
  from: string;
  to: string;
  days: string[];
} {
  let first: number;
  let count: number;
  if (window.from !== undefined && window.to !== undefined) {
    first = dayStart(window.from);
    count = Math.round((dayStart(window.to) - first) / DAY_MS) + 1;
    if (count < 1) throw new RangeError(`from (${window.from}) is after to (${window.to})`);
    if (count > MAX_RANGE_DAYS) throw new RangeError(`a range spans at most ${MAX_RANGE_DAYS} days, got ${count}`);
  } else {
    const length = window.days ?? 30;
    if (length !== 7 && length !== 30 && length !== 90)
      throw new RangeError(`days must be 7, 30 or 90, got ${String(window.days)}`);
    count = length;
    first = Date.parse(`${utcDay(window.now ?? new Date())}T00:00:00Z`) - (count - 1) * DAY_MS;
  }
  const days = Array.from({ length: count }, (_, index) => utcDay(new Date(first + index * DAY_MS)));
  return { from: days[0], to: days[days.length - 1], days };
}

/** The SQL condition on `status` for a status class (or one exact status). */
function statusCondition(status: StatusClass | number, placeholder: () => string): string {
  switch (status) {
    case "ok":
      return `status < ${ERROR_STATUS_FROM}`;
    case "error":
      return `status >= ${ERROR_STATUS_FROM}`;
    case "client_error":
      return `status >= ${ERROR_STATUS_FROM} AND status < ${UPSTREAM_ERROR_STATUS_FROM}`;
    case "upstream_error":
      return `status >= ${UPSTREAM_ERROR_STATUS_FROM}`;
    default:
      if (!Number.isInteger(status)) throw new RangeError(`status filter must be an integer, got ${status}`);
      return `status = ${placeholder()}::int`;
  }
}

const BUCKET_COUNTS = Array.from(
  { length: LATENCY_BUCKET_COUNT },
  (_, index) => `count(*) FILTER (WHERE bucket = ${index})::int`,
).join(", ");

/**
 * The rows the series and the summary add up, usage_daily-shaped (day, api_key_id, model, requests, errors,
 * upstream_errors, tokens, cost, latency sum and histogram): usage_daily itself, or — with a status filter — the
 * same aggregation over the window's request log rows (as rebuildUsageDailyStatement computes it). Parameters from $1.
 */
function dailySource(window: UsageWindow, from: string, to: string): { relation: string; values: unknown[] } {
  const values: unknown[] = [window.userId, from, to];
  const add = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const filters: string[] = [];
  if (window.apiKeyId !== undefined) filters.push(`api_key_id = ${add(window.apiKeyId)}`);
  if (window.model !== undefined) filters.push(`model = ${add(window.model)}`);
  if (window.status === undefined) {
    const conditions = ["user_id = $1", "day BETWEEN $2::date AND $3::date", ...filters];
    return { relation: `(SELECT * FROM usage_daily WHERE ${conditions.join(" AND ")})`, values };
  }
  // TIMESTAMP columns hold UTC; a date compares as its midnight.
  const conditions = [
    "user_id = $1",
    "created_at >= $2::date",
    "created_at < $3::date + 1",
    statusCondition(window.status, () => ""),
    ...filters,
  ];
  const bounds = add([...LATENCY_BUCKET_BOUNDS_MS]);
  return {
    relation: `(SELECT created_at::date AS day, api_key_id, model, count(*)::int AS requests,
        count(*) FILTER (WHERE status >= ${ERROR_STATUS_FROM})::int AS errors,
        count(*) FILTER (WHERE status >= ${UPSTREAM_ERROR_STATUS_FROM})::int AS upstream_errors,
        sum(prompt_tokens)::bigint AS prompt_tokens, sum(completion_tokens)::bigint AS completion_tokens,
        sum(cost_micros)::bigint AS cost_micros, sum(latency_ms)::bigint AS latency_sum_ms, ARRAY[${BUCKET_COUNTS}] AS latency_buckets
      FROM (SELECT *, width_bucket(latency_ms, ${bounds}::int[]) AS bucket FROM request_logs WHERE ${conditions.join(" AND ")}) AS logged
      GROUP BY 1, 2, 3)`,
    values,
  };
}

interface DailyTotalsRow {
  day: string;
  group_id: string;
  requests: bigint;
  errors: bigint;
  upstream_errors: bigint;
  prompt_tokens: bigint;
  completion_tokens: bigint;
  cost_micros: bigint;
}

/** Requests, errors, tokens and cost per UTC day of the window, optionally per model or key. */
export async function usageSeries(options: UsageWindow & { groupBy: UsageGroupBy }): Promise<UsageSeries> {
  const { from, to, days } = windowDays(options);
  const { relation, values } = dailySource(options, from, to);
  const groupColumn = options.groupBy === "model" ? "model" : options.groupBy === "key" ? "api_key_id" : "''";
  const rows = await sql<DailyTotalsRow>(
    `SELECT day::text AS day, ${groupColumn} AS group_id, sum(requests)::bigint AS requests, sum(errors)::bigint AS errors,
       sum(upstream_errors)::bigint AS upstream_errors, sum(prompt_tokens)::bigint AS prompt_tokens,
       sum(completion_tokens)::bigint AS completion_tokens, sum(cost_micros)::bigint AS cost_micros
     FROM ${relation} AS selected
     GROUP BY 1, 2`,
    values,
  );

  const grouped = options.groupBy !== "none";
  const groupTotals = new Map<string, UsageTotals>();
  const cells = new Map<string, Map<string, UsageTotals>>();
  for (const row of rows) {
    const promptTokens = count(row.prompt_tokens);
    const completionTokens = count(row.completion_tokens);
    const totals: UsageTotals = {
      requests: count(row.requests),
      errors: count(row.errors),
      upstreamErrors: count(row.upstream_errors),
      promptTokens,
      completionTokens,
      tokens: promptTokens + completionTokens,
      costMicros: row.cost_micros ?? 0n,
    };
    if (!cells.has(row.day)) cells.set(row.day, new Map());
    cells.get(row.day)?.set(row.group_id, totals);
    if (grouped) {
      if (!groupTotals.has(row.group_id)) groupTotals.set(row.group_id, zeroTotals());
      const groupTotal = groupTotals.get(row.group_id);
      if (groupTotal) addTotals(groupTotal, totals);
    }
  }

  // Biggest spend first (then most requests, then id, for a stable order): the order legends and stacks want.
  const groupIds = [...groupTotals.entries()]
    .sort(([leftId, left], [rightId, right]) =>
      left.costMicros !== right.costMicros
        ? right.costMicros > left.costMicros
          ? 1
          : -1
        : right.requests - left.requests || (leftId < rightId ? -1 : 1),
    )
    .map(([id]) => id);
  const labels = options.groupBy === "key" ? await keyLabels(options.userId, groupIds) : new Map<string, string>();

  const points = days.map((day): UsageSeriesPoint => {
    const dayCells = cells.get(day);
    const total = zeroTotals();
    const byGroup: Record<string, UsageTotals> = {};
    for (const cell of dayCells?.values() ?? []) addTotals(total, cell);
    for (const id of groupIds) byGroup[id] = dayCells?.get(id) ?? zeroTotals();
    return { day, total, byGroup };
  });
  return {
    from,
    to,
    groupBy: options.groupBy,
    points,
    groups: groupIds.map((id) => ({
      id,
      label: options.groupBy === "model" ? modelLabel(id) : (labels.get(id) ?? "(deleted key)"),
      total: groupTotals.get(id) ?? zeroTotals(),
    })),
  };
}

/** Names of the user's keys among `ids`: a key deleted since (usage_daily keeps its history) has none. */
async function keyLabels(userId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; name: string; prefix: string; last_four: string }>(
    `SELECT id, name, prefix, last_four FROM api_keys WHERE user_id = $1 AND id = ANY($2::text[])`,
    [userId, ids],
  );
  return new Map(rows.map((row) => [row.id, `${row.name} (${row.prefix}…${row.last_four})`]));
}

interface SummaryRow {
  requests: bigint | null;
  errors: bigint | null;
  upstream_errors: bigint | null;
  prompt_tokens: bigint | null;
  completion_tokens: bigint | null;
  cost_micros: bigint | null;
  latency_sum_ms: bigint | null;
  latency_buckets: number[] | null;
}

/** Totals, error rates and latency percentiles over the window, from the roll-ups' summed histograms. */
export async function usageSummary(options: UsageWindow): Promise<UsageSummary> {
  const { from, to } = windowDays(options);
  const { relation, values } = dailySource(options, from, to);
  // Histograms sum position by position; a bucket's sum fits an int (it counts requests of one window).
  const [row] = await sql<SummaryRow>(
    `WITH selected AS (SELECT * FROM ${relation} AS source),
     bucket_sums AS (
       SELECT position, sum(bucket_count)::int AS total
       FROM selected, unnest(selected.latency_buckets) WITH ORDINALITY AS bucket(bucket_count, position)
       GROUP BY position
     )
     SELECT sum(requests)::bigint AS requests, sum(errors)::bigint AS errors,
       sum(upstream_errors)::bigint AS upstream_errors, sum(prompt_tokens)::bigint AS prompt_tokens,
       sum(completion_tokens)::bigint AS completion_tokens, sum(cost_micros)::bigint AS cost_micros, sum(latency_sum_ms)::bigint AS latency_sum_ms,
       (SELECT array_agg(total ORDER BY position) FROM bucket_sums) AS latency_buckets
     FROM selected`,
    values,
  );
  const requests = count(row?.requests ?? null);
  const errors = count(row?.errors ?? null);
  const upstreamErrors = count(row?.upstream_errors ?? null);
  const promptTokens = count(row?.prompt_tokens ?? null);
  const completionTokens = count(row?.completion_tokens ?? null);
  const buckets = row?.latency_buckets ?? [];
  return {
    from,
    to,
    requests,
    errors,
    upstreamErrors,
    promptTokens,
    completionTokens,
    tokens: promptTokens + completionTokens,
    costMicros: row?.cost_micros ?? 0n,
    errorRate: requests === 0 ? 0 : errors / requests,
    clientErrorRate: requests === 0 ? 0 : (errors - upstreamErrors) / requests,
    upstreamErrorRate: requests === 0 ? 0 : upstreamErrors / requests,
    averageLatencyMs: requests === 0 ? null : count(row?.latency_sum_ms ?? null) / requests,
    p50LatencyMs: percentileFromBuckets(buckets, 0.5),
    p95LatencyMs: percentileFromBuckets(buckets, 0.95),
  };
}

// ---- Request log ----

export interface RequestLogFilters {
  apiKeyId?: string;
  /** Exact model id; "" for requests refused before they named one. */
  model?: string;
  /** A status class (the roll-ups' definitions, see StatusClass), or one status exactly. */
  status?: StatusClass | number;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** One row of the request log as the dashboard reads it: what the usage writer recorded, and the key's name. */
export interface RequestLogEntry extends Omit<UsageRecord, "requestId" | "userId" | "reservedMicros" | "prompt"> {
  id: string;
  /** Null when the key has been deleted. */
  apiKeyName: string | null;
}

export interface RequestLogPage {
  entries: RequestLogEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface RequestLogQuery {
  userId: string;
  filters?: RequestLogFilters;
  cursor?: string | null;
  limit?: number;
}

export const REQUEST_LOG_MAX_LIMIT = 200;
const CSV_PAGE_SIZE = 1_000;

/** The position after a row in (created_at desc, id desc) order, opaque to callers. */
export function encodeLogCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

function decodeLogCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      typeof parsed[1] === "string"
    ) {
      const createdAt = new Date(parsed[0]);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: parsed[1] };
    }
  } catch {
    // Falls through to the error below: a cursor is only ever one we issued.
  }
  throw new RangeError("invalid request log cursor");
}

interface LogRow {
  id: string;
  created_at: Date;
  api_key_id: string;
  api_key_name: string | null;
  endpoint: string;
  model: string;
  provider_id: string | null;
  upstream_model: string | null;
  stream: boolean;
  status: number;
  error_code: string | null;
  finish_reason: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  usage_source: UsageRecord["usageSource"];
  cost_micros: bigint;
  latency_ms: number;
  ttft_ms: number | null;
  attempts: AttemptRecord[];
}

async function fetchLogPage(
  userId: string,
  filters: RequestLogFilters,
  cursor: string | null | undefined,
  limit: number,
): Promise<RequestLogPage> {
  const values: unknown[] = [userId];
  const conditions = ["user_id = $1"];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(condition(`$${values.length}`));
  };
  if (filters.apiKeyId !== undefined) add((p) => `api_key_id = ${p}`, filters.apiKeyId);
  if (filters.model !== undefined) add((p) => `model = ${p}`, filters.model);
  if (filters.status !== undefined) {
    const status = filters.status;
    conditions.push(
      statusCondition(status, () => {
        values.push(status);
        return `$${values.length}`;
      }),
    );
  }
  // TIMESTAMP columns hold UTC: compare with the UTC text, as the writer stores it.
  if (filters.from) add((p) => `created_at >= ${p}::timestamp`, filters.from.toISOString().replace("Z", ""));
  if (filters.to) add((p) => `created_at < ${p}::timestamp`, filters.to.toISOString().replace("Z", ""));
  if (cursor) {
    const after = decodeLogCursor(cursor);
    values.push(after.createdAt.toISOString().replace("Z", ""), after.id);
    const at = `$${values.length - 1}::timestamp`;
    // Spelled out rather than a row comparison so that `created_at <= …` bounds the index scan.
    conditions.push(`created_at <= ${at} AND (created_at < ${at} OR id < $${values.length})`);
  }
  values.push(limit + 1);
  const rows = await sql<LogRow>(
    `SELECT log.*, api_keys.name AS api_key_name
     FROM (
       SELECT id, created_at, api_key_id, endpoint, model, provider_id, upstream_model, stream, status, error_code, finish_reason,
         prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, usage_source, cost_micros, latency_ms,
         ttft_ms, attempts
       FROM request_logs
       WHERE ${conditions.join(" AND ")}
       ORDER BY created_at DESC, id DESC
       LIMIT $${values.length}
     ) AS log
     LEFT JOIN api_keys ON api_keys.id = log.api_key_id AND api_keys.user_id = $1
     ORDER BY log.created_at DESC, log.id DESC`,
    values,
  );
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map(
    (row): RequestLogEntry => ({
      id: row.id,
      createdAt: row.created_at,
      apiKeyId: row.api_key_id,
      apiKeyName: row.api_key_name,
      endpoint: row.endpoint,
      model: row.model,
      providerId: row.provider_id,
      upstreamModel: row.upstream_model,
      stream: row.stream,
      status: row.status,
      errorCode: row.error_code,
      finishReason: row.finish_reason,
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      cachedTokens: row.cached_tokens,
      cacheWriteTokens: row.cache_write_tokens,
      reasoningTokens: row.reasoning_tokens,
      usageSource: row.usage_source,
      costMicros: row.cost_micros,
      latencyMs: row.latency_ms,
      ttftMs: row.ttft_ms,
      attempts: row.attempts,
    }),
  );
  const last = entries[entries.length - 1];
  return { entries, nextCursor: more && last ? encodeLogCursor(last.createdAt, last.id) : null };
}

/** One page of the user's request log, newest first; `limit` is clamped to 1…REQUEST_LOG_MAX_LIMIT (default 50). */
export async function requestLogPage(query: RequestLogQuery): Promise<RequestLogPage> {
  const limit = Math.min(REQUEST_LOG_MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? 50)));
  return fetchLogPage(query.userId, query.filters ?? {}, query.cursor, limit);
}

// ---- CSV export ----

const CSV_COLUMNS = [
  "id",
  "created_at",
  "api_key_id",
  "api_key_name",
  "endpoint",
  "model",
  "provider",
  "upstream_model",
  "stream",
  "status",
  "error_code",
  "finish_reason",
  "prompt_tokens",
  "completion_tokens",
  "cached_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "usage_source",
  "cost_usd",
  "latency_ms",
  "ttft_ms",
] as const;

/** Micro-USD as an exact decimal dollar amount: 1234n → "0.001234". */
export function formatMicrosAsUsd(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const magnitude = micros < 0n ? -micros : micros;
  return `${sign}${magnitude / 1_000_000n}.${(magnitude % 1_000_000n).toString().padStart(6, "0")}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: model names come from
 * callers' requests, and an export must not be able to carry a formula into someone's spreadsheet.
 */
export function csvField(value: string | number | bigint | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(fields: Array<string | number | bigint | boolean | null>): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/**
 * The filtered log as CSV, newest first: the header, then one string per row, each ending in CRLF. Read page by
 * page (keyset, a fresh short query each), so an export of millions of rows holds one page in memory and no
 * connection between pages.
 */
export async function* requestLogCsv(
  query: Omit<RequestLogQuery, "cursor" | "limit">,
): AsyncGenerator<string, void, undefined> {
  yield csvLine([...CSV_COLUMNS]);
  let cursor: string | null = null;
  do {
    const page: RequestLogPage = await fetchLogPage(query.userId, query.filters ?? {}, cursor, CSV_PAGE_SIZE);
    for (const entry of page.entries) {
      yield csvLine([
        entry.id,
        entry.createdAt.toISOString(),
        entry.apiKeyId,
        entry.apiKeyName,
        entry.endpoint,
        entry.model,
        entry.providerId,
        entry.upstreamModel,
        entry.stream,
        entry.status,
        entry.errorCode,
        entry.finishReason,
        entry.promptTokens,
        entry.completionTokens,
        entry.cachedTokens,
        entry.cacheWriteTokens,
        entry.reasoningTokens,
        entry.usageSource,
        formatMicrosAsUsd(entry.costMicros),
        entry.latencyMs,
        entry.ttftMs,
      ]);
    }
    cursor = page.nextCursor;
  } while (cursor);
}
