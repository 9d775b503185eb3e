// checkout.session.async_payment_failed: a delayed payment did not clear; the top-up ends unpaid.
import "../../server-only";
import type Stripe from "stripe";
import type { StripeEventContext } from "./handle-event";
import { markCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionAsyncPaymentFailed(event: Stripe.CheckoutSessionAsyncPaymentFailedEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  return (await markCheckoutSession(context.prisma, event.data.object, "failed")).outcome;
}
