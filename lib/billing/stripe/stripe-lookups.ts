// What an event does not carry and the webhook must ask Stripe for. Behind an interface so that event handling is
// tested against a real database without a Stripe API, and so that every call the webhook makes is listed here.
import "../../server-only";
import type Stripe from "stripe";

export interface StripeLookups {
  /** The Checkout Session that created a payment intent; undefined when none did (a charge made elsewhere). */
  findSessionByPaymentIntent(paymentIntentId: string): Promise<Stripe.Checkout.Session | undefined>;
  /** The receipt of the payment intent's charge, once Stripe has one. */
  findReceiptUrl(paymentIntentId: string): Promise<string | undefined>;
}

export function stripeLookups(stripe: Stripe): StripeLookups {
  return {
    async findSessionByPaymentIntent(paymentIntentId) {
      const sessions = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
      return sessions.data[0];
    },
    async findReceiptUrl(paymentIntentId) {
      const paymentIntent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
      const charge = paymentIntent.latest_charge;
      return typeof charge === "object" && charge !== null ? (charge.receipt_url ?? undefined) : undefined;
    },
  };
}

/** Stripe fields that are an id, or the object when expanded. */
export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : value.id;
}
