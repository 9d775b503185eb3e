// charge.dispute.funds_withdrawn and charge.dispute.funds_reinstated: a chargeback of a top-up, and its reversal when
// the dispute is won. The money follows the funds, not the dispute's paperwork: Stripe withdraws the disputed amount
// when the dispute opens and reinstates it only if it is won.
import "../../server-only";
import type Stripe from "stripe";
import type { StripeEventContext } from "./handle-event";
import { idOf } from "./stripe-lookups";
import { recordDisputeReinstatement, recordDisputeWithdrawal, topUpSessionOfPaymentIntent, type TopUpOutcome } from "./top-up-payments";

type DisputeFundsEvent = Stripe.ChargeDisputeFundsWithdrawnEvent | Stripe.ChargeDisputeFundsReinstatedEvent;

export async function chargeDisputeFunds(event: DisputeFundsEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  const dispute = event.data.object;
  const sessionId = await topUpSessionOfPaymentIntent(context.prisma, idOf(dispute.payment_intent), context.lookups);
  if (!sessionId) return "not_a_top_up";
  const facts = { disputeId: dispute.id, chargeId: idOf(dispute.charge) ?? "", amountCents: dispute.amount };
  const record = event.type === "charge.dispute.funds_withdrawn" ? recordDisputeWithdrawal : recordDisputeReinstatement;
  return (await record(context.prisma, sessionId, facts)).outcome;
}
