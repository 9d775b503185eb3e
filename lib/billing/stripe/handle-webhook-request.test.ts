// The webhook endpoint's steps as a request sees them: signature checks, "not configured", acknowledgements and
// failures that make Stripe retry; with a real PostgreSQL and the Stripe stand-in behind the lookups.
import { describe, expect, it, vi } from "vitest";
import {
  charge,
  checkoutSession,
  dispute,
  signedDelivery,
  signPayload,
  standInStripeClient,
  stripeEvent,
  stripeSecretKey,
  stripeWebhookSecret,
  type SessionObject,
  type SessionOptions,
} from "../../../tests/support/stripe-stand-in";
import { setEnvForTests } from "../../env";
import { useStripeHarness } from "./test-harness";

const stripe = useStripeHarness("switchyard_unit_stripe_webhook", async () => ({
  webhook: await import("./handle-webhook-request"),
}));

async function deliver(payload: string, signature: string | undefined): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["stripe-signature"] = signature;
  const response = await stripe
    .modules()
    .webhook.handleStripeWebhook(
      new Request("http://127.0.0.1/api/stripe/webhook", { method: "POST", headers, body: payload }),
    );
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}

function deliverEvent(type: string, object: unknown) {
  const { payload, signature } = signedDelivery(stripeEvent(type, object));
  return deliver(payload, signature);
}

/** A top-up as createTopUpCheckout leaves it: Stripe's record of the session and our pending payments row. */
async function pendingTopUp(options: SessionOptions): Promise<SessionObject> {
  const session = checkoutSession(options);
  stripe.standIn().sessions.set(session.id, session);
  await stripe
    .modules()
    .db()
    .payment.create({
      data: {
        userId: options.userId,
        stripeSessionId: session.id,
        amountMicros: BigInt(options.amountCents) * 10_000n,
        status: "pending",
      },
    });
  return session;
}

/** The JSON lines the logger writes while `work` runs. */
async function logsOf(work: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(capture),
    vi.spyOn(process.stderr, "write").mockImplementation(capture),
  ];
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split("\n"))
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A top-up started the way the billing page starts one, in the stand-in's Stripe. */
async function topUpThroughCheckout(userId: string, amountUsd: number) {
  const { createTopUpCheckout } = await import("./create-checkout-session");
  const client = standInStripeClient(stripe.standIn().url);
  return createTopUpCheckout(
    { userId, amountUsd, origin: "http://127.0.0.1" },
    { stripe: client, prisma: stripe.modules().db() },
  );
}

async function balance(userId: string): Promise<bigint> {
  return (
    await stripe
      .modules()
      .db()
      .user.findUniqueOrThrow({ where: { id: userId } })
  ).balanceMicros;
}

/** Exactly `{"error":{"message","type","code","param"}}`, the shape of every error this app answers. */
function expectErrorBody(body: unknown, code: string): void {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), type: expect.any(String) } });
  const error = (body as { error: Record<string, unknown> }).error;
  expect(Object.keys(body as object)).toEqual(["error"]);
  expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
}

describe("POST /api/stripe/webhook", () => {
  it("acknowledges a signed event with 200 {received: true} and credits it", async () => {
    const userId = await stripe.makeUser();
    const response = await deliverEvent(
      "checkout.session.completed",
      await pendingTopUp({ userId, amountCents: 1500 }),
    );
    expect(response).toEqual({ status: 200, body: { received: true } });
    expect(await balance(userId)).toBe(15_000_000n);
  });

  it("refuses a missing, wrong or stale signature and a changed body with 400, crediting nothing", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 1500 });
    const { payload, signature } = signedDelivery(stripeEvent("checkout.session.completed", session));

    const missing = await deliver(payload, undefined);
    expect(missing.status).toBe(400);
    expectErrorBody(missing.body, "missing_field");

    const wrongSecret = await deliver(payload, signedDelivery(JSON.parse(payload), "whsec_someone_else").signature);
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body).toEqual({
      error: {
        message: expect.stringContaining("Stripe-Signature"),
        type: "invalid_request_error",
        code: "invalid_value",
        param: "stripe-signature",
      },
    });

    const changed = await deliver(payload.replace("1500", "150000"), signature);
    expect(changed.status).toBe(400);
    expectErrorBody(changed.body, "invalid_value");

    const garbage = await deliver(payload, "t=1,v1=deadbeef");
    expect(garbage.status).toBe(400);

    // Signed correctly, but an hour ago: a replay.
    const { default: Stripe } = await import("stripe");
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: stripeWebhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await deliver(payload, stale)).status).toBe(400);

    expect(await balance(userId)).toBe(0n);
    expect(
      await stripe
        .modules()
        .db()
        .payment.findUniqueOrThrow({ where: { stripeSessionId: session.id } }),
    ).toMatchObject({
      status: "pending",
    });
  });

  it("answers 503 when Stripe is not configured, without reading the event", async () => {
    const userId = await stripe.makeUser();
    for (const unset of ["STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY"]) {
      setEnvForTests({
        STRIPE_SECRET_KEY: stripeSecretKey,
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        [unset]: undefined,
      });
      const response = await deliverEvent(
        "checkout.session.completed",
        await pendingTopUp({ userId, amountCents: 1500 }),
      );
      expect(response.status).toBe(503);
      expectErrorBody(response.body, "not_configured");
    }
    expect(await balance(userId)).toBe(0n);
  });

  it("acknowledges event types it does not handle", async () => {
    expect(await deliverEvent("invoice.paid", { id: "in_1", object: "invoice" })).toEqual({
      status: 200,
      body: { received: true },
    });
  });

  it("looks a refund's session up in Stripe when the refund comes first, and keeps the receipt", async () => {
    const userId = await stripe.makeUser();
    const created = await topUpThroughCheckout(userId, 20);
    const paid = stripe.standIn().paySession(created.sessionId);
    stripe.standIn().requests.length = 0;

    const refunded = { ...paid.charge, amount_refunded: 500 };
    expect(await deliverEvent("charge.refunded", refunded)).toEqual({ status: 200, body: { received: true } });
    expect(stripe.standIn().requests.map((request) => `${request.method} ${request.path.split("?")[0]}`)).toContain(
      "GET /v1/checkout/sessions",
    );
    expect(await balance(userId)).toBe(15_000_000n);

    expect((await deliverEvent("checkout.session.completed", paid.session)).status).toBe(200);
    expect(await balance(userId)).toBe(15_000_000n);
    const payment = await stripe
      .modules()
      .db()
      .payment.findUniqueOrThrow({ where: { stripeSessionId: created.sessionId } });
    expect(payment).toMatchObject({
      status: "partially_refunded",
      refundedMicros: 5_000_000n,
      receiptUrl: paid.charge.receipt_url,
    });
  });

  it("fetches the receipt of a credited payment from Stripe", async () => {
    const userId = await stripe.makeUser();
    const created = await topUpThroughCheckout(userId, 9);
    const paid = stripe.standIn().paySession(created.sessionId);
    expect((await deliverEvent("checkout.session.completed", paid.session)).status).toBe(200);
    const payment = await stripe
      .modules()
      .db()
      .payment.findUniqueOrThrow({ where: { stripeSessionId: created.sessionId } });
    expect(payment).toMatchObject({ status: "paid", receiptUrl: paid.charge.receipt_url });
    const lookup = stripe
      .standIn()
      .requests.find((request) => request.path.startsWith(`/v1/payment_intents/${paid.paymentIntent.id}`));
    expect(lookup?.form).toMatchObject({ expand: ["latest_charge"] });
  });

  it("answers 500 when an event cannot be booked, so that Stripe delivers it again, and books it then", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 1000 });
    const refunded = charge({
      paymentIntent: session.payment_intent ?? "",
      amountCents: 1000,
      amountRefundedCents: 1000,
    });
    // Stripe's API unreachable while the refund's payment is unknown: nothing to book it against yet.
    setEnvForTests({ STRIPE_API_URL: "http://127.0.0.1:9" });
    const failed = await deliverEvent("charge.refunded", refunded);
    expect(failed.status).toBe(500);
    expectErrorBody(failed.body, "internal_error");
    expect(JSON.stringify(failed.body)).not.toContain("127.0.0.1");
    // Nor is a payment credited that Stripe cannot be asked about.
    expect((await deliverEvent("checkout.session.completed", session)).status).toBe(500);
    expect(await balance(userId)).toBe(0n);

    setEnvForTests({ STRIPE_API_URL: stripe.standIn().url });
    expect((await deliverEvent("checkout.session.completed", session)).status).toBe(200);
    expect(await balance(userId)).toBe(10_000_000n);
    expect((await deliverEvent("charge.refunded", refunded)).status).toBe(200);
    expect(await balance(userId)).toBe(0n);
  }, 60_000);
});

describe("signatures are believed only near the present", () => {
  it("refuses signatures dated over five minutes ahead or ago; allows small skew", async () => {
    const userId = await stripe.makeUser();
    const now = Math.floor(Date.now() / 1000);
    for (const offset of [3600, 360, -360]) {
      const session = await pendingTopUp({ userId, amountCents: 1500 });
      const payload = JSON.stringify(stripeEvent("checkout.session.completed", session));
      const response = await deliver(payload, signPayload(payload, { timestamp: now + offset }));
      expect(response.status, `signed ${offset} s from now`).toBe(400);
      expectErrorBody(response.body, "invalid_value");
    }
    expect(await balance(userId)).toBe(0n);

    for (const offset of [240, -240]) {
      const session = await pendingTopUp({ userId, amountCents: 1000 });
      const payload = JSON.stringify(stripeEvent("checkout.session.completed", session));
      expect(
        (await deliver(payload, signPayload(payload, { timestamp: now + offset }))).status,
        `signed ${offset} s from now`,
      ).toBe(200);
    }
    expect(await balance(userId)).toBe(20_000_000n);
  });
});

describe("credits only what Stripe's own record of the session and our payments row agree on", () => {
  it("refuses a string amount_total, even one that matches, and credits the genuine event once", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 500 });
    const stringAmount = await deliverEvent("checkout.session.completed", { ...session, amount_total: "500" });
    expect(stringAmount.status).toBe(400);
    expectErrorBody(stringAmount.body, "invalid_value");
    expect(await balance(userId)).toBe(0n);

    expect(await deliverEvent("checkout.session.completed", session)).toEqual({
      status: 200,
      body: { received: true },
    });
    expect(await balance(userId)).toBe(5_000_000n);
  });

  it("credits nothing when the event's amount differs from the session Stripe returns", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 1500 });
    const logs = await logsOf(async () => {
      const inflated = await deliverEvent("checkout.session.completed", {
        ...session,
        amount_total: 150_000,
        amount_subtotal: 150_000,
      });
      expect(inflated.status).toBe(400);
      expectErrorBody(inflated.body, "invalid_value");
    });
    expect(await balance(userId)).toBe(0n);
    expect(
      logs.some(
        (line) =>
          line.level === "error" &&
          String(line.message).includes("stripe") &&
          JSON.stringify(line).includes(session.id),
      ),
    ).toBe(true);
    expect(
      stripe
        .standIn()
        .requests.some(
          (request) => request.method === "GET" && request.path.startsWith(`/v1/checkout/sessions/${session.id}`),
        ),
    ).toBe(true);
  });

  it("credits nothing when Stripe's session is for another amount than the one we created it for", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 1500 });
    const changed = { ...session, amount_subtotal: 2000, amount_total: 2000 };
    stripe.standIn().sessions.set(session.id, changed);
    expect((await deliverEvent("checkout.session.completed", changed)).status).toBe(400);
    expect(await balance(userId)).toBe(0n);
    const payment = await stripe
      .modules()
      .db()
      .payment.findUniqueOrThrow({ where: { stripeSessionId: session.id } });
    expect(payment).toMatchObject({ status: "pending", amountMicros: 15_000_000n });
  });

  it("credits nothing when the event says paid and Stripe says the session is not", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({
      userId,
      amountCents: 1500,
      paymentStatus: "unpaid",
      status: "open",
      paymentIntent: null,
    });
    const claimed = { ...session, payment_status: "paid", status: "complete" };
    expect((await deliverEvent("checkout.session.completed", claimed)).status).toBe(400);
    expect((await deliverEvent("checkout.session.async_payment_succeeded", claimed)).status).toBe(400);
    expect(await balance(userId)).toBe(0n);
  });

  it("never makes a payments row, or credits, from a session we did not create", async () => {
    const userId = await stripe.makeUser();
    const session = checkoutSession({ userId, amountCents: 1500 });
    stripe.standIn().sessions.set(session.id, session);
    for (const type of [
      "checkout.session.completed",
      "checkout.session.async_payment_succeeded",
      "checkout.session.expired",
      "checkout.session.async_payment_failed",
    ]) {
      expect((await deliverEvent(type, session)).status, type).toBe(200);
    }
    expect(await balance(userId)).toBe(0n);
    expect(
      await stripe
        .modules()
        .db()
        .payment.count({ where: { stripeSessionId: session.id } }),
    ).toBe(0);
  });
});

describe("malformed events: 400 and a log line, never a 500; unknown types: 200", () => {
  it("answers 400 to each malformed signed event, logs it without the signature, and books nothing", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 1500 });
    const event = stripeEvent("checkout.session.completed", session);
    const { id: _id, ...withoutId } = event;
    const { data: _data, ...withoutData } = event;
    const malformed: Record<string, string> = {
      "float amount": JSON.stringify({ ...event, data: { object: { ...session, amount_total: 1500.5 } } }),
      "amount of 1e15 cents": JSON.stringify({ ...event, data: { object: { ...session, amount_total: 1e15 } } }),
      "negative amount": JSON.stringify({ ...event, data: { object: { ...session, amount_total: -1500 } } }),
      "no id": JSON.stringify(withoutId),
      "no data": JSON.stringify(withoutData),
      "data without object": JSON.stringify({ ...event, data: {} }),
      "an array": JSON.stringify([event]),
      "not JSON": '{"id": "evt_1", ',
      "type not a string": JSON.stringify({ ...event, type: 42 }),
      "session without id": JSON.stringify({ ...event, data: { object: { ...session, id: undefined } } }),
    };
    for (const [name, payload] of Object.entries(malformed)) {
      const signature = signPayload(payload);
      let response: { status: number; body: unknown } | undefined;
      const logs = await logsOf(async () => {
        response = await deliver(payload, signature);
      });
      expect(response?.status, name).toBe(400);
      expectErrorBody(response?.body, name === "not JSON" ? "invalid_json" : "invalid_value");
      const logged = logs.find((line) => String(line.message).startsWith("stripe webhook"));
      expect(logged, `${name}: logged`).toMatchObject({ level: "warn" });
      expect(JSON.stringify(logs), name).not.toContain(signature.split("v1=")[1]);
      expect(JSON.stringify(logs), name).not.toContain(stripeWebhookSecret);
    }
    expect(await balance(userId)).toBe(0n);
    expect(
      await stripe
        .modules()
        .db()
        .payment.findUniqueOrThrow({ where: { stripeSessionId: session.id } }),
    ).toMatchObject({
      status: "pending",
      amountMicros: 15_000_000n,
    });
  });

  it("acknowledges an event type it does not handle whatever its object holds", async () => {
    const response = await deliverEvent("customer.subscription.updated", {
      id: "sub_1",
      object: "subscription",
      amount: "lots",
      items: null,
    });
    expect(response).toEqual({ status: 200, body: { received: true } });
  });

  it("answers 500, so that Stripe retries, when our database is down", async () => {
    const userId = await stripe.makeUser();
    const session = await pendingTopUp({ userId, amountCents: 1500 });
    const { payload, signature } = signedDelivery(stripeEvent("checkout.session.completed", session));
    const { disconnectDatabase } = await import("../../db/client");
    const databaseUrl = process.env.DATABASE_URL;
    await disconnectDatabase();
    setEnvForTests({ DATABASE_URL: "postgresql://postgres@127.0.0.1:9/nothing" });
    try {
      const response = await deliver(payload, signature);
      expect(response.status).toBe(500);
      expectErrorBody(response.body, "internal_error");
    } finally {
      await disconnectDatabase();
      setEnvForTests({ DATABASE_URL: databaseUrl });
    }
    expect((await deliver(payload, signature)).status).toBe(200);
    expect(await balance(userId)).toBe(15_000_000n);
  }, 30_000);
});

describe("refunds, disputes and unpaid endings: validated amounts, tied to our records", () => {
  async function creditedTopUp(userId: string, amountCents: number): Promise<SessionObject> {
    const session = await pendingTopUp({ userId, amountCents });
    expect((await deliverEvent("checkout.session.completed", session)).status).toBe(200);
    return session;
  }

  it("refuses refunds of a string, fractional, negative or huge amount, or above the charge", async () => {
    const userId = await stripe.makeUser();
    const session = await creditedTopUp(userId, 2000);
    const refund = charge({ paymentIntent: session.payment_intent ?? "", amountCents: 2000, amountRefundedCents: 500 });
    for (const amountRefunded of ["500", 500.5, -500, 1e15, 2500]) {
      const response = await deliverEvent("charge.refunded", { ...refund, amount_refunded: amountRefunded });
      expect(response.status, `amount_refunded ${amountRefunded}`).toBe(400);
    }
    expect((await deliverEvent("charge.refunded", { ...refund, id: undefined })).status).toBe(400);
    expect((await deliverEvent("charge.refunded", { ...refund, receipt_url: "javascript:alert(1)" })).status).toBe(400);
    expect(await balance(userId)).toBe(20_000_000n);
    expect((await deliverEvent("charge.refunded", refund)).status).toBe(200);
    expect(await balance(userId)).toBe(15_000_000n);
  });

  it("takes nothing for a refund in another currency than the top-up's", async () => {
    const userId = await stripe.makeUser();
    const session = await creditedTopUp(userId, 2000);
    const refund = {
      ...charge({ paymentIntent: session.payment_intent ?? "", amountCents: 2000, amountRefundedCents: 2000 }),
      currency: "jpy",
    };
    expect((await deliverEvent("charge.refunded", refund)).status).toBe(400);
    expect(await balance(userId)).toBe(20_000_000n);
  });

  it("refuses disputes without a charge or with a string, fractional or huge amount", async () => {
    const userId = await stripe.makeUser();
    const session = await creditedTopUp(userId, 3000);
    const chargeback = dispute({ charge: charge({ paymentIntent: session.payment_intent ?? "", amountCents: 3000 }) });
    for (const amount of ["3000", 3000.5, 1e15, -1]) {
      expect(
        (await deliverEvent("charge.dispute.funds_withdrawn", { ...chargeback, amount })).status,
        `amount ${amount}`,
      ).toBe(400);
    }
    expect((await deliverEvent("charge.dispute.funds_withdrawn", { ...chargeback, charge: null })).status).toBe(400);
    expect((await deliverEvent("charge.dispute.funds_withdrawn", { ...chargeback, id: 7 })).status).toBe(400);
    expect(await balance(userId)).toBe(30_000_000n);
    expect((await deliverEvent("charge.dispute.funds_withdrawn", chargeback)).status).toBe(200);
    expect(await balance(userId)).toBe(0n);
  });

  it("marks only our own pending rows failed or expired, from Stripe's record of the session", async () => {
    const userId = await stripe.makeUser();
    const open = await pendingTopUp({
      userId,
      amountCents: 1000,
      paymentStatus: "unpaid",
      status: "open",
      paymentIntent: null,
    });
    // Stripe still has the session open: an expiry it does not confirm changes nothing.
    expect((await deliverEvent("checkout.session.expired", { ...open, status: "expired" })).status).toBe(400);
    expect(
      await stripe
        .modules()
        .db()
        .payment.findUniqueOrThrow({ where: { stripeSessionId: open.id } }),
    ).toMatchObject({
      status: "pending",
    });
    const expired = { ...open, status: "expired" as const };
    stripe.standIn().sessions.set(open.id, expired);
    expect((await deliverEvent("checkout.session.expired", expired)).status).toBe(200);
    expect(
      await stripe
        .modules()
        .db()
        .payment.findUniqueOrThrow({ where: { stripeSessionId: open.id } }),
    ).toMatchObject({
      status: "expired",
    });
  });
});
