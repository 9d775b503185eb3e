// checkout.session.async_payment_succeeded: a delayed payment (bank debit and the like) cleared. It may come before
// checkout.session.completed; whichever comes first credits, under the session's idempotency key.
import "../../server-only";
import type Stripe from "stripe";
import type { StripeEventContext } from "./handle-event";
import { attachReceipt, recordCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionAsyncPaymentSucceeded(
  event: Stripe.CheckoutSessionAsyncPaymentSucceededEvent,
  context: StripeEventContext,
): Promise<TopUpOutcome> {
  const result = await recordCheckoutSession(context.prisma, event.data.object, true);
  if (result.outcome === "credited" && result.payment) await attachReceipt(context.prisma, result.payment, context.lookups);
  return result.outcome;
}
