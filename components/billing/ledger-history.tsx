import type { HistoryRow } from "@/lib/db/queries/billing";
import { formatUsdCents } from "@/lib/money";

const dayFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

const KINDS: Record<HistoryRow["kind"], { label: string; tone: string }> = {
  grant: { label: "Credit", tone: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300" },
  topup: { label: "Top-up", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" },
  refund: { label: "Refund", tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300" },
  adjustment: { label: "Adjustment", tone: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300" },
  usage: { label: "Usage", tone: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
};

function title(row: HistoryRow): string {
  if (row.kind === "usage")
    return `${row.requests.toLocaleString("en")} billed request${row.requests === 1 ? "" : "s"}`;
  if (!row.description) return KINDS[row.kind].label;
  return row.description.charAt(0).toUpperCase() + row.description.slice(1);
}

function signed(micros: bigint): string {
  return formatUsdCents(micros, { signed: true });
}

export function LedgerHistory({ rows, days }: { rows: HistoryRow[]; days: number }) {
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <div>
        <h2 id="history-heading" className="text-base font-semibold">
          History
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          The last {days} days, newest first. Usage is summed per day (UTC) over the requests that cost something;
          refused and failed ones are free. The Usage page has every request.
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No movements in the last {days} days.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {rows.map((row) => {
              const kind = KINDS[row.kind];
              return (
                <li
                  key={row.id}
                  data-testid="history-row"
                  data-kind={row.kind}
                  className="flex items-start justify-between gap-4 p-4"
                >
                  <div className="min-w-0 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${kind.tone}`}>{kind.label}</span>
                      <span className="min-w-0 break-words text-sm font-medium">{title(row)}</span>
                    </div>
                    <p className="text-xs text-zinc-500">
                      {row.kind === "usage" && row.day
                        ? `${dayFormat.format(row.day)} (UTC)`
                        : `${timeFormat.format(row.at)} UTC`}
                    </p>
                  </div>
                  <span
                    className={`shrink-0 whitespace-nowrap text-sm font-medium tabular-nums ${row.amountMicros > 0n ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-900 dark:text-zinc-100"}`}
                  >
                    {signed(row.amountMicros)}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
