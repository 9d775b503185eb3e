import type { Messages } from "@/i18n/messages";
import { fill } from "@/i18n/client-text";
import { CHECKOUT_TTL_MS } from "@/lib/billing/stripe/checkout-ttl";
import type { PaymentRow } from "@/lib/db/queries/billing";
import { formatUsdCents } from "@/lib/money";

type PaymentsText = Messages["billing"]["payments"];
type Shown = PaymentRow["status"] | "notCompleted";

const TONES: Record<Shown, string> = {
  pending: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  paid: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  partially_refunded: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  refunded: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  expired: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  disputed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  notCompleted: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/**
 * A checkout cancelled by the customer or left to expire was never paid: "Not completed". One still pending past its
 * expiry, whose expired event has not come (yet), reads the same.
 */
function shownStatus(payment: PaymentRow, now: Date): Shown {
  const abandoned = payment.status === "pending" && payment.createdAt.getTime() + CHECKOUT_TTL_MS < now.getTime();
  return abandoned ? "notCompleted" : payment.status;
}

export function PaymentsList({
  payments,
  now,
  text,
  locale,
}: {
  payments: PaymentRow[];
  now: Date;
  text: PaymentsText;
  locale: string;
}) {
  const money = (micros: bigint) => formatUsdCents(micros, { locale });
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
    <section aria-labelledby="payments-heading" className="space-y-3">
      <h2 id="payments-heading" className="text-base font-semibold">
        {text.title}
      </h2>
      {payments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {text.empty}
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {payments.map((payment) => {
              const status = shownStatus(payment, now);
              return (
                <li
                  key={payment.id}
                  data-testid="payment-row"
                  data-status={status}
                  className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm font-medium tabular-nums">{money(payment.amountMicros)}</span>
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>
                        {text.status[status]}
                      </span>
                    </div>
                    <p className="text-xs text-zinc-600 dark:text-zinc-400">
                      {timeFormat.format(payment.createdAt)} UTC
                      {payment.refundedMicros > 0n
                        ? ` · ${fill(text.refunded, { amount: money(payment.refundedMicros) })}`
                        : ""}
                    </p>
                  </div>
                  {payment.receiptUrl && (
                    <a
                      href={payment.receiptUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="shrink-0 text-sm font-medium text-zinc-900 underline underline-offset-2 hover:text-zinc-600 dark:text-zinc-100 dark:hover:text-zinc-300"
                    >
                      {text.receipt}
                      <span className="sr-only"> {fill(text.receiptFor, { amount: money(payment.amountMicros) })}</span>
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
