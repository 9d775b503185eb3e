// The customer pressed "back" on Checkout and landed on the cancel URL. The session would stay payable for up to an
// hour (checkout-ttl.ts) and the top-up would read "Awaiting payment" all that while; instead it is expired at Stripe
// now, so it can no longer be paid, and its row is marked from Stripe's answer. The cancel URL names our payments row
// (never trusted alone: it must be one of the signed-in user's pending top-ups).
import "../../server-only";
import Stripe from "stripe";
import { db, type Database } from "../../db/client";
import { log } from "../../log";
import { stripeClient } from "./client";
import { checkoutSessionSchema } from "./stripe-schemas";
import { markCheckoutSession } from "./top-up-payments";

/** "expired": it is now; "not_open": paid, or ended before (nothing to do); "not_found": no such top-up of the user. */
export type CancelTopUpOutcome = "expired" | "not_open" | "not_found";

export interface CancelTopUpDependencies {
  stripe?: Stripe;
  prisma?: Database;
}

export async function cancelTopUp(
  input: { userId: string; paymentId: string },
  dependencies: CancelTopUpDependencies = {},
): Promise<CancelTopUpOutcome> {
  const prisma = dependencies.prisma ?? db();
  const payment = await prisma.payment.findFirst({
    where: { id: input.paymentId, userId: input.userId },
    select: { status: true, stripeSessionId: true },
  });
  if (!payment) return "not_found";
  if (payment.status === "expired") return "expired";
  if (payment.status !== "pending") return "not_open";
  const stripe = dependencies.stripe ?? stripeClient();
  if (!stripe) return "not_open";
  let answer: unknown;
  try {
    answer = await stripe.checkout.sessions.expire(payment.stripeSessionId);
  } catch (error) {
    // Stripe refuses to expire a session that is not open: the customer paid after all (in another tab), or it
    // expired already. Its own event books either; the page only says nothing was charged by this attempt.
    if (error instanceof Stripe.errors.StripeInvalidRequestError) return "not_open";
    log.warn("stripe: could not expire a cancelled Checkout Session", {
      sessionId: payment.stripeSessionId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return "not_open";
  }
  const session = checkoutSessionSchema.parse(answer);
  if (session.status !== "expired" || session.payment_status === "paid") return "not_open";
  await markCheckoutSession(prisma, session, "expired");
  return "expired";
}
