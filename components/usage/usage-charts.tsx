"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd } from "@/lib/money";

export interface ChartSeries {
  /** dataKey in each point ("s0", "s1", …). */
  key: string;
  label: string;
  color: string;
}

export interface ChartPoint {
  day: string;
  /** Per series: cost in micro-USD (a Number: a day's spend fits), tokens and requests. */
  cost: Record<string, number>;
  tokens: Record<string, number>;
  requests: Record<string, number>;
}

type Metric = "cost" | "tokens" | "requests";

const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");

function dayLabel(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

function formatValue(metric: Metric, value: number): string {
  return metric === "cost" ? formatUsd(BigInt(Math.round(value))) : whole.format(value);
}

function axisValue(metric: Metric, value: number): string {
  if (metric !== "cost") return compact.format(value);
  const usd = value / 1_000_000;
  if (usd === 0) return "$0";
  if (usd >= 1000) return `$${compact.format(usd)}`;
  return `$${Number(usd.toPrecision(2))}`;
}

function MetricChart({
  title,
  metric,
  points,
  series,
}: {
  title: string;
  metric: Metric;
  points: ChartPoint[];
  series: ChartSeries[];
}) {
  const data = points.map((point) => ({ day: point.day, ...point[metric] }));
  return (
    <figure className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <figcaption className="mb-3 text-sm font-medium">{title}</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.1} />
            <XAxis
              dataKey="day"
              tickFormatter={dayLabel}
              tick={{ fontSize: 11, fill: "#71717a" }}
              tickLine={false}
              axisLine={false}
              minTickGap={16}
            />
            <YAxis
              tickFormatter={(value: number) => axisValue(metric, value)}
              tick={{ fontSize: 11, fill: "#71717a" }}
              tickLine={false}
              axisLine={false}
              width={metric === "cost" ? 60 : 44}
              allowDecimals={false}
              // Cost axis reaches at least one cent, so tiny or zero spend doesn't read as micro-dollar ticks.
              domain={metric === "cost" ? [0, (dataMax: number) => Math.max(dataMax, 10_000)] : [0, "auto"]}
            />
            <Tooltip
              cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
              labelFormatter={(label) => dayLabel(String(label))}
              formatter={(value, name) => [formatValue(metric, Number(value)), name]}
              contentStyle={{ fontSize: 12, borderRadius: 6 }}
            />
            {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} iconSize={8} />}
            {series.map((item) => (
              <Bar
                key={item.key}
                dataKey={item.key}
                name={item.label}
                stackId="usage"
                fill={item.color}
                isAnimationActive={false}
                maxBarSize={32}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function UsageCharts({ points, series }: { points: ChartPoint[]; series: ChartSeries[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="usage-charts">
      <MetricChart title="Cost per day" metric="cost" points={points} series={series} />
      <MetricChart title="Tokens per day" metric="tokens" points={points} series={series} />
      <MetricChart title="Requests per day" metric="requests" points={points} series={series} />
    </div>
  );
}
