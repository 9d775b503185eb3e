import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { chartData } from "@/components/usage/chart-data";
import { parseUsageParams, logFilters, REFUSED_MODEL_PARAM, type UsageParams } from "@/components/usage/params";
import { PeriodSwitch } from "@/components/usage/period-switch";
import { RequestLog, type FilterOption } from "@/components/usage/request-log";
import { SummaryCards } from "@/components/usage/summary-cards";
import { UsageCharts } from "@/components/usage/usage-charts";
import { requireUserId } from "@/lib/auth/session";
import { listApiKeys, ownsApiKey } from "@/lib/db/queries/dashboard";
import { requestLogPage, usageSeries, usageSummary, type RequestLogPage } from "@/lib/usage/queries";

export const metadata: Metadata = { title: "Usage — Switchyard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function readLog(userId: string, params: UsageParams): Promise<RequestLogPage> {
  try {
    return await requestLogPage({ userId, filters: logFilters(params), cursor: params.cursor, limit: 50 });
  } catch (error) {
    // A hand-edited or stale cursor: start from the newest rows rather than fail the page.
    if (error instanceof RangeError) return requestLogPage({ userId, filters: logFilters(params), limit: 50 });
    throw error;
  }
}

async function Usage({ searchParams }: { searchParams: SearchParams }) {
  const userId = await requireUserId();
  const params = parseUsageParams(await searchParams);
  const [summary, series, modelsSeen, keys, log] = await Promise.all([
    usageSummary({ userId, days: params.days }),
    usageSeries({ userId, days: params.days, groupBy: params.split }),
    usageSeries({ userId, days: 90, groupBy: "model" }),
    listApiKeys(userId),
    readLog(userId, params),
  ]);

  const filtered = Boolean(params.key || params.model || params.status || params.from || params.to || params.cursor);
  if (summary.requests === 0 && modelsSeen.groups.length === 0 && log.entries.length === 0 && !filtered) {
    return (
      <div className="space-y-6">
        <PeriodSwitch params={params} />
        <div
          className="rounded-lg border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700"
          data-testid="usage-empty"
        >
          <p className="font-medium">No usage yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Requests made with your API keys show up here shortly after they finish, with their cost, tokens and
            latency.
          </p>
          <Link
            href="/keys"
            className="mt-4 inline-block rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
          >
            {keys.length ? "Manage keys" : "Create a key"}
          </Link>
        </div>
      </div>
    );
  }

  const keyOptions: FilterOption[] = keys.map((key) => ({
    value: key.id,
    label: `${key.name} (${key.prefix}…${key.lastFour})`,
  }));
  const modelOptions: FilterOption[] = modelsSeen.groups.map((group) => ({
    value: group.id === "" ? REFUSED_MODEL_PARAM : group.id,
    label: group.label,
  }));
  const chart = chartData(series);
  return (
    <div className="space-y-8">
      <div className="space-y-4">
        <PeriodSwitch params={params} />
        <p className="text-xs text-zinc-500">
          {summary.from} to {summary.to} (UTC), {params.split === "model" ? "split by model" : "split by key"}.
        </p>
        <SummaryCards summary={summary} />
      </div>
      <UsageCharts points={chart.points} series={chart.series} />
      <RequestLog
        params={params}
        entries={log.entries}
        nextCursor={log.nextCursor}
        keys={keyOptions}
        models={modelOptions}
      />
    </div>
  );
}

export default async function UsagePage({ searchParams }: { searchParams: SearchParams }) {
  // Another user's key id (or no key's) in the URL is not found: checked before the page starts streaming, so the
  // answer is a real 404.
  const { key } = parseUsageParams(await searchParams);
  if (key && !(await ownsApiKey(await requireUserId(), key))) notFound();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Spend, tokens and requests per day, and every request your keys have made.
        </p>
      </header>
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading usage…</p>}>
        <Usage searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
