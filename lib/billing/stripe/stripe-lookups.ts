// What the webhook asks Stripe's API: its own record of a Checkout Session (what is credited comes from there, not
// from the event), and what an event does not carry. Behind an interface so that event handling is tested against a
// real database without a Stripe API, and so that every call the webhook makes is listed here. Answers are checked
// against the same schemas as events; an answer that does not fit is an error of ours (500, Stripe retries).
import "../../server-only";
import Stripe from "stripe";
import { z } from "zod";
import { checkoutSessionSchema, type CheckoutSession } from "./stripe-schemas";

export interface StripeLookups {
  /** Stripe's record of a Checkout Session; undefined when Stripe has no such session (in this account and mode). */
  retrieveSession(sessionId: string): Promise<CheckoutSession | undefined>;
  /** The Checkout Session that created a payment intent; undefined when none did (a charge made elsewhere). */
  findSessionByPaymentIntent(paymentIntentId: string): Promise<CheckoutSession | undefined>;
  /** The receipt of the payment intent's charge, once Stripe has one. */
  findReceiptUrl(paymentIntentId: string): Promise<string | undefined>;
}

const sessionListSchema = z.object({ data: z.array(checkoutSessionSchema) });
const receiptSchema = z.object({
  latest_charge: z.union([z.object({ receipt_url: z.url({ protocol: /^https$/ }).nullable() }), z.string(), z.null()]),
});

function isMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;
}

export function stripeLookups(stripe: Stripe): StripeLookups {
  return {
    async retrieveSession(sessionId) {
      try {
        return checkoutSessionSchema.parse(await stripe.checkout.sessions.retrieve(sessionId));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async findSessionByPaymentIntent(paymentIntentId) {
      const sessions = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
      return sessionListSchema.parse(sessions).data[0];
    },
    async findReceiptUrl(paymentIntentId) {
      const answer = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
      const paymentIntent = receiptSchema.parse(answer);
      const charge = paymentIntent.latest_charge;
      return typeof charge === "object" && charge !== null ? (charge.receipt_url ?? undefined) : undefined;
    },
  };
}
