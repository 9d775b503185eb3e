// Health numbers in the visitor's language: latencies in ms or s, error rates as a percentage. next-intl's formatter
// does the digits ("1.2 s", "1,2 s").
import type { getFormatter } from "next-intl/server";

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

export function formatLatency(format: Formatter, milliseconds: number | null): string {
  if (milliseconds === null) return "—";
  if (milliseconds < 1_000) return `${format.number(Math.round(milliseconds))} ms`;
  return `${format.number(milliseconds / 1_000, { maximumFractionDigits: milliseconds < 10_000 ? 1 : 0 })} s`;
}

/** 0 → "0%", 0.0123 → "1.2%", 1 → "100%": one decimal where it says something. */
export function formatErrorRate(format: Formatter, rate: number): string {
  return format.number(rate, { style: "percent", maximumFractionDigits: rate > 0 && rate < 0.1 ? 1 : 0 });
}
