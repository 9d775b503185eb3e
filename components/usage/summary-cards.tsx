import { getLocale, getTranslations } from "next-intl/server";
import type { UsageSummary } from "@/lib/usage/queries";
import { formatCount, formatDuration, formatPercent, formatSpend } from "./format";

function Card({
  label,
  value,
  details = [],
  testId,
  className = "",
}: {
  label: string;
  value: React.ReactNode;
  details?: string[];
  testId: string;
  className?: string;
}) {
  return (
    <div className={`rounded-lg border border-zinc-200 p-4 dark:border-zinc-800 ${className}`} data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums sm:text-xl">{value}</dd>
      {details.map((detail) => (
        <dd key={detail} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
          {detail}
        </dd>
      ))}
    </div>
  );
}

export async function SummaryCards({ summary }: { summary: UsageSummary }) {
  const [t, locale] = await Promise.all([getTranslations("usage.summary"), getLocale()]);
  const count = (value: number) => formatCount(value, locale);
  /** Percentiles come from the roll-ups' latency buckets, so they are upper bounds: "≤ 200 ms". */
  const latency = (ms: number | null) => {
    if (ms === null) return t("none");
    if (!Number.isFinite(ms)) return t("overMax");
    return t("atMost", { value: formatDuration(ms, locale) });
  };
  const none = summary.requests === 0;
  return (
    <dl aria-label={t("label")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Card testId="summary-cost" label={t("cost")} value={formatSpend(summary.costMicros, locale)} />
      <Card
        testId="summary-requests"
        label={t("requests")}
        value={count(summary.requests)}
        details={[t("failed", { count: summary.errors })]}
      />
      <Card
        testId="summary-tokens"
        label={t("tokens")}
        value={count(summary.tokens)}
        details={[t("tokensDetail", { input: count(summary.promptTokens), output: count(summary.completionTokens) })]}
      />
      <Card
        testId="summary-latency"
        label={t("latency")}
        value={<span className="whitespace-nowrap">{latency(summary.p50LatencyMs)}</span>}
        details={[t("latencyP95", { value: latency(summary.p95LatencyMs) })]}
      />
      <Card
        testId="summary-error-rate"
        className="col-span-2"
        label={t("errorRate")}
        value={none ? t("none") : formatPercent(summary.errorRate, locale)}
        details={
          none
            ? []
            : [
                t("clientErrors", { rate: formatPercent(summary.clientErrorRate, locale) }),
                t("upstreamErrors", { rate: formatPercent(summary.upstreamErrorRate, locale) }),
                t("errorRateHelp", { count: summary.requests }),
              ]
        }
      />
    </dl>
  );
}
