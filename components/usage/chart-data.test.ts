import { describe, expect, it } from "vitest";
import type { UsageSeries, UsageTotals } from "@/lib/usage/queries";
import { axisLabel, bucketDays, chartData, roundTicks, shareXTicks, type ChartLabels } from "./chart-data";

const labels: ChartLabels = {
  all: "All requests",
  other: (count) => `Other (${count})`,
  group: (id, label) => (id === "" ? "(no model)" : label),
};

function totals(requests: number, costMicros: bigint, tokens = 0): UsageTotals {
  return {
    requests,
    errors: 0,
    upstreamErrors: 0,
    promptTokens: tokens,
    completionTokens: 0,
    tokens,
    costMicros,
  };
}

function days(count: number, last = "2025-06-15"): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) =>
    new Date(end - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

function series(dayList: string[], groups: string[], value: (day: string, group: string) => UsageTotals): UsageSeries {
  return {
    from: dayList[0],
    to: dayList[dayList.length - 1],
    groupBy: "model",
    groups: groups.map((id) => ({ id, label: id, total: totals(0, 0n) })),
    points: dayList.map((day) => {
      const byGroup = Object.fromEntries(groups.map((group) => [group, value(day, group)]));
      const total = totals(
        groups.reduce((sum, group) => sum + byGroup[group].requests, 0),
        groups.reduce((sum, group) => sum + byGroup[group].costMicros, 0n),
      );
      return { day, total, byGroup };
    }),
  };
}

describe("chart data", () => {
  it("draws up to a month in days and longer periods in weeks counted back from today", () => {
    expect(bucketDays(days(30))).toHaveLength(30);
    const weeks = bucketDays(days(90));
    expect(weeks).toHaveLength(13);
    expect(weeks[12]).toMatchObject({ from: "2025-06-09", to: "2025-06-15" });
    // 90 = 12 × 7 + 6: the oldest bar is the partial week.
    expect(weeks[0].days).toHaveLength(6);
  });

  it("sums one day of data into its week: a bar, not a sliver", () => {
    const data = chartData(
      series(days(90), ["m"], (day) => (day === "2025-06-14" ? totals(3, 1_500n, 30) : totals(0, 0n))),
      labels,
    );
    expect(data.bucketDays).toBe(7);
    expect(data.points).toHaveLength(13);
    expect(data.points[12]).toMatchObject({ from: "2025-06-09", to: "2025-06-15", requests: { s0: 3 } });
  });

  it("shares one set of x ticks, always labelling the newest bar", () => {
    const points = days(30).map((day) => ({ from: day }));
    const ticks = shareXTicks(points);
    expect(ticks.length).toBeLessThanOrEqual(4);
    expect(ticks[ticks.length - 1]).toBe("2025-06-15");
    expect(shareXTicks([{ from: "2025-06-15" }])).toEqual(["2025-06-15"]);
    const data = chartData(
      series(days(7), ["m"], () => totals(1, 1n)),
      labels,
    );
    expect(data.xTicks).toEqual(["2025-06-09", "2025-06-11", "2025-06-13", "2025-06-15"]);
  });

  it("puts y ticks on round numbers covering the tallest stack", () => {
    expect(roundTicks(37, { integer: true })).toEqual([0, 10, 20, 30, 40]);
    expect(roundTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(roundTicks(0, { integer: true })).toEqual([0, 1]);
    expect(roundTicks(9_000, { integer: true })).toEqual([0, 2_500, 5_000, 7_500, 10_000]);
    expect(roundTicks(0.7, { integer: false })).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    const data = chartData(
      series(days(2), ["a", "b"], (_, group) => (group === "a" ? totals(7, 600_000n) : totals(5, 300_000n))),
      labels,
    );
    // Stacked: 12 requests and $0.90 a day.
    expect(data.yTicks.requests).toEqual([0, 5, 10, 15]);
    expect(data.yTicks.cost).toEqual([0, 250_000, 500_000, 750_000, 1_000_000]);
    // No spend: the cost axis still reaches a cent.
    const free = chartData(
      series(days(2), ["a"], () => totals(1, 0n)),
      labels,
    );
    expect(free.yTicks.cost).toEqual([0, 2_500, 5_000, 7_500, 10_000]);
  });

  it("labels axes with the decimals their step needs", () => {
    expect(axisLabel("cost", 2_500, [0, 2_500], "en")).toBe("$0.0025");
    expect(axisLabel("cost", 0, [0, 2_500], "en")).toBe("$0");
    expect(axisLabel("cost", 500_000, [0, 250_000], "en")).toBe("$0.50");
    expect(axisLabel("cost", 20_000_000, [0, 10_000_000], "en")).toBe("$20.00");
    expect(axisLabel("tokens", 15_000, [0, 5_000], "en")).toBe("15K");
  });

  it("keeps the five biggest groups and folds the rest into Other; one series without groups", () => {
    const groups = ["g0", "g1", "g2", "g3", "g4", "g5", "g6"];
    const data = chartData(
      series(days(1), groups, () => totals(1, 10n)),
      labels,
    );
    expect(data.series.map((item) => item.label)).toEqual(["g0", "g1", "g2", "g3", "g4", "Other (2)"]);
    expect(data.points[0].requests.other).toBe(2);
    const noModel = chartData(
      series(days(1), [""], () => totals(1, 0n)),
      labels,
    );
    expect(noModel.series[0].label).toBe("(no model)");
    const ungrouped = chartData({ ...series(days(1), [], () => totals(0, 0n)), groups: [] }, labels);
    expect(ungrouped.series).toEqual([{ key: "s0", label: "All requests", color: "#6366f1" }]);
  });
});
