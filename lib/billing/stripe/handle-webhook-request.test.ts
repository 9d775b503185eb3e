// The webhook endpoint's steps as a request sees them: signature checks, "not configured", acknowledgements and
// failures that make Stripe retry; with a real PostgreSQL and the Stripe stand-in behind the lookups.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  charge,
  checkoutSession,
  signedDelivery,
  standInStripeClient,
  startStripeStandIn,
  stripeEvent,
  stripeSecretKey,
  stripeWebhookSecret,
  type StripeStandIn,
} from "../../../tests/support/stripe-stand-in";
import { createTestDatabase } from "../../db/testing";
import { setEnvForTests } from "../../env";

let standIn: StripeStandIn;
let modules: {
  db: typeof import("../../db/client").db;
  webhook: typeof import("./handle-webhook-request");
};

async function makeUser(): Promise<string> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
  return user.id;
}

async function deliver(payload: string, signature: string | undefined): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["stripe-signature"] = signature;
  const response = await modules.webhook.handleStripeWebhook(new Request("http://127.0.0.1/api/stripe/webhook", { method: "POST", headers, body: payload }));
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}

function deliverEvent(type: string, object: unknown) {
  const { payload, signature } = signedDelivery(stripeEvent(type, object));
  return deliver(payload, signature);
}

async function balance(userId: string): Promise<bigint> {
  return (await modules.db().user.findUniqueOrThrow({ where: { id: userId } })).balanceMicros;
}

/** Exactly `{"error":{"message","type","code","param"}}`, the shape of every error this app answers. */
function expectErrorBody(body: unknown, code: string): void {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), type: expect.any(String) } });
  const error = (body as { error: Record<string, unknown> }).error;
  expect(Object.keys(body as object)).toEqual(["error"]);
  expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
}

beforeAll(async () => {
  standIn = await startStripeStandIn();
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_stripe_webhook");
  modules = { db: (await import("../../db/client")).db, webhook: await import("./handle-webhook-request") };
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.reset();
  setEnvForTests({ STRIPE_SECRET_KEY: stripeSecretKey, STRIPE_WEBHOOK_SECRET: stripeWebhookSecret, STRIPE_API_URL: standIn.url });
});

describe("POST /api/stripe/webhook", () => {
  it("acknowledges a signed event with 200 {received: true} and credits it", async () => {
    const userId = await makeUser();
    const response = await deliverEvent("checkout.session.completed", checkoutSession({ userId, amountCents: 1500 }));
    expect(response).toEqual({ status: 200, body: { received: true } });
    expect(await balance(userId)).toBe(15_000_000n);
  });

  it("refuses a missing, wrong or stale signature and a changed body with 400, crediting nothing", async () => {
    const userId = await makeUser();
    const { payload, signature } = signedDelivery(stripeEvent("checkout.session.completed", checkoutSession({ userId, amountCents: 1500 })));

    const missing = await deliver(payload, undefined);
    expect(missing.status).toBe(400);
    expectErrorBody(missing.body, "missing_field");

    const wrongSecret = await deliver(payload, signedDelivery(JSON.parse(payload), "whsec_someone_else").signature);
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body).toEqual({
      error: { message: expect.stringContaining("Stripe-Signature"), type: "invalid_request_error", code: "invalid_value", param: "stripe-signature" },
    });

    const changed = await deliver(payload.replace("1500", "150000"), signature);
    expect(changed.status).toBe(400);
    expectErrorBody(changed.body, "invalid_value");

    const garbage = await deliver(payload, "t=1,v1=deadbeef");
    expect(garbage.status).toBe(400);

    // Signed correctly, but an hour ago: a replay.
    const { default: Stripe } = await import("stripe");
    const stale = Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeWebhookSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await deliver(payload, stale)).status).toBe(400);

    expect(await balance(userId)).toBe(0n);
    expect(await modules.db().payment.count({ where: { userId } })).toBe(0);
  });

  it("answers 503 when Stripe is not configured, without reading the event", async () => {
    const userId = await makeUser();
    for (const unset of ["STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY"]) {
      setEnvForTests({ STRIPE_SECRET_KEY: stripeSecretKey, STRIPE_WEBHOOK_SECRET: stripeWebhookSecret, [unset]: undefined });
      const response = await deliverEvent("checkout.session.completed", checkoutSession({ userId, amountCents: 1500 }));
      expect(response.status).toBe(503);
      expectErrorBody(response.body, "not_configured");
    }
    expect(await balance(userId)).toBe(0n);
  });

  it("acknowledges event types it does not handle", async () => {
    expect(await deliverEvent("invoice.paid", { id: "in_1", object: "invoice" })).toEqual({ status: 200, body: { received: true } });
  });

  it("looks a refund's session up in Stripe when the refund comes first, and keeps the receipt", async () => {
    const userId = await makeUser();
    const stripe = standInStripeClient(standIn.url);
    const created = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 2000, product_data: { name: "Switchyard credits" } } }],
      metadata: { userId, purpose: "switchyard_topup" },
      client_reference_id: userId,
      success_url: "http://127.0.0.1/billing?topup=success&session_id={CHECKOUT_SESSION_ID}",
    });
    const paid = standIn.paySession(created.id);
    standIn.requests.length = 0;

    const refunded = { ...paid.charge, amount_refunded: 500 };
    expect(await deliverEvent("charge.refunded", refunded)).toEqual({ status: 200, body: { received: true } });
    expect(standIn.requests.map((request) => `${request.method} ${request.path.split("?")[0]}`)).toContain("GET /v1/checkout/sessions");
    expect(await balance(userId)).toBe(15_000_000n);

    expect((await deliverEvent("checkout.session.completed", paid.session)).status).toBe(200);
    expect(await balance(userId)).toBe(15_000_000n);
    const payment = await modules.db().payment.findUniqueOrThrow({ where: { stripeSessionId: created.id } });
    expect(payment).toMatchObject({ status: "partially_refunded", refundedMicros: 5_000_000n, receiptUrl: paid.charge.receipt_url });
  });

  it("fetches the receipt of a credited payment from Stripe", async () => {
    const userId = await makeUser();
    const stripe = standInStripeClient(standIn.url);
    const created = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 900, product_data: { name: "Switchyard credits" } } }],
      metadata: { userId, purpose: "switchyard_topup" },
      success_url: "http://127.0.0.1/billing",
    });
    const paid = standIn.paySession(created.id);
    expect((await deliverEvent("checkout.session.completed", paid.session)).status).toBe(200);
    const payment = await modules.db().payment.findUniqueOrThrow({ where: { stripeSessionId: created.id } });
    expect(payment).toMatchObject({ status: "paid", receiptUrl: paid.charge.receipt_url });
    const lookup = standIn.requests.find((request) => request.path.startsWith(`/v1/payment_intents/${paid.paymentIntent.id}`));
    expect(lookup?.form).toMatchObject({ expand: ["latest_charge"] });
  });

  it("answers 500 when an event cannot be booked, so that Stripe delivers it again, and books it then", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 1000 });
    const refunded = charge({ paymentIntent: session.payment_intent ?? "", amountCents: 1000, amountRefundedCents: 1000 });
    // Stripe's API unreachable while the refund's payment is unknown: nothing to book it against yet.
    setEnvForTests({ STRIPE_API_URL: "http://127.0.0.1:9" });
    const failed = await deliverEvent("charge.refunded", refunded);
    expect(failed.status).toBe(500);
    expectErrorBody(failed.body, "internal_error");
    expect(JSON.stringify(failed.body)).not.toContain("127.0.0.1");

    setEnvForTests({ STRIPE_API_URL: standIn.url });
    expect((await deliverEvent("checkout.session.completed", session)).status).toBe(200);
    expect((await deliverEvent("charge.refunded", refunded)).status).toBe(200);
    expect(await balance(userId)).toBe(0n);
  }, 30_000);
});
