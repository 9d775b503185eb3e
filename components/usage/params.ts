// Usage page search params: parsed once, shared by the page and the CSV export, so links are shareable and the
// export downloads exactly the rows the log shows.
import type { RequestLogFilters, UsageDays } from "@/lib/usage/queries";

export type UsageSplit = "model" | "key";

/** The model filter's value for refused requests (stored with an empty model). */
export const REFUSED_MODEL_PARAM = "__refused__";

export interface UsageParams {
  days: UsageDays;
  split: UsageSplit;
  key?: string;
  model?: string;
  status?: "ok" | "error";
  /** YYYY-MM-DD, UTC, inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
}

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function read(raw: RawParams, name: string): string | undefined {
  const value = raw instanceof URLSearchParams ? raw.get(name) : raw[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first.trim() === "" ? undefined : first.trim();
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined): string | undefined {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
}

export function parseUsageParams(raw: RawParams): UsageParams {
  const daysText = read(raw, "days");
  const days: UsageDays = daysText === "7" ? 7 : daysText === "90" ? 90 : 30;
  const split: UsageSplit = read(raw, "split") === "key" ? "key" : "model";
  const statusText = read(raw, "status");
  return {
    days,
    split,
    key: read(raw, "key")?.slice(0, 200),
    model: read(raw, "model")?.slice(0, 300),
    status: statusText === "ok" || statusText === "error" ? statusText : undefined,
    from: day(read(raw, "from")),
    to: day(read(raw, "to")),
    cursor: read(raw, "cursor")?.slice(0, 500),
  };
}

/** The request log filters the params describe; `to` is a whole day, so the bound is the next midnight. */
export function logFilters(params: UsageParams): RequestLogFilters {
  const filters: RequestLogFilters = {};
  if (params.key) filters.apiKeyId = params.key;
  if (params.model) filters.model = params.model === REFUSED_MODEL_PARAM ? "" : params.model;
  if (params.status) filters.status = params.status;
  if (params.from) filters.from = new Date(`${params.from}T00:00:00Z`);
  if (params.to) filters.to = new Date(Date.parse(`${params.to}T00:00:00Z`) + 86_400_000);
  return filters;
}

/** A query string for the params with `changes` applied; defaults are left out to keep links short. */
export function usageQuery(params: UsageParams, changes: Partial<UsageParams> = {}): string {
  const next = { ...params, ...changes };
  const search = new URLSearchParams();
  if (next.days !== 30) search.set("days", String(next.days));
  if (next.split !== "model") search.set("split", next.split);
  if (next.key) search.set("key", next.key);
  if (next.model) search.set("model", next.model);
  if (next.status) search.set("status", next.status);
  if (next.from) search.set("from", next.from);
  if (next.to) search.set("to", next.to);
  if (next.cursor) search.set("cursor", next.cursor);
  const text = search.toString();
  return text ? `?${text}` : "";
}
