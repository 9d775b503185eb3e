// Verified, well-formed Stripe events → top-up bookkeeping, one file per event type. Event types not listed are
// acknowledged and ignored, so that enabling more events in the Stripe dashboard never makes deliveries fail.
import "../../server-only";
import type { Database } from "../../db/client";
import { chargeDisputeFunds } from "./charge-dispute-funds";
import { chargeRefunded } from "./charge-refunded";
import { checkoutSessionAsyncPaymentFailed } from "./checkout-session-async-payment-failed";
import { checkoutSessionAsyncPaymentSucceeded } from "./checkout-session-async-payment-succeeded";
import { checkoutSessionCompleted } from "./checkout-session-completed";
import { checkoutSessionExpired } from "./checkout-session-expired";
import type { StripeLookups } from "./stripe-lookups";
import type { ParsedStripeEvent } from "./stripe-schemas";
import type { TopUpOutcome } from "./top-up-payments";

export interface StripeEventContext {
  prisma: Database;
  /** Stripe's API: its record of what an event names, and what an event does not carry. */
  lookups: StripeLookups;
}

export type StripeEventOutcome = TopUpOutcome | "ignored";

/** Throws StripeEventRefused for an event that contradicts Stripe's API or our records; anything else is ours. */
export async function handleStripeEvent(
  parsed: ParsedStripeEvent,
  context: StripeEventContext,
): Promise<StripeEventOutcome> {
  if (parsed.kind === "ignored") return "ignored";
  const event = parsed.event;
  switch (event.type) {
    case "checkout.session.completed":
      return checkoutSessionCompleted(event, context);
    case "checkout.session.async_payment_succeeded":
      return checkoutSessionAsyncPaymentSucceeded(event, context);
    case "checkout.session.async_payment_failed":
      return checkoutSessionAsyncPaymentFailed(event, context);
    case "checkout.session.expired":
      return checkoutSessionExpired(event, context);
    case "charge.refunded":
      return chargeRefunded(event, context);
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
      return chargeDisputeFunds(event, context);
  }
}
