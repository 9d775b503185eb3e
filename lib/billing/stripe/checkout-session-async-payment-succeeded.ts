// checkout.session.async_payment_succeeded: a delayed payment (bank debit and the like) cleared. It may come before
// checkout.session.completed; whichever comes first credits, under the session's idempotency key.
import "../../server-only";
import { confirmCheckoutSession, refuseUnconfirmed } from "./confirm-checkout-session";
import type { StripeEventContext } from "./handle-event";
import type { StripeEventOf } from "./stripe-schemas";
import { attachReceipt, recordCheckoutSession, type TopUpOutcome } from "./top-up-payments";

export async function checkoutSessionAsyncPaymentSucceeded(
  event: StripeEventOf<"checkout.session.async_payment_succeeded">,
  context: StripeEventContext,
): Promise<TopUpOutcome> {
  const session = await confirmCheckoutSession(event.data.object, context);
  if (!session) return "not_a_top_up";
  if (session.payment_status !== "paid") refuseUnconfirmed(session, "is paid");
  const result = await recordCheckoutSession(context.prisma, session);
  if (result.outcome === "credited" && result.payment) {
    await attachReceipt(context.prisma, result.payment, context.lookups);
  }
  return result.outcome;
}
