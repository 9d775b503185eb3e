// Trust boundary: a webhook body is believed only when its Stripe-Signature is an HMAC of the exact raw bytes with
// the endpoint's secret, made within five minutes of now, either way. The library refuses old signatures (replays)
// but not ones dated in the future, which a leaked signing moment could replay until that date; so the time is
// checked here in both directions. Offline: no API call.
import "../../server-only";
import Stripe from "stripe";
import { GatewayError } from "../../gateway/errors";

/** Seconds a signature's time may differ from ours either way: the library's default for the past. */
export const SIGNATURE_TOLERANCE_SECONDS = Stripe.webhooks.DEFAULT_TOLERANCE;

/** The one `t=` of the header (the library signs with the last one; more than one is no header Stripe sends). */
function signatureTimestamp(signatureHeader: string): number | undefined {
  const stamps = signatureHeader
    .split(",")
    .map((item) => item.split("="))
    .filter(([key]) => key === "t")
    .map(([, value]) => value);
  if (stamps.length !== 1 || !/^\d{1,12}$/.test(stamps[0] ?? "")) return undefined;
  return Number(stamps[0]);
}

/** The reason is the sender's own business (a wrong secret, a skewed clock) and names no secret. */
function refused(reason: string, cause?: unknown): GatewayError {
  return new GatewayError("invalid_value", `The Stripe-Signature header is refused: ${reason}`, {
    param: "stripe-signature",
    cause,
  });
}

/** The verified body, parsed as JSON but not yet checked for shape (parseStripeEvent does that). */
export function verifyStripeWebhook(
  rawBody: string,
  signatureHeader: string | null,
  webhookSecret: string,
  now = Date.now(),
): unknown {
  if (!signatureHeader) {
    throw new GatewayError("missing_field", "The Stripe-Signature header is missing", { param: "stripe-signature" });
  }
  const verifier = Stripe.webhooks.signature;
  if (!verifier) throw new Error("the stripe library has no webhook signature helper");
  try {
    verifier.verifyHeader(rawBody, signatureHeader, webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, now);
  } catch (error) {
    throw refused(error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : "not verified", error);
  }
  const signedAt = signatureTimestamp(signatureHeader);
  if (signedAt === undefined) throw refused("not exactly one numeric timestamp");
  const skewSeconds = signedAt - Math.floor(now / 1000);
  if (Math.abs(skewSeconds) > SIGNATURE_TOLERANCE_SECONDS) {
    throw refused(`signed ${skewSeconds} s from now, more than ${SIGNATURE_TOLERANCE_SECONDS} s either way`);
  }
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new GatewayError("invalid_json", "The event body is signed but is not JSON");
  }
}
