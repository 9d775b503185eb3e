// checkout.session.expired: the customer never paid (Checkout Sessions expire after 24 hours by default).
import "../../server-only";
import type Stripe from "stripe";
import type { StripeEventContext } from "./handle-event";
import { markCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionExpired(event: Stripe.CheckoutSessionExpiredEvent, context: StripeEventContext): Promise<TopUpOutcome> {
  return (await markCheckoutSession(context.prisma, event.data.object, "expired")).outcome;
}
