// charge.refunded: sent for each refund (partial or full) with the charge's cumulative `amount_refunded`; the ledger
// takes the increase since the last refund taken for that payment. It can come before the top-up's own events.
import "../../server-only";
import type Stripe from "stripe";
import { log } from "../../log";
import type { StripeEventContext } from "./handle-event";
import { idOf } from "./stripe-lookups";
import { recordRefund, topUpSessionOfPaymentIntent, type TopUpOutcome } from "./top-up-payments";

export async function chargeRefunded(event: Stripe.ChargeRefundedEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  const charge = event.data.object;
  const paymentIntentId = idOf(charge.payment_intent);
  const sessionId = await topUpSessionOfPaymentIntent(context.prisma, paymentIntentId, context.lookups);
  if (!paymentIntentId || !sessionId) return "not_a_top_up";
  if (charge.currency !== "usd") log.warn("stripe: a refund in another currency than the USD top-up", { chargeId: charge.id, currency: charge.currency });
  const result = await recordRefund(context.prisma, sessionId, {
    paymentIntentId,
    chargeId: charge.id,
    refundedCents: charge.amount_refunded,
    receiptUrl: charge.receipt_url,
  });
  return result.outcome;
}
