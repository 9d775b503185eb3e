import Link from "next/link";
import { fieldControl } from "@/components/ui/styles";
import { formatUsd } from "@/lib/money";
import type { RequestLogEntry } from "@/lib/usage/queries";
import { usageQuery, type UsageParams } from "./params";

export interface FilterOption {
  value: string;
  label: string;
}

const timeFormat = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const whole = new Intl.NumberFormat("en");

const fieldClass = `${fieldControl} mt-1 block w-full px-2.5 py-1.5 dark:bg-zinc-900`;
const labelClass = "block text-xs font-medium text-zinc-600 dark:text-zinc-400";

function Filters({ params, keys, models }: { params: UsageParams; keys: FilterOption[]; models: FilterOption[] }) {
  const modelOptions =
    params.model && !models.some((option) => option.value === params.model)
      ? [...models, { value: params.model, label: params.model }]
      : models;
  return (
    <form
      method="get"
      action="/usage"
      aria-label="Filter the request log"
      className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end"
    >
      <input type="hidden" name="days" value={String(params.days)} />
      <input type="hidden" name="split" value={params.split} />
      <label className={labelClass}>
        Key
        <select name="key" defaultValue={params.key ?? ""} className={fieldClass}>
          <option value="">All keys</option>
          {keys.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Model
        <select name="model" defaultValue={params.model ?? ""} className={fieldClass}>
          <option value="">All models</option>
          {modelOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Status
        <select name="status" defaultValue={params.status ?? ""} className={fieldClass}>
          <option value="">Any status</option>
          <option value="ok">OK</option>
          <option value="error">Error</option>
        </select>
      </label>
      <label className={labelClass}>
        From (UTC)
        <input type="date" name="from" defaultValue={params.from ?? ""} className={fieldClass} />
      </label>
      <label className={labelClass}>
        To (UTC)
        <input type="date" name="to" defaultValue={params.to ?? ""} className={fieldClass} />
      </label>
      <div className="col-span-2 flex items-center gap-2 sm:col-span-1">
        <button
          type="submit"
          className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
        >
          Apply
        </button>
        <Link
          href={`/usage${usageQuery({ days: params.days, split: params.split })}`}
          className="rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}

function StatusBadge({ entry }: { entry: RequestLogEntry }) {
  const ok = entry.status < 400;
  return (
    // The error code goes under the badge, so the column stays narrow and the table fits a laptop screen.
    <span className="flex flex-col items-start gap-0.5 whitespace-nowrap">
      <span
        className={`rounded-full px-2 py-0.5 text-xs font-medium ${ok ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"}`}
      >
        {ok ? "OK" : "Error"} {entry.status}
      </span>
      {entry.errorCode && <span className="font-mono text-xs text-zinc-500">{entry.errorCode}</span>}
    </span>
  );
}

export function RequestLog({
  params,
  entries,
  nextCursor,
  keys,
  models,
}: {
  params: UsageParams;
  entries: RequestLogEntry[];
  nextCursor: string | null;
  keys: FilterOption[];
  models: FilterOption[];
}) {
  const filtered = Boolean(params.key || params.model || params.status || params.from || params.to);
  return (
    <section aria-labelledby="request-log-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="request-log-heading" className="text-lg font-semibold tracking-tight">
          Request log
        </h2>
        <a
          href={`/usage/export${usageQuery(params, { cursor: undefined, days: 30, split: "model" })}`}
          download
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Export CSV
        </a>
      </div>
      <Filters params={params} keys={keys} models={models} />
      {entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {params.cursor ? "No more requests." : filtered ? "No requests match these filters." : "No requests yet."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[760px] text-left text-sm" data-testid="request-log">
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Time (UTC)
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Key
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Model
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="whitespace-nowrap px-3 py-2 text-right font-medium">
                  Tokens in / out
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Cost
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Latency
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="log-row" className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums text-zinc-600 dark:text-zinc-400">
                    {timeFormat.format(entry.createdAt)}
                  </td>
                  <td className="max-w-40 truncate px-3 py-2" title={entry.apiKeyName ?? undefined}>
                    {entry.apiKeyName ?? <span className="text-zinc-500">(deleted key)</span>}
                  </td>
                  <td className="px-3 py-2">
                    <span className="block max-w-56 truncate font-mono text-xs" title={entry.model || undefined}>
                      {entry.model || <span className="font-sans text-zinc-500">(refused)</span>}
                    </span>
                    <span className="block text-xs text-zinc-500">
                      {entry.endpoint}
                      {entry.stream ? " · stream" : ""}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge entry={entry} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {whole.format(entry.promptTokens)} / {whole.format(entry.completionTokens)}
                    {entry.usageSource === "estimated" ? (
                      <span
                        className="block text-xs text-zinc-500"
                        title="The upstream reported no usage; the gateway counted the tokens"
                      >
                        estimated
                      </span>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatUsd(entry.costMicros)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {whole.format(entry.latencyMs)} ms
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(params.cursor || nextCursor) && (
        <nav aria-label="Request log pages" className="flex items-center justify-end gap-2">
          {params.cursor && (
            <Link
              href={`/usage${usageQuery(params, { cursor: undefined })}`}
              className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Newest
            </Link>
          )}
          {nextCursor && (
            <Link
              href={`/usage${usageQuery(params, { cursor: nextCursor })}`}
              className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Next page →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
