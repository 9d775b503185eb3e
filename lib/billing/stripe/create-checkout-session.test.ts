// createTopUpCheckout against the Stripe stand-in (the real client, its form encoding and STRIPE_API_URL wiring) and a
// real PostgreSQL: the session Stripe is asked for, the pending row, and the bounds of an amount.
import { describe, expect, it } from "vitest";
import { stripeSecretKey, stripeWebhookSecret } from "../../../tests/support/stripe-stand-in";
import { setEnvForTests } from "../../env";
import { useStripeHarness } from "./test-harness";

const stripe = useStripeHarness(
  "switchyard_unit_stripe_checkout",
  async () => ({ checkout: await import("./create-checkout-session"), client: await import("./client") }),
  { TOPUP_MIN_USD: undefined, TOPUP_MAX_USD: undefined },
);

describe("createTopUpCheckout", () => {
  it("asks Stripe for a one-off payment of exactly the amount, and records it pending without crediting", async () => {
    const userId = await stripe.makeUser();
    const result = await stripe.modules().checkout.createTopUpCheckout({
      userId,
      email: "ada@example.com",
      amountUsd: "19.99",
      origin: "https://switchyard.example/",
    });

    expect(result.sessionId).toMatch(/^cs_test_/);
    expect(result.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(stripe.standIn().requests).toHaveLength(1);
    const [request] = stripe.standIn().requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/checkout/sessions");
    expect(request.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const { expires_at: expiresAt, ...form } = request.form;
    expect(Number(expiresAt) - Date.now() / 1000).toBeGreaterThan(59 * 60);
    expect(Number(expiresAt) - Date.now() / 1000).toBeLessThanOrEqual(60 * 60);
    const payment = await stripe
      .modules()
      .db()
      .payment.findUniqueOrThrow({ where: { stripeSessionId: result.sessionId } });
    expect(form).toEqual({
      mode: "payment",
      line_items: [
        {
          quantity: "1",
          price_data: { currency: "usd", unit_amount: "1999", product_data: { name: "Switchyard credits" } },
        },
      ],
      client_reference_id: userId,
      metadata: { userId, purpose: "switchyard_topup" },
      payment_intent_data: { metadata: { userId, purpose: "switchyard_topup" } },
      customer_email: "ada@example.com",
      success_url: "https://switchyard.example/billing?topup=success&session_id={CHECKOUT_SESSION_ID}",
      cancel_url: `https://switchyard.example/billing?topup=cancelled&payment=${payment.id}`,
    });

    expect(payment).toMatchObject({
      userId,
      amountMicros: 19_990_000n,
      refundedMicros: 0n,
      status: "pending",
      stripePaymentIntentId: null,
    });
    const user = await stripe
      .modules()
      .db()
      .user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.balanceMicros).toBe(0n);
    expect(await stripe.modules().db().ledgerEntry.count({ where: { userId } })).toBe(0);
  });

  it("accepts the bounds themselves and amounts given as numbers, leaving out an unknown email", async () => {
    const userId = await stripe.makeUser();
    for (const amountUsd of ["5", "1000", "1000.00", 12.5, 42]) {
      await stripe
        .modules()
        .checkout.createTopUpCheckout({ userId, email: null, amountUsd, origin: "http://127.0.0.1:3000" });
    }
    expect(
      stripe
        .standIn()
        .requests.map(
          (request) =>
            (request.form.line_items as Array<{ price_data: { unit_amount: string } }>)[0].price_data.unit_amount,
        ),
    ).toEqual(["500", "100000", "100000", "1250", "4200"]);
    expect(stripe.standIn().requests.every((request) => request.form.customer_email === undefined)).toBe(true);
    const payments = await stripe
      .modules()
      .db()
      .payment.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    expect(payments.map((payment) => payment.amountMicros)).toEqual([
      5_000_000n,
      1_000_000_000n,
      1_000_000_000n,
      12_500_000n,
      42_000_000n,
    ]);
  });

  it("refuses amounts outside the bounds or finer than a cent, before asking Stripe", async () => {
    const userId = await stripe.makeUser();
    const refused: Array<[string | number, RegExp]> = [
      ["4.99", /between \$5\.00 and \$1,000\.00; \$4\.99 is not/],
      ["1000.01", /between \$5\.00 and \$1,000\.00; \$1,000\.01 is not/],
      // Too many dollars is out of bounds, not a question of decimals.
      ["99999999999999999999", /between \$5\.00 and \$1,000\.00; that amount is not/],
      [0, /between/],
      ["10.005", /whole cents/],
      [19.999, /whole cents/],
      [0.1 + 0.2, /whole cents/],
      ["-10", /whole cents/],
      ["ten", /whole cents/],
      ["", /whole cents/],
      [Number.NaN, /whole cents/],
      [1e21, /whole cents/],
    ];
    for (const [amountUsd, message] of refused) {
      await expect(
        stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd, origin: "http://127.0.0.1:3000" }),
        String(amountUsd),
      ).rejects.toMatchObject({
        code: "invalid_value",
        status: 400,
        param: "amount",
        message: expect.stringMatching(message),
      });
    }
    expect(stripe.standIn().requests).toHaveLength(0);
    expect(await stripe.modules().db().payment.count({ where: { userId } })).toBe(0);
  });

  it("follows TOPUP_MIN_USD and TOPUP_MAX_USD", async () => {
    setEnvForTests({ TOPUP_MIN_USD: "20", TOPUP_MAX_USD: "50.5" });
    const userId = await stripe.makeUser();
    await expect(
      stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd: "19.99", origin: "http://127.0.0.1:3000" }),
    ).rejects.toThrow(/\$20\.00 and \$50\.50/);
    await expect(
      stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd: "50.51", origin: "http://127.0.0.1:3000" }),
    ).rejects.toThrow(/\$20\.00 and \$50\.50/);
    await stripe
      .modules()
      .checkout.createTopUpCheckout({ userId, amountUsd: "50.50", origin: "http://127.0.0.1:3000" });
    expect(stripe.standIn().requests).toHaveLength(1);
  });

  it("refuses an origin that is not http(s)", async () => {
    const userId = await stripe.makeUser();
    await expect(
      stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd: "10", origin: "javascript:alert(1)" }),
    ).rejects.toMatchObject({ param: "origin" });
    await expect(
      stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd: "10", origin: "billing" }),
    ).rejects.toMatchObject({ param: "origin" });
  });

  it("says Stripe is not configured without a secret key", async () => {
    setEnvForTests({ STRIPE_SECRET_KEY: undefined });
    expect(stripe.modules().client.stripeClient()).toBeUndefined();
    expect(stripe.modules().client.isStripeConfigured()).toBe(false);
    const userId = await stripe.makeUser();
    await expect(
      stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd: "10", origin: "http://127.0.0.1:3000" }),
    ).rejects.toMatchObject({ code: "not_implemented" });
    setEnvForTests({ STRIPE_SECRET_KEY: stripeSecretKey, STRIPE_WEBHOOK_SECRET: undefined });
    expect(stripe.modules().client.isStripeConfigured()).toBe(false);
    setEnvForTests({ STRIPE_WEBHOOK_SECRET: stripeWebhookSecret });
    expect(stripe.modules().client.isStripeConfigured()).toBe(true);
  });

  it("surfaces Stripe's refusal (a wrong key) as an error and records nothing", async () => {
    setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_wrong" });
    const userId = await stripe.makeUser();
    await expect(
      stripe.modules().checkout.createTopUpCheckout({ userId, amountUsd: "10", origin: "http://127.0.0.1:3000" }),
    ).rejects.toThrow(/Invalid API Key/);
    expect(await stripe.modules().db().payment.count({ where: { userId } })).toBe(0);
  });
});

describe("stripeHostOptions", () => {
  it("turns STRIPE_API_URL into the host, port and protocol the client takes", () => {
    expect(stripe.modules().client.stripeHostOptions("http://127.0.0.1:4010")).toEqual({
      host: "127.0.0.1",
      port: "4010",
      protocol: "http",
    });
    expect(stripe.modules().client.stripeHostOptions("https://api.stripe.com")).toEqual({
      host: "api.stripe.com",
      port: 443,
      protocol: "https",
    });
    expect(() => stripe.modules().client.stripeHostOptions("ftp://example.com")).toThrow(/http/);
  });
});
