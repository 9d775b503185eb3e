// Starts a card top-up: a Stripe Checkout Session in payment mode (a one-off charge, not a subscription) for exactly
// the amount asked, and a pending payments row. Nothing is credited here or on the browser's return to success_url:
// only the webhook credits, once Stripe says the session is paid.
import "../../server-only";
import type Stripe from "stripe";
import { db, type Database } from "../../db/client";
import { env } from "../../env";
import { GatewayError } from "../../gateway/errors";
import { CHECKOUT_TTL_MS } from "./checkout-ttl";
import { stripeClient } from "./client";
import { parseTopUpAmount } from "./top-up-amount";
import { TOP_UP_PURPOSE } from "./top-up-payments";

export interface TopUpCheckoutInput {
  userId: string;
  /** Prefills Checkout and gets the receipt; optional. */
  email?: string | null;
  /** US dollars, whole cents, within TOP_UP_MIN_USD..TOP_UP_MAX_USD. */
  amountUsd: string | number;
  /** The site's origin, e.g. "https://switchyard.example"; Checkout sends the customer back to its billing page. */
  origin: string;
}

export interface TopUpCheckout {
  /** Stripe-hosted payment page to send the customer to. */
  url: string;
  sessionId: string;
}

export interface CheckoutDependencies {
  stripe?: Stripe;
  prisma?: Database;
}

function siteOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new GatewayError("invalid_value", `Not an origin: ${origin}`, { param: "origin" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new GatewayError("invalid_value", `Not an http(s) origin: ${origin}`, { param: "origin" });
  return url.origin;
}

export async function createTopUpCheckout(
  input: TopUpCheckoutInput,
  dependencies: CheckoutDependencies = {},
): Promise<TopUpCheckout> {
  const settings = env();
  const amount = parseTopUpAmount(input.amountUsd, { minUsd: settings.TOPUP_MIN_USD, maxUsd: settings.TOPUP_MAX_USD });
  const origin = siteOrigin(input.origin);
  const stripe = dependencies.stripe ?? stripeClient();
  if (!stripe) throw new GatewayError("not_implemented", "Card top-ups are not configured on this server");
  const prisma = dependencies.prisma ?? db();

  // Who gets the credit travels with the session (and its payment intent, for refunds), so the webhook can book a
  // payment even if the pending row below were lost.
  const metadata = { userId: input.userId, purpose: TOP_UP_PURPOSE };
  // The row's id is chosen first so that the cancel URL can name it: a cancelled Checkout is expired at once
  // (cancel-top-up.ts) instead of waiting an hour as "awaiting payment".
  const paymentId = crypto.randomUUID();
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: Number(amount.cents),
          product_data: { name: "Switchyard credits" },
        },
      },
    ],
    client_reference_id: input.userId,
    metadata,
    payment_intent_data: { metadata },
    ...(input.email ? { customer_email: input.email } : {}),
    // {CHECKOUT_SESSION_ID} is filled in by Stripe; the billing page only shows it, it never credits from it.
    success_url: `${origin}/billing?topup=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/billing?topup=cancelled&payment=${paymentId}`,
    expires_at: Math.floor((Date.now() + CHECKOUT_TTL_MS) / 1000),
  });
  if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a url`);

  // skipDuplicates: the webhook makes the row itself when an event beats this insert.
  await prisma.payment.createMany({
    data: [
      {
        id: paymentId,
        userId: input.userId,
        stripeSessionId: session.id,
        amountMicros: amount.micros,
        status: "pending",
      },
    ],
    skipDuplicates: true,
  });
  return { url: session.url, sessionId: session.id };
}
