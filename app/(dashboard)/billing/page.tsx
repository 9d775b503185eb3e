import type { Metadata } from "next";
import { Suspense } from "react";
import { LedgerHistory } from "@/components/billing/ledger-history";
import { PaymentsList } from "@/components/billing/payments-list";
import { TopUpConfirmation } from "@/components/billing/top-up-confirmation";
import { TopUpForm } from "@/components/billing/top-up-form";
import { requireUserId } from "@/lib/auth/session";
import { isStripeConfigured } from "@/lib/billing/stripe/client";
import { getBillingAccount, HISTORY_DAYS, listLedgerHistory, listPayments } from "@/lib/db/queries/billing";
import { getAccountSummary } from "@/lib/db/queries/dashboard";
import { env } from "@/lib/env";
import { formatUsdCents, usdToMicros } from "@/lib/money";
import { startTopUpAction, topUpProgressAction } from "./actions";

export const metadata: Metadata = { title: "Billing — Switchyard" };

const PRESETS = [10, 25, 50, 100];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function TopUpBanner({ searchParams }: { searchParams: SearchParams }) {
  const { topup, session_id: sessionId } = await searchParams;
  // Only a message: the browser's return from Checkout never credits anything; Stripe's webhook does.
  if (topup === "success") {
    const id = typeof sessionId === "string" ? sessionId : "";
    return (
      <TopUpConfirmation
        sessionId={id}
        initial={id ? await topUpProgressAction(id) : { status: "unknown" }}
        action={topUpProgressAction}
      />
    );
  }
  if (topup === "cancelled") {
    return (
      <p
        role="status"
        className="rounded-lg border border-zinc-300 bg-zinc-50 px-4 py-3 text-sm text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      >
        <span className="font-medium">Top-up cancelled</span> — nothing was charged. You can pick an amount and try
        again.
      </p>
    );
  }
  return null;
}

async function Balance() {
  const userId = await requireUserId();
  const account = await getBillingAccount(userId);
  const balance = account?.balanceMicros ?? 0n;
  return (
    <section
      aria-label="Balance"
      className="flex flex-col rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800"
    >
      <h2 className="text-base font-semibold">Balance</h2>
      <p data-testid="billing-balance" className="mt-2 text-3xl font-semibold tabular-nums tracking-tight">
        {formatUsdCents(balance)}
      </p>
      {/* Not shown: held_micros, the credit leases instances take ahead of requests, which is bookkeeping, not spend. */}
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Available for requests on every key.</p>
      <p className="mt-4 text-xs text-zinc-500 md:mt-auto md:pt-4">
        Requests are charged at the model&apos;s price per token; a request is refused when the balance cannot cover it.
      </p>
    </section>
  );
}

async function TopUp() {
  const { TOPUP_MIN_USD: minUsd, TOPUP_MAX_USD: maxUsd } = env();
  const account = await getAccountSummary(await requireUserId());
  const presets = PRESETS.filter((preset) => preset >= minUsd && preset <= maxUsd);
  return (
    <TopUpForm
      action={startTopUpAction}
      configured={isStripeConfigured()}
      presets={presets}
      minUsd={minUsd}
      maxUsd={maxUsd}
      minLabel={formatUsdCents(usdToMicros(minUsd))}
      maxLabel={formatUsdCents(usdToMicros(maxUsd))}
      isAdmin={account?.isAdmin ?? false}
    />
  );
}

async function History() {
  const userId = await requireUserId();
  const rows = await listLedgerHistory(userId);
  return <LedgerHistory rows={rows} days={HISTORY_DAYS} />;
}

async function Payments() {
  const userId = await requireUserId();
  const payments = await listPayments(userId);
  return <PaymentsList payments={payments} now={new Date()} />;
}

const loading = (label: string) => <p className="text-sm text-zinc-500">Loading {label}…</p>;

export default function BillingPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Prepaid credits: add them by card, and every request draws on them at the model&apos;s price.
        </p>
      </header>
      <Suspense fallback={null}>
        <TopUpBanner searchParams={searchParams} />
      </Suspense>
      <div className="grid gap-4 md:grid-cols-2">
        <Suspense
          fallback={
            <div className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800">{loading("balance")}</div>
          }
        >
          <Balance />
        </Suspense>
        <Suspense
          fallback={
            <div className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800">{loading("top-up")}</div>
          }
        >
          <TopUp />
        </Suspense>
      </div>
      <Suspense fallback={loading("history")}>
        <History />
      </Suspense>
      <Suspense fallback={loading("payments")}>
        <Payments />
      </Suspense>
    </div>
  );
}
