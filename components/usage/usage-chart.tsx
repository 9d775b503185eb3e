"use client";
// One metric's stacked bars (recharts), loaded lazily by lazy-usage-chart.tsx so the page's first JavaScript does not
// carry the chart library. Decorative for assistive technology: the figure's caption names it and the server-rendered
// table below the charts holds the same numbers, so the SVG is aria-hidden and never a tab stop.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, ResponsiveContainer } from "recharts";
import { axisLabel, type ChartPoint, type ChartSeries, type Metric } from "./chart-data";
import { formatCount, formatSpend, formatTick } from "./format";

export interface UsageChartProps {
  metric: Metric;
  points: ChartPoint[];
  series: ChartSeries[];
  xTicks: string[];
  yTicks: number[];
  locale: string;
  text: { total: string; noRequests: string };
}

function formatValue(metric: Metric, value: number, locale: string): string {
  return metric === "cost" ? formatSpend(value, locale) : formatCount(value, locale);
}

function barLabel(point: ChartPoint | undefined, locale: string): string {
  if (!point) return "";
  return point.from === point.to
    ? formatTick(point.from, locale)
    : `${formatTick(point.from, locale)} – ${formatTick(point.to, locale)}`;
}

interface TooltipItem {
  dataKey?: unknown;
  value?: unknown;
}

/** The hovered bar's series with a value (a series at 0 is left out), and their total; in the page's own colours. */
function TooltipBox({
  active,
  payload,
  label,
  props,
}: {
  active?: boolean;
  payload?: readonly TooltipItem[];
  label?: unknown;
  props: UsageChartProps;
}) {
  if (!active || !payload) return null;
  const { metric, series, points, locale, text } = props;
  const point = points.find((candidate) => candidate.from === label);
  const values = point?.[metric] ?? {};
  const rows = series.filter((item) => (values[item.key] ?? 0) > 0);
  const total = rows.reduce((sum, item) => sum + (values[item.key] ?? 0), 0);
  return (
    <div className="min-w-40 max-w-72 rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
      <p className="mb-1 font-medium">{barLabel(point, locale)}</p>
      {rows.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">{text.noRequests}</p>
      ) : (
        <ul className="space-y-0.5">
          {rows.map((item) => (
            <li key={item.key} className="flex items-center gap-2">
              <span aria-hidden="true" className="size-2 shrink-0 rounded-sm" style={{ backgroundColor: item.color }} />
              <span className="min-w-0 flex-1 truncate">{item.label}</span>
              <span className="tabular-nums">{formatValue(metric, values[item.key] ?? 0, locale)}</span>
            </li>
          ))}
          {rows.length > 1 && (
            <li className="flex justify-between gap-2 border-t border-zinc-200 pt-0.5 font-medium dark:border-zinc-700">
              <span>{text.total}</span>
              <span className="tabular-nums">{formatValue(metric, total, locale)}</span>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

export default function UsageChart(props: UsageChartProps) {
  const { metric, points, series, xTicks, yTicks, locale } = props;
  const data = points.map((point) => ({ from: point.from, ...point[metric] }));
  const top = yTicks[yTicks.length - 1] ?? 1;
  return (
    <div aria-hidden="true" className="h-full w-full text-zinc-600 dark:text-zinc-400">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          accessibilityLayer={false}
          margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
          barCategoryGap={points.length > 20 ? "15%" : "25%"}
        >
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis
            dataKey="from"
            ticks={xTicks}
            interval={0}
            tickFormatter={(day: string) => formatTick(day, locale)}
            tick={{ fontSize: 11, fill: "currentColor" }}
            tickLine={false}
            axisLine={false}
          />
          <YAxis
            ticks={yTicks}
            domain={[0, top]}
            interval={0}
            tickFormatter={(value: number) => axisLabel(metric, value, yTicks, locale)}
            tick={{ fontSize: 11, fill: "currentColor" }}
            tickLine={false}
            axisLine={false}
            width={metric === "cost" ? 64 : 44}
          />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
            isAnimationActive={false}
            wrapperStyle={{ zIndex: 20, outline: "none" }}
            content={({ active, payload, label }) => (
              <TooltipBox active={active} payload={payload} label={label} props={props} />
            )}
          />
          {series.map((item) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stackId="usage"
              fill={item.color}
              isAnimationActive={false}
              maxBarSize={40}
              // A value far below the tallest bar still shows as a line rather than nothing.
              minPointSize={(value) => ((value ?? 0) > 0 ? 2 : 0)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
