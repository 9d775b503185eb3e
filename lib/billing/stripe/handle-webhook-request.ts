// The webhook endpoint's steps: configured? → verify the raw body → handle the event → acknowledge. Stripe retries
// any delivery not answered 2xx (for days), so a failure to book an event answers 500 rather than losing it, and
// handling is idempotent so retries are safe.
import "../../server-only";
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { env } from "../../env";
import { GatewayError, toOpenAIError } from "../../gateway/errors";
import { db } from "../../db/client";
import { log } from "../../log";
import { isStripeConfigured, stripeClient } from "./client";
import { handleStripeEvent } from "./handle-event";
import { stripeLookups } from "./stripe-lookups";
import { verifyStripeWebhook } from "./verify-webhook";

function errorResponse(error: GatewayError): Response {
  return Response.json(toOpenAIError(error), { status: error.status });
}

export async function handleStripeWebhook(request: Request): Promise<Response> {
  const { STRIPE_WEBHOOK_SECRET: webhookSecret } = env();
  const stripe = stripeClient();
  if (!isStripeConfigured() || !webhookSecret || !stripe) {
    return Response.json(
      { error: { message: "Card top-ups are not configured on this server (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)", type: "api_error", code: "not_configured", param: null } },
      { status: 503 },
    );
  }
  // The signature covers the bytes as sent: read the body as text, never parse and re-serialise it before verifying.
  const rawBody = await request.text();
  let event: Stripe.Event;
  try {
    event = verifyStripeWebhook(rawBody, request.headers.get("stripe-signature"), webhookSecret);
  } catch (error) {
    if (error instanceof GatewayError) {
      log.warn("stripe webhook: refused an unverified delivery", { code: error.code });
      return errorResponse(error);
    }
    throw error;
  }
  try {
    const outcome = await handleStripeEvent(event, { prisma: db(), lookups: stripeLookups(stripe) });
    log.info("stripe webhook: event handled", { eventId: event.id, type: event.type, outcome });
    return Response.json({ received: true });
  } catch (error) {
    const requestId = randomUUID();
    log.error("stripe webhook: event not handled; Stripe will deliver it again", { requestId, eventId: event.id, type: event.type, error });
    return errorResponse(new GatewayError("internal_error", `The event was not booked; quote request id ${requestId} when reporting it`));
  }
}
