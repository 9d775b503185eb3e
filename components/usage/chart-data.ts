// Turns a usage series into the small, plain (no BigInt) shape the client charts take: the biggest groups by spend
// (the rest folded into "Other"), days summed into weeks when a period is longer than a month (so that one day of
// data is a bar, not a sliver), one set of x ticks shared by the three charts, and round y ticks for each. Pure.
import type { UsageSeries, UsageTotals } from "@/lib/usage/queries";

export type Metric = "cost" | "tokens" | "requests";
export const METRICS: readonly Metric[] = ["cost", "tokens", "requests"];

export interface ChartSeries {
  /** dataKey in each point ("s0", "s1", …, "other"). */
  key: string;
  label: string;
  color: string;
}

export interface ChartPoint {
  /** First and last UTC day (YYYY-MM-DD) the bar covers: the same day for daily bars. */
  from: string;
  to: string;
  /** Per series: cost in micro-USD (a Number: a bar's spend fits), tokens and requests. */
  cost: Record<string, number>;
  tokens: Record<string, number>;
  requests: Record<string, number>;
}

export interface ChartData {
  /** 1 for daily bars, 7 for weekly. */
  bucketDays: 1 | 7;
  series: ChartSeries[];
  points: ChartPoint[];
  /** `from` of the points the x axes label: the same on all three charts. */
  xTicks: string[];
  /** Round values from 0 to the top of each chart's axis. */
  yTicks: Record<Metric, number[]>;
}

/**
 * Series colours: graphical objects need 3:1 against the page; each of these has it on white and on zinc-950
 * (indigo-500, emerald-600, amber-600, red-500, sky-600, purple-500; zinc-500 for "Other"). Legend text is never
 * drawn in them.
 */
export const SERIES_COLORS = ["#6366f1", "#059669", "#d97706", "#ef4444", "#0284c7", "#a855f7"];
export const OTHER_COLOR = "#71717a";
const MAX_GROUPS = 5;
/** Periods longer than this many days are drawn in weeks. */
const DAILY_UP_TO = 31;
// Three charts share a row on a desktop: about 200 px of axis each, room for four "Nov 10" labels.
const MAX_X_TICKS = 4;
/** The cost axis reaches at least one cent, so tiny or zero spend doesn't read as micro-dollar ticks. */
const MIN_COST_AXIS_MICROS = 10_000;

export interface ChartLabels {
  /** The single series' name when the period has no groups. */
  all: string;
  /** "Other ({count})". */
  other: (count: number) => string;
  /** A group's name (a model id, a key's name, or what requests without a model are called). */
  group: (id: string, label: string) => string;
}

type Totals = Pick<UsageTotals, "costMicros" | "tokens" | "requests">;

function emptyPoint(from: string, to: string): ChartPoint {
  return { from, to, cost: {}, tokens: {}, requests: {} };
}

function addTo(point: ChartPoint, key: string, totals: Totals | undefined): void {
  point.cost[key] = (point.cost[key] ?? 0) + Number(totals?.costMicros ?? 0n);
  point.tokens[key] = (point.tokens[key] ?? 0) + (totals?.tokens ?? 0);
  point.requests[key] = (point.requests[key] ?? 0) + (totals?.requests ?? 0);
}

/**
 * Days grouped into bars: one day each, or weeks counted back from the last day (so the newest bar is a whole week
 * and a partial week, if any, is the oldest).
 */
export function bucketDays(days: readonly string[]): Array<{ from: string; to: string; days: string[] }> {
  if (days.length <= DAILY_UP_TO) return days.map((day) => ({ from: day, to: day, days: [day] }));
  const buckets: Array<{ from: string; to: string; days: string[] }> = [];
  for (let end = days.length; end > 0; end -= 7) {
    const slice = days.slice(Math.max(0, end - 7), end);
    buckets.unshift({ from: slice[0], to: slice[slice.length - 1], days: slice });
  }
  return buckets;
}

/** Up to MAX_X_TICKS evenly spaced bars, counted back from the newest so that it is always labelled. */
export function shareXTicks(points: readonly Pick<ChartPoint, "from">[]): string[] {
  const stride = Math.max(1, Math.ceil(points.length / MAX_X_TICKS));
  return points.filter((_, index) => (points.length - 1 - index) % stride === 0).map((point) => point.from);
}

/** 0, step, 2·step … up to the first multiple of a round step (1, 2, 2.5 or 5 × 10ⁿ) at or above `max`. */
export function roundTicks(max: number, options: { integer: boolean; target?: number }): number[] {
  const target = options.target ?? 4;
  const top = max > 0 ? max : 1;
  const rough = top / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough;
  if (options.integer) step = Math.max(1, Math.ceil(step));
  const count = Math.ceil(top / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}

function largestStack(points: readonly ChartPoint[], metric: Metric): number {
  return Math.max(0, ...points.map((point) => Object.values(point[metric]).reduce((sum, value) => sum + value, 0)));
}

export function chartData(series: UsageSeries, labels: ChartLabels): ChartData {
  const grouped = series.groups.length > 0;
  const shown = series.groups.slice(0, series.groups.length > MAX_GROUPS + 1 ? MAX_GROUPS : MAX_GROUPS + 1);
  const folded = series.groups.slice(shown.length);
  const chartSeries: ChartSeries[] = grouped
    ? shown.map((group, index) => ({
        key: `s${index}`,
        label: labels.group(group.id, group.label),
        color: SERIES_COLORS[index % SERIES_COLORS.length],
      }))
    : [{ key: "s0", label: labels.all, color: SERIES_COLORS[0] }];
  if (folded.length) chartSeries.push({ key: "other", label: labels.other(folded.length), color: OTHER_COLOR });

  const byDay = new Map(series.points.map((point) => [point.day, point]));
  const buckets = bucketDays(series.points.map((point) => point.day));
  const points = buckets.map((bucket): ChartPoint => {
    const point = emptyPoint(bucket.from, bucket.to);
    for (const day of bucket.days) {
      const source = byDay.get(day);
      if (!grouped) {
        addTo(point, "s0", source?.total);
        continue;
      }
      for (const [index, group] of shown.entries()) addTo(point, `s${index}`, source?.byGroup[group.id]);
      if (folded.length) {
        addTo(point, "other", undefined);
        for (const group of folded) addTo(point, "other", source?.byGroup[group.id]);
      }
    }
    return point;
  });

  return {
    bucketDays: buckets.length === series.points.length ? 1 : 7,
    series: chartSeries,
    points,
    xTicks: shareXTicks(points),
    yTicks: {
      cost: roundTicks(Math.max(largestStack(points, "cost"), MIN_COST_AXIS_MICROS), { integer: true }),
      tokens: roundTicks(largestStack(points, "tokens"), { integer: true }),
      requests: roundTicks(largestStack(points, "requests"), { integer: true }),
    },
  };
}

/** An axis label: money with as many decimals as the axis step needs (at least cents), counts compact ("1.5K"). */
export function axisLabel(metric: Metric, value: number, ticks: readonly number[], locale: string): string {
  if (metric !== "cost") {
    return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
  }
  const stepUsd = (ticks[1] ?? 1_000_000) / 1_000_000;
  const decimals = Math.min(6, Math.max(2, (String(Number(stepUsd.toPrecision(12))).split(".")[1] ?? "").length));
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: value === 0 ? 0 : Math.min(decimals, 2),
    maximumFractionDigits: decimals,
  }).format(value / 1_000_000);
}
