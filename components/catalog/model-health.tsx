// A model's last hour, from real traffic (lib/usage/recent-health.ts): requests, error rate, median latency and
// time to first token — or a plain "no traffic" when nobody called it.
import { getFormatter, getTranslations } from "next-intl/server";
import type { HealthStats } from "@/lib/usage/recent-health-summary";
import { formatErrorRate, formatLatency } from "./health-format";

export async function ModelHealth({ stats, computedAt }: { stats: HealthStats | undefined | null; computedAt?: Date }) {
  const t = await getTranslations("models.health");
  const format = await getFormatter();
  const asOf = computedAt
    ? format.dateTime(computedAt, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })
    : null;
  const note = asOf ? t("asOf", { time: asOf }) : null;

  if (stats === null) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("unknown")}</p>;
  }
  if (!stats || stats.requests === 0) {
    return (
      <div
        className="rounded-xl border border-dashed border-zinc-300 p-5 text-sm dark:border-zinc-700"
        data-testid="model-health"
      >
        <p className="font-medium">{t("noTraffic")}</p>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">{t("noTrafficHint")}</p>
        {note && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{note}</p>}
      </div>
    );
  }
  const items = [
    { key: "requests", label: t("requests"), value: format.number(stats.requests) },
    { key: "errorRate", label: t("errorRate"), value: formatErrorRate(format, stats.errorRate) },
    { key: "latency", label: t("latency"), value: formatLatency(format, stats.p50LatencyMs) },
    { key: "ttft", label: t("ttft"), value: formatLatency(format, stats.p50TtftMs) },
  ];
  return (
    <div data-testid="model-health">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {items.map((item) => (
          <div
            key={item.key}
            className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
            data-health={item.key}
          >
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{item.label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{item.value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        {t("explain")} {note}
      </p>
    </div>
  );
}
