// GET /usage – spend, tokens and requests for one period and one set of filters (all in the URL), drawn as a
// summary, charts and the request log, which the CSV export downloads as shown.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { chartData } from "@/components/usage/chart-data";
import { formatDay } from "@/components/usage/format";
import {
  hasFilters,
  logFilters,
  NO_MODEL_PARAM,
  parseUsageParams,
  type PeriodProblem,
  type UsageParams,
  usageWindow,
} from "@/components/usage/params";
import { RequestLog } from "@/components/usage/request-log";
import { SummaryCards } from "@/components/usage/summary-cards";
import { type FilterOption, UsageControls } from "@/components/usage/usage-controls";
import { UsageCharts } from "@/components/usage/usage-charts";
import { requireUserId } from "@/lib/auth/session";
import { listApiKeys, ownsApiKey } from "@/lib/db/queries/dashboard";
import { requestLogPage, type RequestLogPage, type UsageWindow, usageSeries, usageSummary } from "@/lib/usage/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage");
  return { title: t("meta.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function readLog(userId: string, params: UsageParams): Promise<RequestLogPage> {
  const filters = logFilters(params);
  try {
    return await requestLogPage({ userId, filters, cursor: params.cursor, limit: 50 });
  } catch (error) {
    // A hand-edited or stale cursor: start from the newest rows rather than fail the page.
    if (error instanceof RangeError) return requestLogPage({ userId, filters, limit: 50 });
    throw error;
  }
}

async function ProblemNotice({ problem }: { problem: PeriodProblem }) {
  const [t, locale] = await Promise.all([getTranslations("usage.problem"), getLocale()]);
  const values = { from: formatDay(problem.from, locale), to: formatDay(problem.to, locale) };
  return (
    <div
      id="usage-range-problem"
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
      data-testid="usage-problem"
    >
      <p className="font-medium">{t("title")}</p>
      <p className="mt-1">
        {problem.code === "range_too_long"
          ? t("range_too_long", { ...values, maxDays: problem.maxDays })
          : t("range_reversed", values)}
      </p>
    </div>
  );
}

async function EmptyState({ hasKeys }: { hasKeys: boolean }) {
  const t = await getTranslations("usage.empty");
  return (
    <div
      className="rounded-lg border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700"
      data-testid="usage-empty"
    >
      <p className="font-medium">{t("title")}</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("body")}</p>
      <Link
        href="/keys"
        className="mt-4 inline-block rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
      >
        {hasKeys ? t("manageKeys") : t("createKey")}
      </Link>
    </div>
  );
}

async function Usage({ searchParams }: { searchParams: SearchParams }) {
  const userId = await requireUserId();
  const params = parseUsageParams(await searchParams);
  const t = await getTranslations("usage");
  const window = usageWindow(params, userId);
  // The model filter offers every model of the last 90 days (or of the range), whatever the other filters.
  const modelsWindow: UsageWindow =
    params.period.kind === "range" ? { userId, from: params.period.from, to: params.period.to } : { userId, days: 90 };
  const [keys, modelsSeen] = await Promise.all([
    listApiKeys(userId),
    usageSeries({ ...modelsWindow, groupBy: "model" }),
  ]);
  const keyOptions: FilterOption[] = keys.map((key) => ({
    value: key.id,
    label: `${key.name} (${key.prefix}…${key.lastFour})`,
  }));
  const modelOptions: FilterOption[] = modelsSeen.groups.map((group) => ({
    value: group.id === "" ? NO_MODEL_PARAM : group.id,
    label: group.id === "" ? t("noModel") : group.label,
  }));
  const controls = <UsageControls params={params} keys={keyOptions} models={modelOptions} />;

  if (params.problem) {
    return (
      <div className="space-y-6">
        <ProblemNotice problem={params.problem} />
        {controls}
      </div>
    );
  }

  const [summary, series, log] = await Promise.all([
    usageSummary(window),
    usageSeries({ ...window, groupBy: params.split }),
    readLog(userId, params),
  ]);
  const everEmpty = modelsSeen.groups.length === 0 && summary.requests === 0 && log.entries.length === 0;
  if (everEmpty && !hasFilters(params) && params.period.kind === "days" && !params.cursor) {
    return (
      <div className="space-y-6">
        {controls}
        <EmptyState hasKeys={keys.length > 0} />
      </div>
    );
  }

  const chart = chartData(series, {
    all: t("charts.all"),
    other: (count) => t("charts.other", { count }),
    group: (id, label) => (params.split === "model" && id === "" ? t("noModel") : label),
  });
  return (
    <div className="space-y-8">
      <div className="space-y-4">
        {controls}
        <SummaryCards summary={summary} />
      </div>
      <UsageCharts data={chart} />
      <RequestLog params={params} entries={log.entries} nextCursor={log.nextCursor} />
    </div>
  );
}

export default async function UsagePage({ searchParams }: { searchParams: SearchParams }) {
  // Another user's key id (or no key's) in the URL is not found: checked before the page starts streaming, so the
  // answer is a real 404.
  const [{ key }, t] = await Promise.all([searchParams.then((raw) => parseUsageParams(raw)), getTranslations("usage")]);
  if (key && !(await ownsApiKey(await requireUserId(), key))) notFound();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </header>
      <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">{t("loading")}</p>}>
        <Usage searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
