import type { Messages } from "@/i18n/messages";
import { fill, plural } from "@/i18n/client-text";
import { ledgerReason } from "@/lib/billing/ledger-reason";
import type { HistoryRow } from "@/lib/db/queries/billing";
import { formatUsdCents } from "@/lib/money";

type BillingText = Messages["billing"];

const TONES: Record<HistoryRow["kind"], string> = {
  grant: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  topup: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  refund: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  adjustment: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  usage: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/** The row's title in the customer's words: never the bookkeeping description (Stripe ids, English). */
function title(row: HistoryRow, text: BillingText["history"], locale: string): string {
  const reason = ledgerReason(row);
  if (reason === "usage") return plural(text.reasons.usage, row.requests, locale);
  return text.reasons[reason];
}

export function LedgerHistory({
  rows,
  days,
  text,
  locale,
}: {
  rows: HistoryRow[];
  days: number;
  text: BillingText["history"];
  locale: string;
}) {
  const dayFormat = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  });
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <div>
        <h2 id="history-heading" className="text-base font-semibold">
          {text.title}
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{fill(text.description, { days })}</p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {fill(text.empty, { days })}
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {rows.map((row) => (
              <li
                key={row.id}
                data-testid="history-row"
                data-kind={row.kind}
                className="flex items-start justify-between gap-4 p-4"
              >
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[row.kind]}`}>
                      {text.kinds[row.kind]}
                    </span>
                    <span className="min-w-0 break-words text-sm font-medium">{title(row, text, locale)}</span>
                  </div>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    {row.kind === "usage" && row.day
                      ? fill(text.dayUtc, { day: dayFormat.format(row.day) })
                      : fill(text.timeUtc, { time: timeFormat.format(row.at) })}
                    {row.receiptUrl && (
                      <>
                        {" · "}
                        <a
                          href={row.receiptUrl}
                          target="_blank"
                          rel="noopener noreferrer"
                          className="font-medium text-zinc-900 underline underline-offset-2 hover:text-zinc-600 dark:text-zinc-100 dark:hover:text-zinc-300"
                        >
                          {text.receipt}
                          <span className="sr-only"> {text.receiptFor}</span>
                        </a>
                      </>
                    )}
                  </p>
                </div>
                <span
                  className={`shrink-0 whitespace-nowrap text-sm font-medium tabular-nums ${row.amountMicros > 0n ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-900 dark:text-zinc-100"}`}
                >
                  {formatUsdCents(row.amountMicros, { locale, signed: true })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
