// The page's one period and one set of filters, at the top, for everything below: the summary, the charts, the log
// and the export. Links and a GET form (works without JavaScript); the state lives in the URL (params.ts).
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { fieldControl } from "@/components/ui/styles";
import type { StatusClass } from "@/lib/usage/queries";
import { formatDay } from "./format";
import { hasFilters, periodDays, usageQuery, type UsageParams, type UsageSplit } from "./params";

export interface FilterOption {
  value: string;
  label: string;
}

const PERIODS = [7, 30, 90] as const;
const SPLITS: UsageSplit[] = ["model", "key"];
const STATUS_LABELS: Record<StatusClass, string> = {
  ok: "statusOk",
  error: "statusError",
  client_error: "statusClientError",
  upstream_error: "statusUpstreamError",
};

const fieldClass = `${fieldControl} mt-1 block w-full min-w-0 px-2.5 py-1.5 dark:bg-zinc-900`;
const labelClass = "block min-w-0 text-xs font-medium text-zinc-600 dark:text-zinc-400";

function Segment({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      scroll={false}
      className={`whitespace-nowrap rounded px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700 dark:text-white" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"}`}
    >
      {children}
    </Link>
  );
}

export async function UsageControls({
  params,
  keys,
  models,
}: {
  params: UsageParams;
  keys: FilterOption[];
  models: FilterOption[];
}) {
  const [t, locale] = await Promise.all([getTranslations("usage"), getLocale()]);
  const { period } = params;
  const modelOptions =
    params.model && !models.some((option) => option.value === params.model)
      ? [...models, { value: params.model, label: params.model }]
      : models;
  // The dates the form shows: the range asked for (even a refused one, to be corrected), else empty.
  const shownRange = params.problem ?? (period.kind === "range" ? period : undefined);
  const days = periodDays(period);
  const caption =
    days.from === days.to
      ? t("period.captionOneDay", { day: formatDay(days.from, locale) })
      : t("period.caption", { from: formatDay(days.from, locale), to: formatDay(days.to, locale) });
  const applied = [
    params.key && `${t("filters.key")}: ${keys.find((option) => option.value === params.key)?.label ?? params.key}`,
    params.model &&
      `${t("filters.model")}: ${modelOptions.find((option) => option.value === params.model)?.label ?? params.model}`,
    params.status && `${t("filters.status")}: ${t(`filters.${STATUS_LABELS[params.status]}`)}`,
  ].filter(Boolean);

  return (
    <div className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid="usage-controls">
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label={t("period.label")} className="inline-flex gap-1 rounded-md bg-zinc-100 p-1 dark:bg-zinc-900">
          {PERIODS.map((count) => (
            <Segment
              key={count}
              href={`/usage${usageQuery(params, { period: { kind: "days", days: count }, cursor: undefined })}`}
              active={!params.problem && period.kind === "days" && period.days === count}
            >
              {t("period.days", { count })}
            </Segment>
          ))}
        </nav>
        <nav aria-label={t("split.label")} className="inline-flex gap-1 rounded-md bg-zinc-100 p-1 dark:bg-zinc-900">
          {SPLITS.map((split) => (
            <Segment
              key={split}
              href={`/usage${usageQuery(params, { split, cursor: undefined })}`}
              active={params.split === split}
            >
              {t(`split.${split}`)}
            </Segment>
          ))}
        </nav>
        {!params.problem && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="period-caption">
            {caption}
          </p>
        )}
      </div>
      <form
        method="get"
        action="/usage"
        aria-label={t("filters.label")}
        className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end"
      >
        {period.kind === "days" && !params.problem && <input type="hidden" name="days" value={String(period.days)} />}
        {params.split !== "model" && <input type="hidden" name="split" value={params.split} />}
        <label className={`${labelClass} col-span-2 sm:col-span-1`}>
          {t("filters.key")}
          <select name="key" defaultValue={params.key ?? ""} className={fieldClass}>
            <option value="">{t("filters.allKeys")}</option>
            {keys.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className={`${labelClass} col-span-2 sm:col-span-1`}>
          {t("filters.model")}
          <select name="model" defaultValue={params.model ?? ""} className={fieldClass}>
            <option value="">{t("filters.allModels")}</option>
            {modelOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className={`${labelClass} col-span-2 sm:col-span-1`}>
          {t("filters.status")}
          <select name="status" defaultValue={params.status ?? ""} className={fieldClass}>
            <option value="">{t("filters.anyStatus")}</option>
            {(Object.keys(STATUS_LABELS) as StatusClass[]).map((status) => (
              <option key={status} value={status}>
                {t(`filters.${STATUS_LABELS[status]}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          {t("filters.from")}
          <input
            type="date"
            name="from"
            defaultValue={shownRange?.from ?? ""}
            aria-invalid={params.problem ? true : undefined}
            aria-describedby={params.problem ? "usage-range-problem" : "usage-range-hint"}
            className={fieldClass}
          />
        </label>
        <label className={labelClass}>
          {t("filters.to")}
          <input
            type="date"
            name="to"
            defaultValue={shownRange?.to ?? ""}
            aria-invalid={params.problem ? true : undefined}
            aria-describedby={params.problem ? "usage-range-problem" : "usage-range-hint"}
            className={fieldClass}
          />
        </label>
        <div className="col-span-2 flex flex-wrap items-center gap-2 sm:col-span-1">
          <button
            type="submit"
            className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
          >
            {t("filters.apply")}
          </button>
          {(hasFilters(params) || period.kind === "range" || params.problem) && (
            <Link
              href={`/usage${usageQuery({ period: { kind: "days", days: 30 }, split: params.split })}`}
              className="rounded-md px-2 py-1.5 text-sm text-zinc-600 underline-offset-2 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-white"
            >
              {t("filters.clear")}
            </Link>
          )}
        </div>
      </form>
      <p id="usage-range-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
        {applied.length ? t("filters.applied", { filters: applied.join(" · ") }) : t("filters.none")}{" "}
        {t("filters.rangeHint")}
      </p>
    </div>
  );
}
