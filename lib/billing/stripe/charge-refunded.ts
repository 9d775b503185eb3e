// charge.refunded: sent for each refund (partial or full) with the charge's cumulative `amount_refunded`; the ledger
// takes the increase since the last refund taken for that payment. It can come before the top-up's own events.
import "../../server-only";
import type { StripeEventContext } from "./handle-event";
import { StripeEventRefused } from "./refused-stripe-event";
import type { StripeEventOf } from "./stripe-schemas";
import { recordRefund, topUpSessionOfPaymentIntent, type TopUpOutcome } from "./top-up-payments";

export async function chargeRefunded(
  event: StripeEventOf<"charge.refunded">,
  context: StripeEventContext,
): Promise<TopUpOutcome> {
  const charge = event.data.object;
  // Top-ups are Checkout payments, which always charge through a payment intent; other charges are not ours.
  if (!charge.payment_intent) return "not_a_top_up";
  const sessionId = await topUpSessionOfPaymentIntent(context.prisma, charge.payment_intent, context.lookups);
  if (!sessionId) return "not_a_top_up";
  if (charge.currency !== "usd") {
    // Cents of another currency are not cents of the USD top-up: taking them would be a guess.
    throw new StripeEventRefused(
      `Charge ${charge.id} of a USD top-up is in ${charge.currency}; its refund is not booked`,
      { sessionId, chargeId: charge.id, currency: charge.currency, amountRefunded: charge.amount_refunded },
      "data.object.currency",
    );
  }
  const result = await recordRefund(context.prisma, sessionId, {
    paymentIntentId: charge.payment_intent,
    chargeId: charge.id,
    refundedCents: charge.amount_refunded,
    receiptUrl: charge.receipt_url,
  });
  return result.outcome;
}
