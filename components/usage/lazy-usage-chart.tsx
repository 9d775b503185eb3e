"use client";
// The chart library loads after the page is interactive, only on the usage page: its frame (title, fixed height) is
// server-rendered, so nothing moves when the bars arrive, and the numbers are in the table below without JavaScript.
import dynamic from "next/dynamic";
import type { UsageChartProps } from "./usage-chart";

const UsageChart = dynamic(() => import("./usage-chart"), { ssr: false, loading: () => null });

export function LazyUsageChart(props: UsageChartProps) {
  return <UsageChart {...props} />;
}
