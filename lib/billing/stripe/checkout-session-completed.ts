// checkout.session.completed: the customer finished Checkout. Card payments are "paid" now and credited; slower
// methods (bank debits) are "unpaid" until checkout.session.async_payment_succeeded, and nothing is credited yet.
import "../../server-only";
import type Stripe from "stripe";
import type { StripeEventContext } from "./handle-event";
import { attachReceipt, recordCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionCompleted(event: Stripe.CheckoutSessionCompletedEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  const session = event.data.object;
  const result = await recordCheckoutSession(context.prisma, session, session.payment_status === "paid");
  if (result.outcome === "credited" && result.payment) await attachReceipt(context.prisma, result.payment, context.lookups);
  return result.outcome;
}
