import { formatUsd } from "@/lib/money";
import type { UsageSummary } from "@/lib/usage/queries";

const whole = new Intl.NumberFormat("en");

/** Percentiles come from the roll-ups' latency buckets, so they are upper bounds: "≤ 200 ms". */
function latency(ms: number | null): string {
  if (ms === null) return "—";
  if (!Number.isFinite(ms)) return "> 60 s";
  return `≤ ${ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`}`;
}

function Card({
  label,
  value,
  detail,
  testId,
  className = "",
}: {
  label: string;
  value: React.ReactNode;
  detail?: string;
  testId: string;
  className?: string;
}) {
  return (
    <div className={`rounded-lg border border-zinc-200 p-4 dark:border-zinc-800 ${className}`} data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums sm:text-xl">{value}</dd>
      {detail && <dd className="mt-0.5 text-xs text-zinc-500">{detail}</dd>}
    </div>
  );
}

export function SummaryCards({ summary }: { summary: UsageSummary }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      <Card testId="summary-cost" label="Cost" value={formatUsd(summary.costMicros)} />
      <Card
        testId="summary-requests"
        label="Requests"
        value={whole.format(summary.requests)}
        detail={`${whole.format(summary.errors)} failed`}
      />
      <Card
        testId="summary-tokens"
        label="Tokens"
        value={whole.format(summary.tokens)}
        detail={`${whole.format(summary.promptTokens)} in · ${whole.format(summary.completionTokens)} out`}
      />
      <Card
        testId="summary-error-rate"
        label="Error rate"
        value={
          summary.requests === 0
            ? "—"
            : `${(summary.errorRate * 100).toFixed(summary.errorRate === 0 || summary.errorRate === 1 ? 0 : 1)}%`
        }
      />
      <Card
        testId="summary-latency"
        className="col-span-2 sm:col-span-1"
        label="Latency p50"
        value={<span className="whitespace-nowrap">{latency(summary.p50LatencyMs)}</span>}
        detail={`p95 ${latency(summary.p95LatencyMs)}`}
      />
    </dl>
  );
}
