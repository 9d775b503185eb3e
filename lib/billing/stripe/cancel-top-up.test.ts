// cancelTopUp against the Stripe stand-in (the real client, POST /v1/checkout/sessions/:id/expire) and a real
// PostgreSQL: a cancelled Checkout is expired at Stripe and its row marked, once, and only the user's own.
import { describe, expect, it } from "vitest";
import { useStripeHarness } from "./test-harness";

const stripe = useStripeHarness("switchyard_unit_stripe_cancel", async () => ({
  checkout: await import("./create-checkout-session"),
  cancel: await import("./cancel-top-up"),
}));

async function startTopUp() {
  const user = await stripe
    .modules()
    .db()
    .user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
  const { sessionId } = await stripe.modules().checkout.createTopUpCheckout({
    userId: user.id,
    amountUsd: "25",
    origin: "http://127.0.0.1:3000",
  });
  const payment = await stripe
    .modules()
    .db()
    .payment.findUniqueOrThrow({ where: { stripeSessionId: sessionId } });
  return { userId: user.id, sessionId, paymentId: payment.id };
}

const statusOf = async (paymentId: string) =>
  (
    await stripe
      .modules()
      .db()
      .payment.findUniqueOrThrow({ where: { id: paymentId } })
  ).status;

describe("cancelling a top-up from Checkout's cancel URL", () => {
  it("names the payment in the cancel URL, expires the session at Stripe and marks the payment expired", async () => {
    const { userId, sessionId, paymentId } = await startTopUp();
    expect(stripe.standIn().sessions.get(sessionId)?.cancel_url).toBe(
      `http://127.0.0.1:3000/billing?topup=cancelled&payment=${paymentId}`,
    );

    expect(await stripe.modules().cancel.cancelTopUp({ userId, paymentId })).toBe("expired");
    const expire = stripe.standIn().requests.at(-1);
    expect(expire).toMatchObject({ method: "POST", path: `/v1/checkout/sessions/${sessionId}/expire` });
    expect(stripe.standIn().sessions.get(sessionId)).toMatchObject({ status: "expired", url: null });
    expect(await statusOf(paymentId)).toBe("expired");

    // Coming back on the same URL again asks Stripe nothing more.
    const asked = stripe.standIn().requests.length;
    expect(await stripe.modules().cancel.cancelTopUp({ userId, paymentId })).toBe("expired");
    expect(stripe.standIn().requests).toHaveLength(asked);
  });

  it("leaves a session the customer paid after all (Stripe refuses to expire it) to its own events", async () => {
    const { userId, sessionId, paymentId } = await startTopUp();
    stripe.standIn().paySession(sessionId);
    expect(await stripe.modules().cancel.cancelTopUp({ userId, paymentId })).toBe("not_open");
    expect(await statusOf(paymentId)).toBe("pending");
    expect(stripe.standIn().sessions.get(sessionId)?.status).toBe("complete");
  });

  it("does nothing for another user's payment or an id that is no payment", async () => {
    const { sessionId, paymentId } = await startTopUp();
    const stranger = await stripe
      .modules()
      .db()
      .user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
    expect(await stripe.modules().cancel.cancelTopUp({ userId: stranger.id, paymentId })).toBe("not_found");
    expect(await stripe.modules().cancel.cancelTopUp({ userId: stranger.id, paymentId: "nope" })).toBe("not_found");
    expect(stripe.standIn().sessions.get(sessionId)?.status).toBe("open");
    expect(await statusOf(paymentId)).toBe("pending");
  });
});
