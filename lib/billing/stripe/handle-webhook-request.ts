// The webhook endpoint's steps: configured? → verify the raw body → check its shape → handle the event → acknowledge.
// Stripe redelivers any delivery not answered 2xx, for days, so the status says whose problem it is:
// - 200: booked, or nothing to book (an event type or a session that is not ours);
// - 400: the delivery itself is wrong (signature, JSON, shape), or it contradicts Stripe's API or our records; nothing
//   is booked and it is logged. Whatever a sender puts in a body ends here, never in a 500;
// - 500: our own outage (database, Stripe's API unreachable); handling is idempotent, so Stripe's retry books it.
import "../../server-only";
import { randomUUID } from "node:crypto";
import { env } from "../../env";
import { GatewayError, toOpenAIError } from "../../gateway/errors";
import { db } from "../../db/client";
import { log } from "../../log";
import { isStripeConfigured, stripeClient } from "./client";
import { handleStripeEvent } from "./handle-event";
import { StripeEventRefused } from "./refused-stripe-event";
import { stripeLookups } from "./stripe-lookups";
import { parseStripeEvent, type ParsedStripeEvent } from "./stripe-schemas";
import { verifyStripeWebhook } from "./verify-webhook";

function errorResponse(error: GatewayError): Response {
  return Response.json(toOpenAIError(error), { status: error.status });
}

/** For the log of a refused body: its event id and type when it has them as strings, nothing else of it. */
function describeBody(body: unknown): Record<string, string> {
  if (typeof body !== "object" || body === null) return {};
  const { id, type } = body as Record<string, unknown>;
  return {
    ...(typeof id === "string" ? { eventId: id.slice(0, 255) } : {}),
    ...(typeof type === "string" ? { type: type.slice(0, 255) } : {}),
  };
}

export async function handleStripeWebhook(request: Request): Promise<Response> {
  const { STRIPE_WEBHOOK_SECRET: webhookSecret } = env();
  const stripe = stripeClient();
  if (!isStripeConfigured() || !webhookSecret || !stripe) {
    return Response.json(
      {
        error: {
          message: "Card top-ups are not configured on this server (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)",
          type: "api_error",
          code: "not_configured",
          param: null,
        },
      },
      { status: 503 },
    );
  }
  // The signature covers the bytes as sent: read the body as text, never parse and re-serialise it before verifying.
  const rawBody = await request.text();
  let body: unknown;
  let parsed: ParsedStripeEvent;
  try {
    body = verifyStripeWebhook(rawBody, request.headers.get("stripe-signature"), webhookSecret);
    parsed = parseStripeEvent(body);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    const fields = { ...describeBody(body), code: error.code, param: error.param, reason: error.message };
    log.warn("stripe webhook: refused a malformed delivery", fields);
    return errorResponse(error);
  }
  if (parsed.kind === "ignored") {
    log.info("stripe webhook: event type not handled; acknowledged", { eventId: parsed.id, type: parsed.type });
    return Response.json({ received: true });
  }

  const { id: eventId, type } = parsed.event;
  try {
    const outcome = await handleStripeEvent(parsed, { prisma: db(), lookups: stripeLookups(stripe) });
    log.info("stripe webhook: event handled", { eventId, type, outcome });
    return Response.json({ received: true });
  } catch (error) {
    if (error instanceof StripeEventRefused) {
      log.error("stripe webhook: refused an event that contradicts Stripe's records or ours; nothing booked", {
        ...error.facts,
        eventId,
        type,
        reason: error.message,
      });
      return errorResponse(error);
    }
    const requestId = randomUUID();
    log.error("stripe webhook: event not handled; Stripe will deliver it again", { requestId, eventId, type, error });
    const message = `The event was not booked; quote request id ${requestId} when reporting it`;
    return errorResponse(new GatewayError("internal_error", message));
  }
}
