"use server";
// Starts a card top-up for the signed-in user: a Stripe Checkout Session, then a redirect to it. Nothing is credited
// here or on the way back: only Stripe's webhook credits.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { TopUpProgress, TopUpState } from "@/components/billing/top-up-state";
import { currentUserId } from "@/lib/auth/session";
import { isStripeConfigured } from "@/lib/billing/stripe/client";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-checkout-session";
import { findTopUp, getBillingAccount } from "@/lib/db/queries/billing";
import { env } from "@/lib/env";
import { GatewayError } from "@/lib/gateway/errors";
import { log } from "@/lib/log";
import { trustedOrigin } from "@/lib/site-origin";
import { formatUsdCents } from "@/lib/money";

const topUpInput = z.object({
  amount: z.string().trim().min(1, "Choose an amount or type one.").max(20, "That amount is not a number of dollars."),
});

/** Where Checkout sends the customer back: the site's public origin (AUTH_URL, else a loopback request host). */
async function returnOrigin(): Promise<string | undefined> {
  const list = await headers();
  return trustedOrigin({ authUrl: env().AUTH_URL, header: (name) => list.get(name) });
}

export async function startTopUpAction(_previous: TopUpState, formData: FormData): Promise<TopUpState> {
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: "Your session has ended: sign in again." };
  if (!isStripeConfigured()) return { status: "error", message: "Card payments are not configured on this server." };
  const parsed = topUpInput.safeParse({ amount: formData.get("amount") ?? "" });
  if (!parsed.success)
    return { status: "error", message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  const origin = await returnOrigin();
  if (!origin) {
    return { status: "error", message: "This site's address (AUTH_URL) is not set: payments cannot return here." };
  }

  let url: string;
  try {
    const account = await getBillingAccount(userId);
    ({ url } = await createTopUpCheckout({ userId, email: account?.email, amountUsd: parsed.data.amount, origin }));
  } catch (error) {
    if (error instanceof GatewayError) return { status: "error", message: error.message };
    log.error("billing.topup_checkout_failed", {
      userId,
      error: error instanceof Error ? error.message : String(error),
    });
    return { status: "error", message: "Stripe could not start the payment. Try again in a moment." };
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
  return { status: payment.status, amount: formatUsdCents(payment.amountMicros) };
}
