import { CHECKOUT_TTL_MS } from "@/lib/billing/stripe/checkout-ttl";
import type { PaymentRow } from "@/lib/db/queries/billing";
import { formatUsdCents } from "@/lib/money";

const timeFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

const STATUS: Record<PaymentRow["status"], { label: string; tone: string }> = {
  pending: { label: "Awaiting payment", tone: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300" },
  paid: { label: "Paid", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" },
  partially_refunded: {
    label: "Partly refunded",
    tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  refunded: { label: "Refunded", tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300" },
  expired: { label: "Expired", tone: "bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400" },
  failed: { label: "Failed", tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
  disputed: { label: "Charged back", tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
};

/** A checkout left open past its expiry whose expired event has not come (yet): never paid. */
const NOT_COMPLETED = { label: "Not completed", tone: "bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400" };

export function PaymentsList({ payments, now }: { payments: PaymentRow[]; now: Date }) {
  return (
    <section aria-labelledby="payments-heading" className="space-y-3">
      <h2 id="payments-heading" className="text-base font-semibold">
        Payments
      </h2>
      {payments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No card payments yet.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {payments.map((payment) => {
              const abandoned =
                payment.status === "pending" && payment.createdAt.getTime() + CHECKOUT_TTL_MS < now.getTime();
              const status = abandoned ? NOT_COMPLETED : STATUS[payment.status];
              return (
                <li
                  key={payment.id}
                  data-testid="payment-row"
                  className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm font-medium tabular-nums">{formatUsdCents(payment.amountMicros)}</span>
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.tone}`}>
                        {status.label}
                      </span>
                    </div>
                    <p className="text-xs text-zinc-500">
                      {timeFormat.format(payment.createdAt)} UTC
                      {payment.refundedMicros > 0n ? ` · ${formatUsdCents(payment.refundedMicros)} refunded` : ""}
                    </p>
                  </div>
                  {payment.receiptUrl && (
                    <a
                      href={payment.receiptUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="shrink-0 text-sm font-medium text-zinc-900 underline underline-offset-2 hover:text-zinc-600 dark:text-zinc-100"
                    >
                      Receipt
                      <span className="sr-only">
                        {" "}
                        for the {formatUsdCents(payment.amountMicros)} payment (opens in a new tab)
                      </span>
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
