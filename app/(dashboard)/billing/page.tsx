import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cache, Suspense } from "react";
import { LedgerHistory } from "@/components/billing/ledger-history";
import { PaymentsList } from "@/components/billing/payments-list";
import { SpendingLimitForm } from "@/components/billing/spending-limit-form";
import { TopUpConfirmation } from "@/components/billing/top-up-confirmation";
import { TopUpForm } from "@/components/billing/top-up-form";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { requireUserId } from "@/lib/auth/session";
import { accountSpendingState } from "@/lib/billing/spending-alerts";
import { cancelTopUp } from "@/lib/billing/stripe/cancel-top-up";
import { isStripeConfigured } from "@/lib/billing/stripe/client";
import { getBillingAccount, HISTORY_DAYS, listLedgerHistory, listPayments } from "@/lib/db/queries/billing";
import { getAccountSummary } from "@/lib/db/queries/dashboard";
import { env } from "@/lib/env";
import { formatUsdCents, usdToMicros } from "@/lib/money";
import { saveSpendingLimitAction, startTopUpAction, topUpProgressAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing");
  return { title: t("metaTitle") };
}

const PRESETS = [10, 25, 50, 100];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function billingText() {
  const locale = (await getLocale()) as Locale;
  return { locale, text: messagesFor(locale).billing };
}

/**
 * Back from Checkout's cancel link: the session is expired at Stripe now, so the payment reads "Not completed" rather
 * than awaiting payment for the rest of the hour. Once per render (the banner and the payments list both wait for it,
 * so the list is read after the change); idempotent, so a reload changes nothing.
 */
const settleCancelledTopUp = cache(async (paymentId: string | undefined) => {
  if (paymentId && paymentId.length <= 100) await cancelTopUp({ userId: await requireUserId(), paymentId });
});

async function TopUpBanner({ searchParams }: { searchParams: SearchParams }) {
  const { topup, session_id: sessionId, payment } = await searchParams;
  const { text } = await billingText();
  // Only a message: the browser's return from Checkout never credits anything; Stripe's webhook does.
  if (topup === "success") {
    const id = typeof sessionId === "string" ? sessionId : "";
    return (
      <TopUpConfirmation
        sessionId={id}
        initial={id ? await topUpProgressAction(id) : { status: "unknown" }}
        action={topUpProgressAction}
        text={text.progress}
      />
    );
  }
  if (topup === "cancelled") {
    await settleCancelledTopUp(typeof payment === "string" ? payment : undefined);
    return (
      <p
        role="status"
        data-testid="top-up-status"
        className="rounded-lg border border-zinc-300 bg-zinc-50 px-4 py-3 text-sm text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      >
        <span className="font-medium">{text.cancelled.title}</span> — {text.cancelled.text}
      </p>
    );
  }
  return null;
}

async function Balance() {
  const userId = await requireUserId();
  const { locale, text } = await billingText();
  const account = await getBillingAccount(userId);
  const balance = account?.balanceMicros ?? 0n;
  // Sized to what it holds (md:self-start): no stretched card with an empty middle beside the taller top-up form.
  return (
    <section
      aria-labelledby="balance-heading"
      className="rounded-lg border border-zinc-200 p-4 sm:p-6 md:self-start dark:border-zinc-800"
    >
      <h2 id="balance-heading" className="text-base font-semibold">
        {text.balance.title}
      </h2>
      <p data-testid="billing-balance" className="mt-2 text-3xl font-semibold tabular-nums tracking-tight">
        {formatUsdCents(balance, { locale })}
      </p>
      {/* Not shown: held_micros, the credit leases instances take ahead of requests, which is bookkeeping, not spend. */}
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text.balance.available}</p>
      <p className="mt-4 border-t border-zinc-200 pt-4 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        {text.balance.note}{" "}
        <Link href="/usage" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
          {text.balance.usageLink}
        </Link>
      </p>
    </section>
  );
}

async function TopUp() {
  const { TOPUP_MIN_USD: minUsd, TOPUP_MAX_USD: maxUsd } = env();
  const { locale, text } = await billingText();
  const account = await getAccountSummary(await requireUserId());
  const presets = PRESETS.filter((preset) => preset >= minUsd && preset <= maxUsd);
  return (
    <TopUpForm
      action={startTopUpAction}
      configured={isStripeConfigured()}
      presets={presets}
      minUsd={minUsd}
      maxUsd={maxUsd}
      minLabel={formatUsdCents(usdToMicros(minUsd), { locale })}
      maxLabel={formatUsdCents(usdToMicros(maxUsd), { locale })}
      isAdmin={account?.isAdmin ?? false}
      text={text.topUp}
      locale={locale}
    />
  );
}

async function SpendingLimit({ searchParams }: { searchParams: SearchParams }) {
  const userId = await requireUserId();
  const [account, params] = await Promise.all([accountSpendingState(userId), searchParams]);
  if (!account) return null;
  const field = (["limitUsd", "thresholds", "lowBalanceUsd"] as const).find((name) => name === params.limitError);
  const error = field ? { field, value: typeof params.limitValue === "string" ? params.limitValue : "" } : null;
  return (
    <SpendingLimitForm
      state={account.state}
      action={saveSpendingLimitAction}
      saved={params.limit === "saved"}
      error={error}
    />
  );
}

async function History() {
  const userId = await requireUserId();
  const { locale, text } = await billingText();
  const rows = await listLedgerHistory(userId);
  return <LedgerHistory rows={rows} days={HISTORY_DAYS} text={text.history} locale={locale} />;
}

async function Payments({ searchParams }: { searchParams: SearchParams }) {
  const { topup, payment } = await searchParams;
  if (topup === "cancelled") await settleCancelledTopUp(typeof payment === "string" ? payment : undefined);
  const userId = await requireUserId();
  const { locale, text } = await billingText();
  const payments = await listPayments(userId);
  return <PaymentsList payments={payments} now={new Date()} text={text.payments} locale={locale} />;
}

async function BillingHeader() {
  const { text } = await billingText();
  return (
    <header>
      <h1 className="text-2xl font-semibold tracking-tight">{text.title}</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text.description}</p>
    </header>
  );
}

export default function BillingPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="space-y-8">
      <Suspense fallback={null}>
        <BillingHeader />
      </Suspense>
      <Suspense fallback={null}>
        <TopUpBanner searchParams={searchParams} />
      </Suspense>
      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Suspense
          fallback={<div className="h-40 rounded-lg border border-zinc-200 dark:border-zinc-800" aria-hidden />}
        >
          <Balance />
        </Suspense>
        <Suspense
          fallback={<div className="h-72 rounded-lg border border-zinc-200 dark:border-zinc-800" aria-hidden />}
        >
          <TopUp />
        </Suspense>
      </div>
      <Suspense fallback={null}>
        <SpendingLimit searchParams={searchParams} />
      </Suspense>
      <Suspense fallback={null}>
        <History />
      </Suspense>
      <Suspense fallback={null}>
        <Payments searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
