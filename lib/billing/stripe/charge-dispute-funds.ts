// charge.dispute.funds_withdrawn and charge.dispute.funds_reinstated: a chargeback of a top-up, and its reversal when
// the dispute is won. The money follows the funds, not the dispute's paperwork: Stripe withdraws the disputed amount
// when the dispute opens and reinstates it only if it is won.
import "../../server-only";
import type { StripeEventContext } from "./handle-event";
import { StripeEventRefused } from "./refused-stripe-event";
import type { StripeEventOf } from "./stripe-schemas";
import {
  recordDisputeReinstatement,
  recordDisputeWithdrawal,
  topUpSessionOfPaymentIntent,
  type TopUpOutcome,
} from "./top-up-payments";

type DisputeFundsEvent = StripeEventOf<"charge.dispute.funds_withdrawn" | "charge.dispute.funds_reinstated">;

export async function chargeDisputeFunds(event: DisputeFundsEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  const dispute = event.data.object;
  if (!dispute.payment_intent) return "not_a_top_up";
  const sessionId = await topUpSessionOfPaymentIntent(context.prisma, dispute.payment_intent, context.lookups);
  if (!sessionId) return "not_a_top_up";
  if (dispute.currency !== "usd") {
    throw new StripeEventRefused(
      `Dispute ${dispute.id} of a USD top-up is in ${dispute.currency}; it is not booked`,
      { sessionId, disputeId: dispute.id, currency: dispute.currency, amount: dispute.amount },
      "data.object.currency",
    );
  }
  const facts = { disputeId: dispute.id, chargeId: dispute.charge, amountCents: dispute.amount };
  const record = event.type === "charge.dispute.funds_withdrawn" ? recordDisputeWithdrawal : recordDisputeReinstatement;
  return (await record(context.prisma, sessionId, facts)).outcome;
}
