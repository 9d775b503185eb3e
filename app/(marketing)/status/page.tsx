// GET /status – is Switchyard working, in words: the gateway, its database and rate limiter, and every provider this
// gateway is connected to, each with the last hour of real traffic. The same report as /api/status (read in
// process, not over HTTP) plus the cached health query; the page renders itself again every 30 s.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatErrorRate, formatLatency } from "@/components/catalog/health-format";
import { AutoRefresh } from "@/components/status/auto-refresh";
import { StateBadge } from "@/components/status/state-badge";
import { readGatewayStatus } from "@/lib/gateway/handlers/status";
import {
  ELEVATED_ERROR_MIN_REQUESTS,
  ELEVATED_ERROR_RATE,
  statusOverview,
  type ComponentStatus,
} from "@/lib/catalog/public-status";
import { recentHealth } from "@/lib/usage/recent-health";
import type { HealthStats } from "@/lib/usage/recent-health-summary";

const REFRESH_MS = 30_000;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("status");
  return { title: t("meta.title"), description: t("meta.description") };
}

const BANNER = {
  operational: "border-emerald-200 bg-emerald-50 dark:border-emerald-900 dark:bg-emerald-950/40",
  degraded: "border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40",
  down: "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/40",
} as const;

const BANNER_DOT = { operational: "bg-emerald-500", degraded: "bg-amber-500", down: "bg-red-500" } as const;

export default async function StatusPage() {
  const [t, format, report, health] = await Promise.all([
    getTranslations("status"),
    getFormatter(),
    readGatewayStatus(),
    recentHealth(),
  ]);
  const overview = statusOverview(report, health);
  const now = new Date();
  const time = (date: Date) =>
    format.dateTime(date, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "UTC" });

  const elevatedRate = format.number(ELEVATED_ERROR_RATE, { style: "percent" });
  const affected = overview.components.filter((component) => component.state !== "operational");
  const nameOf = (component: ComponentStatus) =>
    component.kind === "provider" ? component.name : t(`component.${component.kind}.name`);

  const metrics = (stats: HealthStats | undefined) => {
    if (!overview.trafficKnown)
      return <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("traffic.unknown")}</p>;
    if (!stats || stats.requests === 0)
      return <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("traffic.none")}</p>;
    return (
      <dl className="grid grid-cols-3 gap-4 text-right text-sm sm:w-80">
        <div>
          <dt className="text-[11px] text-zinc-600 dark:text-zinc-400">{t("traffic.requests")}</dt>
          <dd className="font-medium tabular-nums" data-metric="requests">
            {format.number(stats.requests)}
          </dd>
        </div>
        <div>
          <dt className="text-[11px] text-zinc-600 dark:text-zinc-400">{t("traffic.errorRate")}</dt>
          <dd className="font-medium tabular-nums" data-metric="error-rate">
            {formatErrorRate(format, stats.errorRate)}
          </dd>
        </div>
        <div>
          <dt className="text-[11px] text-zinc-600 dark:text-zinc-400">{t("traffic.latency")}</dt>
          <dd className="font-medium tabular-nums" data-metric="latency">
            {formatLatency(format, stats.p50LatencyMs)}
          </dd>
        </div>
      </dl>
    );
  };

  const row = (component: ComponentStatus) => (
    <li
      key={component.id}
      data-component={component.id}
      className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-5"
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-medium">{nameOf(component)}</h3>
          <StateBadge state={component.state} label={t(`state.${component.state}`)} />
        </div>
        {component.reasons.length > 0 ? (
          <ul className="mt-1 flex flex-col gap-0.5 text-sm text-zinc-700 dark:text-zinc-300">
            {component.reasons.map((reason) => (
              <li key={reason}>{t(`reason.${reason}`, { rate: elevatedRate })}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {component.kind === "provider" ? t("component.provider.ok") : t(`component.${component.kind}.ok`)}
          </p>
        )}
      </div>
      {(component.kind === "provider" || component.kind === "gateway") && (
        <div className="shrink-0 sm:text-right">{metrics(component.health)}</div>
      )}
    </li>
  );

  const core = overview.components.filter((component) => component.kind !== "provider");
  const providers = overview.components.filter((component) => component.kind === "provider");

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-10 px-4 py-10 sm:px-6 sm:py-14">
      <AutoRefresh everyMs={REFRESH_MS} />
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{t("heading")}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </header>

      <section
        aria-labelledby="status-summary"
        className={`rounded-2xl border p-5 sm:p-6 ${BANNER[overview.state]}`}
        data-testid="status-summary"
        data-state={overview.state}
      >
        <div className="flex items-start gap-3">
          <span aria-hidden="true" className={`mt-2 size-2.5 shrink-0 rounded-full ${BANNER_DOT[overview.state]}`} />
          <div className="min-w-0">
            <h2 id="status-summary" className="text-xl font-semibold tracking-tight">
              {t(`summary.${overview.state}`)}
            </h2>
            {affected.length > 0 && (
              <p className="mt-1 text-sm text-zinc-800 dark:text-zinc-200">
                {t("summary.affected", {
                  list: format.list(affected.map(nameOf), { type: "conjunction" }),
                })}
              </p>
            )}
            <p className="mt-2 text-xs text-zinc-700 dark:text-zinc-300">
              <span data-testid="updated-at">{t("updatedAt", { time: time(now) })}</span>{" "}
              {t("refreshes", { seconds: REFRESH_MS / 1000 })}
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="status-core" className="flex flex-col gap-3">
        <h2 id="status-core" className="text-lg font-semibold tracking-tight">
          {t("coreHeading")}
        </h2>
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {core.map(row)}
        </ul>
      </section>

      <section aria-labelledby="status-providers" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="status-providers" className="text-lg font-semibold tracking-tight">
            {t("providersHeading")}
          </h2>
          {health && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {t("traffic.window", { time: time(health.computedAt) })}
            </p>
          )}
        </div>
        {providers.length > 0 ? (
          <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {providers.map(row)}
          </ul>
        ) : (
          <p className="rounded-xl border border-dashed border-zinc-300 p-5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            {report.database === "ok" ? t("noProviders") : t("providersUnknown")}
          </p>
        )}
        {overview.notConfigured.length > 0 && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="not-configured">
            {t("notConfigured", {
              list: format.list(
                overview.notConfigured.map((provider) => provider.name),
                { type: "conjunction" },
              ),
            })}
          </p>
        )}
      </section>

      <section aria-labelledby="status-how" className="rounded-xl bg-zinc-50 p-5 text-sm dark:bg-zinc-900/60">
        <h2 id="status-how" className="font-medium">
          {t("how.heading")}
        </h2>
        <ul className="mt-2 flex list-disc flex-col gap-1.5 pl-5 text-zinc-600 dark:text-zinc-400">
          <li>{t("how.errorRate")}</li>
          <li>{t("how.latency")}</li>
          <li>{t("how.degraded", { rate: elevatedRate, min: format.number(ELEVATED_ERROR_MIN_REQUESTS) })}</li>
          <li>{t("how.failover")}</li>
        </ul>
      </section>
    </div>
  );
}
