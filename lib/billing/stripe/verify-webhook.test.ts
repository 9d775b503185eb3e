// The signature check alone: offline, with a fixed clock.
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../gateway/errors";
import { SIGNATURE_TOLERANCE_SECONDS, verifyStripeWebhook } from "./verify-webhook";

const secret = "whsec_unit_test";
const now = Date.UTC(2026, 10, 1, 12, 0, 0);
const nowSeconds = now / 1000;
const payload = JSON.stringify({ id: "evt_1", type: "invoice.paid", data: { object: { id: "in_1" } } });

function signedAt(timestamp: number, body = payload): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

function refusal(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("verifyStripeWebhook", () => {
  it("returns the parsed body of a delivery signed within the tolerance, either side of now", () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    for (const offset of [0, 299, -299, 300, -300]) {
      expect(verifyStripeWebhook(payload, signedAt(nowSeconds + offset), secret, now)).toEqual(JSON.parse(payload));
    }
  });

  it("refuses a signature dated more than five minutes ahead, not only one more than five minutes old", () => {
    for (const offset of [301, 3600, 10 * 365 * 86_400, -301, -3600]) {
      const error = refusal(() => verifyStripeWebhook(payload, signedAt(nowSeconds + offset), secret, now));
      expect(error, `${offset} s`).toMatchObject({ code: "invalid_value", param: "stripe-signature", status: 400 });
    }
  });

  it("refuses a header with more than one timestamp, a missing header, and another secret", () => {
    const header = signedAt(nowSeconds);
    expect(refusal(() => verifyStripeWebhook(payload, `t=${nowSeconds + 3600},${header}`, secret, now)).code).toBe(
      "invalid_value",
    );
    expect(refusal(() => verifyStripeWebhook(payload, null, secret, now)).code).toBe("missing_field");
    const otherSecret = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: "whsec_other",
      timestamp: nowSeconds,
    });
    expect(refusal(() => verifyStripeWebhook(payload, otherSecret, secret, now)).message).toMatch(/Stripe-Signature/);
  });

  it("answers invalid_json for a signed body that is not JSON", () => {
    const body = '{"id": "evt_1",';
    expect(refusal(() => verifyStripeWebhook(body, signedAt(nowSeconds, body), secret, now))).toMatchObject({
      code: "invalid_json",
      status: 400,
    });
  });
});
