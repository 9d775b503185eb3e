// Turns a usage series into the small, plain (no BigInt) shape the client chart takes: the biggest groups by
// spend, the rest folded into "Other".
import type { UsageSeries } from "@/lib/usage/queries";
import type { ChartPoint, ChartSeries } from "./usage-charts";

const COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#a855f7"];
const OTHER_COLOR = "#a1a1aa";
const MAX_GROUPS = 5;

export function chartData(series: UsageSeries): { points: ChartPoint[]; series: ChartSeries[] } {
  if (series.groups.length === 0) {
    const only: ChartSeries = { key: "s0", label: "All", color: COLORS[0] };
    return {
      series: [only],
      points: series.points.map((point) => ({
        day: point.day,
        cost: { s0: Number(point.total.costMicros) },
        tokens: { s0: point.total.tokens },
        requests: { s0: point.total.requests },
      })),
    };
  }
  const shown = series.groups.slice(0, series.groups.length > MAX_GROUPS + 1 ? MAX_GROUPS : MAX_GROUPS + 1);
  const folded = series.groups.slice(shown.length);
  const chartSeries: ChartSeries[] = shown.map((group, index) => ({
    key: `s${index}`,
    label: group.label,
    color: COLORS[index % COLORS.length],
  }));
  if (folded.length) chartSeries.push({ key: "other", label: `Other (${folded.length})`, color: OTHER_COLOR });
  const points = series.points.map((point): ChartPoint => {
    const cost: Record<string, number> = {};
    const tokens: Record<string, number> = {};
    const requests: Record<string, number> = {};
    shown.forEach((group, index) => {
      const totals = point.byGroup[group.id];
      cost[`s${index}`] = Number(totals?.costMicros ?? 0n);
      tokens[`s${index}`] = totals?.tokens ?? 0;
      requests[`s${index}`] = totals?.requests ?? 0;
    });
    if (folded.length) {
      cost.other = 0;
      tokens.other = 0;
      requests.other = 0;
      for (const group of folded) {
        const totals = point.byGroup[group.id];
        cost.other += Number(totals?.costMicros ?? 0n);
        tokens.other += totals?.tokens ?? 0;
        requests.other += totals?.requests ?? 0;
      }
    }
    return { day: point.day, cost, tokens, requests };
  });
  return { points, series: chartSeries };
}
