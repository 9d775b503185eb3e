// The first step of every checkout.session.* event: is the session a top-up of ours (a payments row), and what does
// Stripe's API say about it? The event only names the session; what is booked is decided on Stripe's record and our
// row. An event that disagrees with Stripe's record on what never changes (amount, currency, mode, payment intent)
// did not come from Stripe as it is, and is refused.
import "../../server-only";
import type { StripeEventContext } from "./handle-event";
import { StripeEventRefused } from "./refused-stripe-event";
import type { CheckoutSession } from "./stripe-schemas";
import { findTopUpPayment } from "./top-up-payments";

const fixedFields = ["amount_total", "currency", "mode", "payment_intent"] as const;

/** Stripe's record of the session an event names; undefined when the session is no top-up of ours. */
export async function confirmCheckoutSession(
  claimed: CheckoutSession,
  context: StripeEventContext,
): Promise<CheckoutSession | undefined> {
  // Our row first: sessions of anything else sold on the Stripe account cost no API call.
  if (!(await findTopUpPayment(context.prisma, claimed.id))) return undefined;
  const session = await context.lookups.retrieveSession(claimed.id);
  if (!session) {
    const message = `Stripe has no Checkout Session ${claimed.id} (another account or mode?); nothing is booked`;
    throw new StripeEventRefused(message, { sessionId: claimed.id });
  }
  const differing = fixedFields.filter((field) => {
    // A payment intent appears once the customer pays, so an earlier event may lack one that Stripe now has.
    if (field === "payment_intent" && claimed.payment_intent === null) return false;
    return claimed[field] !== session[field];
  });
  if (differing.length > 0) {
    const fields = differing.join(", ");
    throw new StripeEventRefused(
      `The event's Checkout Session ${claimed.id} differs from Stripe's record of it in ${fields}; nothing is booked`,
      { sessionId: claimed.id, fields: differing, claimed: pick(claimed, differing), stripe: pick(session, differing) },
      `data.object.${differing[0]}`,
    );
  }
  return session;
}

/** Refuses an event that says something happened to a session that Stripe's record of it does not show. */
export function refuseUnconfirmed(session: CheckoutSession, claim: string): never {
  const message = `The event says Checkout Session ${session.id} ${claim}; Stripe's record does not; nothing is booked`;
  throw new StripeEventRefused(message, {
    sessionId: session.id,
    claim,
    status: session.status,
    paymentStatus: session.payment_status,
  });
}

function pick(session: CheckoutSession, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(session).filter(([field]) => fields.includes(field)));
}
