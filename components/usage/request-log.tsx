// The request log of the period and filters: one row per request, each opening (a <details>) to the record
// GET /v1/generation/{id} returns (provider, time to first token, finish reason, attempts, tokens and cost). A table-like
// grid from md up; on a phone each row is a card with status, cost and latency in view, never scrolling sideways.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { generationRecord, type GenerationRecord } from "@/lib/usage/generation-record";
import type { RequestLogEntry } from "@/lib/usage/queries";
import { formatCount, formatDuration, formatMoney, formatTime } from "./format";
import { hasFilters, usageQuery, type UsageParams } from "./params";

type Translate = Awaited<ReturnType<typeof getTranslations<"usage.log">>>;

const GRID = "md:grid-cols-[10.5rem_minmax(0,1fr)_minmax(0,1.5fr)_6.5rem_7.5rem_6.5rem_4.5rem_1rem]";
const buttonClass =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

function StatusBadge({ entry, t }: { entry: RequestLogEntry; t: Translate }) {
  const ok = entry.status < 400;
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${ok ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"}`}
    >
      {ok ? t("ok") : t("error")} {entry.status}
    </span>
  );
}

function Chevron() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="size-4 shrink-0 text-zinc-500 transition-transform group-open:rotate-90"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
    >
      <path d="M6 3.5 10.5 8 6 12.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function DetailItem({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

function RowDetail({
  record,
  costMicros,
  t,
  locale,
}: {
  record: GenerationRecord;
  costMicros: bigint;
  t: Translate;
  locale: string;
}) {
  const none = t("detail.none");
  const tokenLines: Array<[string, number, boolean]> = [
    [t("detail.inputTokens"), record.usage.prompt_tokens, true],
    [t("detail.cachedTokens"), record.usage.cached_tokens, record.usage.cached_tokens > 0],
    [t("detail.cacheWriteTokens"), record.usage.cache_write_tokens, record.usage.cache_write_tokens > 0],
    [t("detail.outputTokens"), record.usage.completion_tokens, true],
    [t("detail.reasoningTokens"), record.usage.reasoning_tokens, record.usage.reasoning_tokens > 0],
  ];
  return (
    <div className="grid gap-4 border-t border-zinc-200 bg-zinc-50 px-3 py-4 text-sm sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-900/50">
      <dl className="grid content-start gap-3">
        <DetailItem label={t("detail.provider")}>
          {record.provider ?? <span className="text-zinc-600 dark:text-zinc-400">{t("detail.notRouted")}</span>}
        </DetailItem>
        {record.upstream_model && (
          <DetailItem label={t("detail.upstreamModel")}>
            <span className="font-mono text-xs">{record.upstream_model}</span>
          </DetailItem>
        )}
        <DetailItem label={t("detail.endpoint")}>
          {record.endpoint}
          {record.stream ? ` · ${t("stream")}` : ""}
        </DetailItem>
        <DetailItem label={t("detail.requestId")}>
          <span className="font-mono text-xs">{record.id}</span>
        </DetailItem>
      </dl>
      <dl className="grid content-start gap-3">
        <DetailItem label={t("detail.ttft")}>
          {record.ttft_ms === null ? none : formatDuration(record.ttft_ms, locale)}
        </DetailItem>
        <DetailItem label={t("detail.latency")}>{formatDuration(record.latency_ms, locale)}</DetailItem>
        <DetailItem label={t("detail.finishReason")}>{record.finish_reason ?? none}</DetailItem>
        {record.error_code && (
          <DetailItem label={t("detail.errorCode")}>
            <span className="font-mono text-xs">{record.error_code}</span>
          </DetailItem>
        )}
        <DetailItem label={t("detail.attempts")}>
          {record.attempts.length === 0 ? (
            t("detail.noAttempts")
          ) : (
            <ol className="list-decimal space-y-0.5 pl-4">
              {record.attempts.map((attempt, index) => (
                // Attempts have no id of their own; their order is what they are.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
                <li key={index}>
                  {t("detail.attempt", {
                    provider: attempt.provider,
                    status: attempt.status === null ? t("detail.noStatus") : String(attempt.status),
                    latency: formatDuration(attempt.latency_ms, locale),
                  })}
                  {attempt.error_class ? ` (${attempt.error_class})` : ""}
                </li>
              ))}
            </ol>
          )}
        </DetailItem>
      </dl>
      <div className="min-w-0">
        <h4 className="text-xs text-zinc-600 dark:text-zinc-400">{t("detail.costBreakdown")}</h4>
        <dl className="mt-1 space-y-0.5 tabular-nums" data-testid="cost-breakdown">
          {tokenLines
            .filter(([, , shown]) => shown)
            .map(([label, value]) => (
              <div key={label} className="flex justify-between gap-3">
                <dt>{label}</dt>
                <dd>{formatCount(value, locale)}</dd>
              </div>
            ))}
          <div className="flex justify-between gap-3 text-zinc-600 dark:text-zinc-400">
            <dt>{t("detail.usageSource")}</dt>
            <dd className="text-right">
              {record.usage.source === "estimated" ? t("detail.estimatedSource") : t("detail.reported")}
            </dd>
          </div>
          <div className="flex justify-between gap-3 border-t border-zinc-200 pt-1 font-medium dark:border-zinc-700">
            <dt>{t("detail.totalCost")}</dt>
            <dd>{formatMoney(costMicros, "request", locale)}</dd>
          </div>
        </dl>
        <p className="mt-3 text-xs [overflow-wrap:anywhere] text-zinc-600 dark:text-zinc-400">
          {t.rich("detail.apiHint", {
            id: record.id,
            code: (chunks) => <code className="font-mono">{chunks}</code>,
          })}
        </p>
      </div>
    </div>
  );
}

function LogRow({
  entry,
  t,
  locale,
  modelLabel,
  deletedKey,
}: {
  entry: RequestLogEntry;
  t: Translate;
  locale: string;
  modelLabel: string;
  deletedKey: string;
}) {
  const keyName = entry.apiKeyName ?? deletedKey;
  const time = formatTime(entry.createdAt, locale);
  const cost = formatMoney(entry.costMicros, "request", locale);
  const latency = formatDuration(entry.latencyMs, locale);
  const tokens = `${formatCount(entry.promptTokens, locale)} / ${formatCount(entry.completionTokens, locale)}`;
  const secondary = "text-xs text-zinc-600 dark:text-zinc-400";
  return (
    <li data-testid="log-row">
      <details className="group">
        <summary className="cursor-pointer list-none px-3 py-2.5 hover:bg-zinc-50 dark:hover:bg-zinc-900 [&::-webkit-details-marker]:hidden">
          {/* Phone: a card. */}
          <div className="flex items-start gap-2 md:hidden">
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex items-center gap-2">
                <StatusBadge entry={entry} t={t} />
                <span className="min-w-0 truncate font-mono text-xs" title={entry.model || undefined}>
                  {modelLabel}
                </span>
              </div>
              <p className={`${secondary} truncate`}>
                {time} · {keyName}
              </p>
              <p className="flex flex-wrap gap-x-3 text-sm tabular-nums">
                <span>
                  <span className="sr-only">{t("cost")}: </span>
                  {cost}
                </span>
                <span>
                  <span className="sr-only">{t("latency")}: </span>
                  {latency}
                </span>
                <span className="text-zinc-600 dark:text-zinc-400">
                  <span className="sr-only">{t("tokens")}: </span>
                  {tokens}
                </span>
              </p>
            </div>
            <Chevron />
          </div>
          {/* From md up: the columns of the header row. */}
          <div className={`hidden items-start gap-3 text-sm md:grid ${GRID}`}>
            <span className={`${secondary} pt-0.5 tabular-nums`}>
              <span className="sr-only">{t("time")}: </span>
              {time}
            </span>
            <span className="truncate" title={keyName}>
              <span className="sr-only">{t("key")}: </span>
              {entry.apiKeyName ?? <span className="text-zinc-600 dark:text-zinc-400">{deletedKey}</span>}
            </span>
            <span className="min-w-0">
              <span className="sr-only">{t("model")}: </span>
              <span className="block truncate font-mono text-xs" title={entry.model || undefined}>
                {modelLabel}
              </span>
              <span className={`block ${secondary}`}>
                {entry.endpoint}
                {entry.stream ? ` · ${t("stream")}` : ""}
              </span>
            </span>
            <span>
              <span className="sr-only">{t("status")}: </span>
              <StatusBadge entry={entry} t={t} />
              {entry.errorCode && (
                <span className={`mt-0.5 block truncate font-mono ${secondary}`}>{entry.errorCode}</span>
              )}
            </span>
            <span className="text-right tabular-nums">
              <span className="sr-only">{t("tokens")}: </span>
              {tokens}
              {entry.usageSource === "estimated" && (
                <span className={`block ${secondary}`} title={t("estimatedHelp")}>
                  {t("estimated")}
                </span>
              )}
            </span>
            <span className="text-right tabular-nums">
              <span className="sr-only">{t("cost")}: </span>
              {cost}
            </span>
            <span className="text-right tabular-nums">
              <span className="sr-only">{t("latency")}: </span>
              {latency}
            </span>
            <Chevron />
          </div>
        </summary>
        <RowDetail record={generationRecord(entry)} costMicros={entry.costMicros} t={t} locale={locale} />
      </details>
    </li>
  );
}

export async function RequestLog({
  params,
  entries,
  nextCursor,
}: {
  params: UsageParams;
  entries: RequestLogEntry[];
  nextCursor: string | null;
}) {
  const [t, tUsage, locale] = await Promise.all([getTranslations("usage.log"), getTranslations("usage"), getLocale()]);
  const header = "text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400";
  return (
    <section aria-labelledby="request-log-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="request-log-heading" className="text-lg font-semibold tracking-tight">
          {t("heading")}
        </h2>
        <a
          href={`/usage/export${usageQuery(params, { cursor: undefined, split: "model" })}`}
          download
          title={t("exportHelp")}
          className={buttonClass}
        >
          {t("export")}
        </a>
      </div>
      {entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {params.cursor ? t("noMore") : hasFilters(params) ? t("emptyFiltered") : t("empty")}
        </p>
      ) : (
        <div className="rounded-lg border border-zinc-200 dark:border-zinc-800">
          <div
            aria-hidden="true"
            className={`hidden gap-3 rounded-t-lg border-b border-zinc-200 bg-zinc-50 px-3 py-2 md:grid dark:border-zinc-800 dark:bg-zinc-900 ${GRID} ${header}`}
          >
            <span>{t("time")}</span>
            <span>{t("key")}</span>
            <span>{t("model")}</span>
            <span>{t("status")}</span>
            <span className="text-right">{t("tokens")}</span>
            <span className="text-right">{t("cost")}</span>
            <span className="text-right">{t("latency")}</span>
            <span />
          </div>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="request-log">
            {entries.map((entry) => (
              <LogRow
                key={entry.id}
                entry={entry}
                t={t}
                locale={locale}
                modelLabel={entry.model || tUsage("noModel")}
                deletedKey={tUsage("deletedKey")}
              />
            ))}
          </ul>
        </div>
      )}
      {(params.cursor || nextCursor) && (
        <nav aria-label={t("pages")} className="flex items-center justify-end gap-2">
          {params.cursor && (
            <Link href={`/usage${usageQuery(params, { cursor: undefined })}`} className={buttonClass}>
              {t("newest")}
            </Link>
          )}
          {nextCursor && (
            <Link href={`/usage${usageQuery(params, { cursor: nextCursor })}`} className={buttonClass}>
              {t("next")} →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
