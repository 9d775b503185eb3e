// checkout.session.completed: the customer finished Checkout. Card payments are "paid" now and credited; slower
// methods (bank debits) are "unpaid" until checkout.session.async_payment_succeeded, and nothing is credited yet.
// Whether it is paid is Stripe's record's to say, not the event's.
import "../../server-only";
import { confirmCheckoutSession, refuseUnconfirmed } from "./confirm-checkout-session";
import type { StripeEventContext } from "./handle-event";
import type { StripeEventOf } from "./stripe-schemas";
import { attachReceipt, recordCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionCompleted(
  event: StripeEventOf<"checkout.session.completed">,
  context: StripeEventContext,
): Promise<TopUpOutcome> {
  const session = await confirmCheckoutSession(event.data.object, context);
  if (!session) return "not_a_top_up";
  const claimsPaid = event.data.object.payment_status === "paid";
  if (claimsPaid && session.payment_status !== "paid") refuseUnconfirmed(session, "is paid");
  const result = await recordCheckoutSession(context.prisma, session);
  if (result.outcome === "credited" && result.payment) {
    await attachReceipt(context.prisma, result.payment, context.lookups);
  }
  return result.outcome;
}
