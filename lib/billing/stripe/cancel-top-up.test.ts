// cancelTopUp against the Stripe stand-in (the real client, POST /v1/checkout/sessions/:id/expire) and a real
// PostgreSQL: a cancelled Checkout is expired at Stripe and its row marked, once, and only the user's own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startStripeStandIn,
  stripeSecretKey,
  stripeWebhookSecret,
  type StripeStandIn,
} from "../../../tests/support/stripe-stand-in";
import { createTestDatabase } from "../../db/testing";
import { setEnvForTests } from "../../env";

let standIn: StripeStandIn;
let modules: {
  db: typeof import("../../db/client").db;
  checkout: typeof import("./create-checkout-session");
  cancel: typeof import("./cancel-top-up");
};

async function startTopUp() {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
  const { sessionId } = await modules.checkout.createTopUpCheckout({
    userId: user.id,
    amountUsd: "25",
    origin: "http://127.0.0.1:3000",
  });
  const payment = await modules.db().payment.findUniqueOrThrow({ where: { stripeSessionId: sessionId } });
  return { userId: user.id, sessionId, paymentId: payment.id };
}

const statusOf = async (paymentId: string) =>
  (await modules.db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_stripe_cancel");
  modules = {
    db: (await import("../../db/client")).db,
    checkout: await import("./create-checkout-session"),
    cancel: await import("./cancel-top-up"),
  };
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.reset();
  setEnvForTests({
    STRIPE_SECRET_KEY: stripeSecretKey,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    STRIPE_API_URL: standIn.url,
  });
});

describe("cancelling a top-up from Checkout's cancel URL", () => {
  it("names the payment in the cancel URL, expires the session at Stripe and marks the payment expired", async () => {
    const { userId, sessionId, paymentId } = await startTopUp();
    expect(standIn.sessions.get(sessionId)?.cancel_url).toBe(
      `http://127.0.0.1:3000/billing?topup=cancelled&payment=${paymentId}`,
    );

    expect(await modules.cancel.cancelTopUp({ userId, paymentId })).toBe("expired");
    const expire = standIn.requests.at(-1);
    expect(expire).toMatchObject({ method: "POST", path: `/v1/checkout/sessions/${sessionId}/expire` });
    expect(standIn.sessions.get(sessionId)).toMatchObject({ status: "expired", url: null });
    expect(await statusOf(paymentId)).toBe("expired");

    // Coming back on the same URL again asks Stripe nothing more.
    const asked = standIn.requests.length;
    expect(await modules.cancel.cancelTopUp({ userId, paymentId })).toBe("expired");
    expect(standIn.requests).toHaveLength(asked);
  });

  it("leaves a session the customer paid after all (Stripe refuses to expire it) to its own events", async () => {
    const { userId, sessionId, paymentId } = await startTopUp();
    standIn.paySession(sessionId);
    expect(await modules.cancel.cancelTopUp({ userId, paymentId })).toBe("not_open");
    expect(await statusOf(paymentId)).toBe("pending");
    expect(standIn.sessions.get(sessionId)?.status).toBe("complete");
  });

  it("does nothing for another user's payment or an id that is no payment", async () => {
    const { sessionId, paymentId } = await startTopUp();
    const stranger = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
    expect(await modules.cancel.cancelTopUp({ userId: stranger.id, paymentId })).toBe("not_found");
    expect(await modules.cancel.cancelTopUp({ userId: stranger.id, paymentId: "nope" })).toBe("not_found");
    expect(standIn.sessions.get(sessionId)?.status).toBe("open");
    expect(await statusOf(paymentId)).toBe("pending");
  });
});
