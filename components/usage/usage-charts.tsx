// Cost, tokens and requests per day (or week) for the period and filters: one legend for the three charts (in the
// page's text colours, beside swatches of the series colours), the bars drawn lazily in the browser, and the same
// numbers as a table for screen readers and pages without JavaScript.
import { getLocale, getTranslations } from "next-intl/server";
import { type ChartData, METRICS, type Metric } from "./chart-data";
import { formatCount, formatDay, formatSpend } from "./format";
import { LazyUsageChart } from "./lazy-usage-chart";

function pointTotal(values: Record<string, number>): number {
  return Object.values(values).reduce((sum, value) => sum + value, 0);
}

export async function UsageCharts({ data }: { data: ChartData }) {
  const [t, locale] = await Promise.all([getTranslations("usage.charts"), getLocale()]);
  const weekly = data.bucketDays === 7;
  const title = (metric: Metric) => t(`${metric}${weekly ? "Week" : ""}`);
  const barName = (from: string, to: string) =>
    from === to ? formatDay(from, locale) : `${formatDay(from, locale)} – ${formatDay(to, locale)}`;
  return (
    <section aria-label={t("heading")} className="space-y-3" data-testid="usage-charts">
      {data.series.length > 1 && (
        <ul aria-label={t("legend")} className="flex flex-wrap gap-x-4 gap-y-1 text-xs" data-testid="chart-legend">
          {data.series.map((item) => (
            <li key={item.key} className="flex min-w-0 items-center gap-1.5 text-zinc-700 dark:text-zinc-300">
              <span
                aria-hidden="true"
                className="size-2.5 shrink-0 rounded-sm"
                style={{ backgroundColor: item.color }}
              />
              <span className="max-w-64 truncate" title={item.label}>
                {item.label}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        {METRICS.map((metric) => (
          <figure key={metric} className="min-w-0 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <figcaption className="mb-3 text-sm font-medium">{title(metric)}</figcaption>
            <div className="h-56 w-full">
              <LazyUsageChart
                metric={metric}
                points={data.points}
                series={data.series}
                xTicks={data.xTicks}
                yTicks={data.yTicks[metric]}
                locale={locale}
                text={{ total: t("total"), noRequests: t("noRequests") }}
              />
            </div>
          </figure>
        ))}
      </div>
      <details className="rounded-lg border border-zinc-200 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer px-4 py-2 text-zinc-700 dark:text-zinc-300">{t("tableSummary")}</summary>
        <div className="overflow-x-auto border-t border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left tabular-nums" data-testid="chart-table">
            <thead className="text-xs text-zinc-600 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {weekly ? t("week") : t("day")}
                </th>
                {METRICS.map((metric) => (
                  <th key={metric} scope="col" className="px-4 py-2 text-right font-medium">
                    {t(`column.${metric}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {data.points.map((point) => (
                <tr key={point.from}>
                  <th scope="row" className="whitespace-nowrap px-4 py-1.5 font-normal">
                    {barName(point.from, point.to)}
                  </th>
                  <td className="px-4 py-1.5 text-right">{formatSpend(pointTotal(point.cost), locale)}</td>
                  <td className="px-4 py-1.5 text-right">{formatCount(pointTotal(point.tokens), locale)}</td>
                  <td className="px-4 py-1.5 text-right">{formatCount(pointTotal(point.requests), locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
