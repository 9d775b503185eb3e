"use server";
// Starts a card top-up for the signed-in user: a Stripe Checkout Session, then a redirect to it. Nothing is credited
// here or on the way back: only Stripe's webhook credits.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import type { TopUpProgress, TopUpState } from "@/components/billing/top-up-state";
import { currentUserId } from "@/lib/auth/session";
import { SpendingLimitError, setSpendingLimit } from "@/lib/billing/spending-limit-settings";
import { isStripeConfigured } from "@/lib/billing/stripe/client";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-checkout-session";
import { findTopUp, getBillingAccount } from "@/lib/db/queries/billing";
import { env } from "@/lib/env";
import { GatewayError } from "@/lib/gateway/errors";
import { log } from "@/lib/log";
import { trustedOrigin } from "@/lib/site-origin";
import { formatUsdCents, usdToMicros } from "@/lib/money";

const topUpInput = z.object({ amount: z.string().trim().min(1).max(20) });

/** Where Checkout sends the customer back: the site's public origin (AUTH_URL, else a loopback request host). */
async function returnOrigin(): Promise<string | undefined> {
  const list = await headers();
  return trustedOrigin({ authUrl: env().AUTH_URL, header: (name) => list.get(name) });
}

export async function startTopUpAction(_previous: TopUpState, formData: FormData): Promise<TopUpState> {
  const [t, locale] = await Promise.all([getTranslations("billing.topUp.errors"), getLocale()]);
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: t("sessionEnded") };
  if (!isStripeConfigured()) return { status: "error", message: t("notConfigured") };
  const parsed = topUpInput.safeParse({ amount: formData.get("amount") ?? "" });
  if (!parsed.success) return { status: "error", message: t("noAmount") };
  const origin = await returnOrigin();
  if (!origin) return { status: "error", message: t("noOrigin") };

  let url: string;
  try {
    const account = await getBillingAccount(userId);
    ({ url } = await createTopUpCheckout({ userId, email: account?.email, amountUsd: parsed.data.amount, origin }));
  } catch (error) {
    if (error instanceof GatewayError && error.param === "amount") {
      const { TOPUP_MIN_USD: minUsd, TOPUP_MAX_USD: maxUsd } = env();
      const money = (usd: number) => formatUsdCents(usdToMicros(usd), { locale });
      return { status: "error", message: t("outOfBounds", { min: money(minUsd), max: money(maxUsd) }) };
    }
    if (error instanceof GatewayError) return { status: "error", message: error.message };
    log.error("billing.topup_checkout_failed", {
      userId,
      error: error instanceof Error ? error.message : String(error),
    });
    return { status: "error", message: t("stripeFailed") };
  }
  redirect(url);
}

// Checkout Session ids: "cs_test_…" or "cs_live_…", then base64url-like characters.
const sessionIdInput = z.string().regex(/^cs_[A-Za-z0-9_-]{1,250}$/);

/** Where the signed-in user's top-up stands, for the page Checkout returns to; only the webhook changes it. */
export async function topUpProgressAction(sessionId: string): Promise<TopUpProgress> {
  const userId = await currentUserId();
  if (!userId) return { status: "signed-out" };
  const parsed = sessionIdInput.safeParse(sessionId);
  if (!parsed.success) return { status: "unknown" };
  const payment = await findTopUp(userId, parsed.data);
  if (!payment) return { status: "unknown" };
  return { status: payment.status, amount: formatUsdCents(payment.amountMicros, { locale: await getLocale() }) };
}

/**
 * The signed-in user's own monthly spending limit and alerts (a plain form post: it works without JavaScript). The
 * answer is the billing page again, saying it was saved, or naming the field at fault.
 */
export async function saveSpendingLimitAction(formData: FormData): Promise<void> {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  const account = await getBillingAccount(userId);
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    await setSpendingLimit({ userId, email: account?.email ?? userId, via: "console" }, userId, {
      limitUsd: field("limitUsd"),
      thresholds: field("thresholds"),
      lowBalanceUsd: field("lowBalanceUsd"),
    });
  } catch (error) {
    if (error instanceof SpendingLimitError) {
      const params = new URLSearchParams({ limitError: error.field, limitValue: field(error.field).slice(0, 50) });
      redirect(`/billing?${params.toString()}#spending-limit`);
    }
    throw error;
  }
  redirect("/billing?limit=saved#spending-limit");
}
