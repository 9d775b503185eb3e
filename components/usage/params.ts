// Usage page search params, parsed once: one period (the last 7/30/90 days, or a from–to range of UTC days) and one
// set of filters (key, model, status) that the summary, the charts, the request log and the CSV export all read, so
// links are shareable and the export downloads exactly the rows the page shows. Pure: unit-tested in params.test.ts.
import {
  MAX_RANGE_DAYS,
  type RequestLogFilters,
  type StatusClass,
  type UsageDays,
  type UsageWindow,
} from "@/lib/usage/queries";

export type UsageSplit = "model" | "key";

/** The last `days` UTC days (today included), or the UTC days `from` to `to` inclusive (YYYY-MM-DD). */
export type UsagePeriod = { kind: "days"; days: UsageDays } | { kind: "range"; from: string; to: string };

/** A period the URL asked for that cannot be shown: the page says why, the export answers 400. */
export type PeriodProblem =
  | { code: "range_reversed"; from: string; to: string }
  | { code: "range_too_long"; from: string; to: string; maxDays: number };

/** The model filter's value for requests refused before they named a model (stored with model ""). */
export const NO_MODEL_PARAM = "__none__";

export const STATUS_CLASSES: readonly StatusClass[] = ["ok", "error", "client_error", "upstream_error"];
export const DEFAULT_DAYS: UsageDays = 30;

export interface UsageParams {
  period: UsagePeriod;
  split: UsageSplit;
  key?: string;
  model?: string;
  status?: StatusClass;
  cursor?: string;
  problem?: PeriodProblem;
}

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const DAY_MS = 86_400_000;

function read(raw: RawParams, name: string): string | undefined {
  const value = raw instanceof URLSearchParams ? raw.get(name) : raw[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first.trim() === "" ? undefined : first.trim();
}

/** A real calendar day as YYYY-MM-DD (2025-02-30 is not one), else undefined. */
export function calendarDay(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value ? value : undefined;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daySpan(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * The period: a from–to range when either date is given (a missing end is today, a missing start the 30 days up to
 * the end), else `days`. A range that runs backwards or spans more than MAX_RANGE_DAYS is a problem, reported with
 * the default period so that nothing downstream ever reads a range it cannot take.
 */
function parsePeriod(raw: RawParams, now: Date): { period: UsagePeriod; problem?: PeriodProblem } {
  const fromText = calendarDay(read(raw, "from"));
  const toText = calendarDay(read(raw, "to"));
  if (fromText || toText) {
    const to = toText ?? now.toISOString().slice(0, 10);
    const from = fromText ?? shiftDay(to, -(DEFAULT_DAYS - 1));
    const fallback: UsagePeriod = { kind: "days", days: DEFAULT_DAYS };
    const span = daySpan(from, to);
    if (span < 1) return { period: fallback, problem: { code: "range_reversed", from, to } };
    if (span > MAX_RANGE_DAYS)
      return { period: fallback, problem: { code: "range_too_long", from, to, maxDays: MAX_RANGE_DAYS } };
    return { period: { kind: "range", from, to } };
  }
  const daysText = read(raw, "days");
  return { period: { kind: "days", days: daysText === "7" ? 7 : daysText === "90" ? 90 : DEFAULT_DAYS } };
}

export function parseUsageParams(raw: RawParams, now: Date = new Date()): UsageParams {
  const { period, problem } = parsePeriod(raw, now);
  const statusText = read(raw, "status");
  const params: UsageParams = {
    period,
    split: read(raw, "split") === "key" ? "key" : "model",
    key: read(raw, "key")?.slice(0, 200),
    model: read(raw, "model")?.slice(0, 300),
    status: STATUS_CLASSES.find((status) => status === statusText),
    cursor: read(raw, "cursor")?.slice(0, 500),
  };
  if (problem) params.problem = problem;
  return params;
}

/** Whether the key, model or status filter is set (the period is not a filter). */
export function hasFilters(params: UsageParams): boolean {
  return Boolean(params.key || params.model || params.status);
}

function modelValue(model: string): string {
  return model === NO_MODEL_PARAM ? "" : model;
}

/** The window the summary and the charts read: the period and the key, model and status filters. */
export function usageWindow(params: UsageParams, userId: string): UsageWindow {
  const window: UsageWindow =
    params.period.kind === "days"
      ? { userId, days: params.period.days }
      : { userId, from: params.period.from, to: params.period.to };
  if (params.key) window.apiKeyId = params.key;
  if (params.model) window.model = modelValue(params.model);
  if (params.status) window.status = params.status;
  return window;
}

/** The first and last UTC day of the period (for the log's time bounds and the page's caption). */
export function periodDays(period: UsagePeriod, now: Date = new Date()): { from: string; to: string } {
  if (period.kind === "range") return { from: period.from, to: period.to };
  const to = now.toISOString().slice(0, 10);
  return { from: shiftDay(to, -(period.days - 1)), to };
}

/** The request log filters the params describe: the same period (whole UTC days) and filters as the charts. */
export function logFilters(params: UsageParams, now: Date = new Date()): RequestLogFilters {
  const { from, to } = periodDays(params.period, now);
  const filters: RequestLogFilters = {
    from: new Date(`${from}T00:00:00Z`),
    // `to` is a whole day: the bound is the next midnight (exclusive).
    to: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS),
  };
  if (params.key) filters.apiKeyId = params.key;
  if (params.model) filters.model = modelValue(params.model);
  if (params.status) filters.status = params.status;
  return filters;
}

export type UsageParamChanges = Partial<Omit<UsageParams, "problem">>;

/** A query string for the params with `changes` applied; defaults are left out to keep links short. */
export function usageQuery(params: UsageParams, changes: UsageParamChanges = {}): string {
  const next = { ...params, ...changes };
  const search = new URLSearchParams();
  if (next.period.kind === "range") {
    search.set("from", next.period.from);
    search.set("to", next.period.to);
  } else if (next.period.days !== DEFAULT_DAYS) search.set("days", String(next.period.days));
  if (next.split !== "model") search.set("split", next.split);
  if (next.key) search.set("key", next.key);
  if (next.model) search.set("model", next.model);
  if (next.status) search.set("status", next.status);
  if (next.cursor) search.set("cursor", next.cursor);
  const text = search.toString();
  return text ? `?${text}` : "";
}
