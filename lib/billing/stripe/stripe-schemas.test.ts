// The shapes the webhook accepts: what each handled event must carry, with amounts as bounded integers.
import { describe, expect, it } from "vitest";
import { charge, checkoutSession, dispute, stripeEvent } from "../../../tests/support/stripe-stand-in";
import { GatewayError } from "../../gateway/errors";
import { MAX_STRIPE_AMOUNT, parseStripeEvent } from "./stripe-schemas";

const session = checkoutSession({ userId: "user_1", amountCents: 2500 });
const paid = charge({ paymentIntent: "pi_1", amountCents: 2500, amountRefundedCents: 500 });

function parse(type: string, object: unknown) {
  return parseStripeEvent(JSON.parse(JSON.stringify(stripeEvent(type, object))));
}

function refusedAt(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError && error.code === "invalid_value") return error.param;
    throw error;
  }
  throw new Error("not refused");
}

describe("parseStripeEvent", () => {
  it("reads a handled event, with expanded ids as their id", () => {
    const parsed = parse("checkout.session.completed", {
      ...session,
      payment_intent: { id: "pi_1", object: "payment_intent" },
    });
    expect(parsed).toMatchObject({
      kind: "handled",
      event: {
        type: "checkout.session.completed",
        data: { object: { id: session.id, amount_total: 2500, payment_intent: "pi_1" } },
      },
    });
  });

  it("takes amounts only as non-negative integers no larger than any Stripe amount", () => {
    for (const amount of ["2500", 2500.5, -1, 1e15, MAX_STRIPE_AMOUNT + 1, null]) {
      expect(
        refusedAt(() => parse("charge.refunded", { ...paid, amount_refunded: amount })),
        String(amount),
      ).toBe("data.object.amount_refunded");
    }
    for (const amount of ["2500", 2500.5, -1, 1e15]) {
      expect(refusedAt(() => parse("checkout.session.completed", { ...session, amount_total: amount }))).toBe(
        "data.object.amount_total",
      );
      expect(refusedAt(() => parse("charge.dispute.funds_withdrawn", { ...dispute({ charge: paid }), amount }))).toBe(
        "data.object.amount",
      );
    }
    const largest = { ...paid, amount: MAX_STRIPE_AMOUNT, amount_refunded: MAX_STRIPE_AMOUNT };
    expect(parse("charge.refunded", largest).kind).toBe("handled");
  });

  it("refuses a refund above its charge, a receipt that is not an https link, and objects without ids", () => {
    expect(refusedAt(() => parse("charge.refunded", { ...paid, amount_refunded: 2501 }))).toBe(
      "data.object.amount_refunded",
    );
    expect(refusedAt(() => parse("charge.refunded", { ...paid, receipt_url: "javascript:alert(1)" }))).toBe(
      "data.object.receipt_url",
    );
    expect(refusedAt(() => parse("charge.refunded", { ...paid, id: undefined }))).toBe("data.object.id");
    expect(
      refusedAt(() => parse("charge.dispute.funds_withdrawn", { ...dispute({ charge: paid }), charge: null })),
    ).toBe("data.object.charge");
    expect(refusedAt(() => parse("checkout.session.expired", { ...session, id: "cs_../../v1/charges" }))).toBe(
      "data.object.id",
    );
    expect(refusedAt(() => parse("checkout.session.completed", { ...paid }))).toBe("data.object.object");
  });

  it("ignores types it does not handle whatever their object holds, but not an event without id, type or data", () => {
    expect(parse("customer.updated", { id: "cus_1", balance: "lots" })).toEqual({
      kind: "ignored",
      id: expect.any(String),
      type: "customer.updated",
    });
    const event = stripeEvent("customer.updated", { id: "cus_1" });
    expect(refusedAt(() => parseStripeEvent({ ...event, id: undefined }))).toBe("id");
    expect(refusedAt(() => parseStripeEvent({ ...event, type: 7 }))).toBe("type");
    expect(refusedAt(() => parseStripeEvent({ ...event, data: undefined }))).toBe("data");
    expect(refusedAt(() => parseStripeEvent({ ...event, data: { object: "cus_1" } }))).toBe("data.object");
    expect(refusedAt(() => parseStripeEvent([event]))).toBe(null);
  });
});
