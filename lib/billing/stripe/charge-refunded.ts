// charge.refunded: sent for each refund (partial or full) with the charge's cumulative `amount_refunded`; the ledger
// takes the increase since the last refund taken for that payment. It can come before the top-up's own events.
import "../../server-only";
import type Stripe from "stripe";
import { log } from "../../log";
import type { StripeEventContext } from "./handle-event";
import { idOf } from "./stripe-lookups";
import { findRefundedSession, recordCheckoutSession, recordRefund, type TopUpOutcome } from "./top-up-payments";

export async function chargeRefunded(event: Stripe.ChargeRefundedEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  const charge = event.data.object;
  const paymentIntentId = idOf(charge.payment_intent);
  // Top-ups are Checkout payments, which always charge through a payment intent; other charges are not ours.
  if (!paymentIntentId) return "not_a_top_up";
  const found = await findRefundedSession(context.prisma, paymentIntentId, context.lookups);
  if (!found) return "not_a_top_up";
  let sessionId: string;
  if ("session" in found) {
    // Out of order: the refund came before the session's events. Stripe's own account of the session is as good as
    // its webhook, so the payment is recorded (and credited when paid) first, and the refund then taken from it.
    const recorded = await recordCheckoutSession(context.prisma, found.session, found.session.payment_status === "paid");
    if (recorded.outcome === "not_a_top_up") return "not_a_top_up";
    sessionId = found.session.id;
  } else sessionId = found.sessionId;
  if (charge.currency !== "usd") log.warn("stripe: a refund in another currency than the USD top-up", { chargeId: charge.id, currency: charge.currency });
  const result = await recordRefund(context.prisma, sessionId, {
    paymentIntentId,
    chargeId: charge.id,
    refundedCents: charge.amount_refunded,
    receiptUrl: charge.receipt_url,
  });
  return result.outcome;
}
