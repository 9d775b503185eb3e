// checkout.session.async_payment_failed: a delayed payment did not clear; the top-up ends unpaid.
import "../../server-only";
import { confirmCheckoutSession, refuseUnconfirmed } from "./confirm-checkout-session";
import type { StripeEventContext } from "./handle-event";
import type { StripeEventOf } from "./stripe-schemas";
import { markCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionAsyncPaymentFailed(
  event: StripeEventOf<"checkout.session.async_payment_failed">,
  context: StripeEventContext,
): Promise<TopUpOutcome> {
  const session = await confirmCheckoutSession(event.data.object, context);
  if (!session) return "not_a_top_up";
  if (session.payment_status === "paid") refuseUnconfirmed(session, "failed to be paid");
  return (await markCheckoutSession(context.prisma, session, "failed")).outcome;
}
