// Trust boundary: a webhook body is believed only when its Stripe-Signature is an HMAC of the exact raw bytes with
// the endpoint's secret, made within the last five minutes (replays of old deliveries are refused). Offline: no API call.
import "../../server-only";
import Stripe from "stripe";
import { GatewayError } from "../../gateway/errors";

export function verifyStripeWebhook(rawBody: string, signatureHeader: string | null, webhookSecret: string): Stripe.Event {
  if (!signatureHeader) {
    throw new GatewayError("missing_field", "The Stripe-Signature header is missing", { param: "stripe-signature" });
  }
  try {
    return Stripe.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret);
  } catch (error) {
    throw new GatewayError("invalid_value", "The Stripe-Signature header does not match the body, or is too old", {
      param: "stripe-signature",
      cause: error,
    });
  }
}
