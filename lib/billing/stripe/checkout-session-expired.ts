// checkout.session.expired: the customer never paid (our Checkout Sessions expire after an hour, checkout-ttl.ts).
import "../../server-only";
import { confirmCheckoutSession, refuseUnconfirmed } from "./confirm-checkout-session";
import type { StripeEventContext } from "./handle-event";
import type { StripeEventOf } from "./stripe-schemas";
import { markCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionExpired(
  event: StripeEventOf<"checkout.session.expired">,
  context: StripeEventContext,
): Promise<TopUpOutcome> {
  const session = await confirmCheckoutSession(event.data.object, context);
  if (!session) return "not_a_top_up";
  if (session.status !== "expired" || session.payment_status === "paid") refuseUnconfirmed(session, "expired unpaid");
  return (await markCheckoutSession(context.prisma, session, "expired")).outcome;
}
