// Against a real PostgreSQL: Stripe events in any order and any number of times book each top-up exactly once.
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { charge, checkoutSession, stripeEvent, type SessionObject } from "../../../tests/support/stripe-stand-in";
import { createTestDatabase } from "../../db/testing";
import type { StripeLookups } from "./stripe-lookups";

let modules: {
  db: typeof import("../../db/client").db;
  events: typeof import("./handle-event");
};

const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 100)) * 10_000n;

async function makeUser(): Promise<string> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
  return user.id;
}

function asEvent(type: string, object: unknown): Stripe.Event {
  return stripeEvent(type, object) as unknown as Stripe.Event;
}

function handle(type: string, object: unknown, lookups?: StripeLookups) {
  return modules.events.handleStripeEvent(asEvent(type, object), { prisma: modules.db(), lookups });
}

async function account(userId: string) {
  const database = modules.db();
  const user = await database.user.findUniqueOrThrow({ where: { id: userId } });
  const ledger = await database.ledgerEntry.findMany({ where: { userId }, orderBy: { id: "asc" } });
  const payments = await database.payment.findMany({ where: { userId } });
  return {
    balance: user.balanceMicros,
    ledger: ledger.map((entry) => ({ kind: entry.kind, amount: entry.amountMicros, key: entry.idempotencyKey })),
    payments,
  };
}

/** Stripe's API as the webhook sees it, answering from the sessions given. */
function lookupsOf(sessions: SessionObject[], receiptUrl?: string): StripeLookups & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async findSessionByPaymentIntent(paymentIntentId) {
      calls.push(`session:${paymentIntentId}`);
      return sessions.find((session) => session.payment_intent === paymentIntentId) as unknown as Stripe.Checkout.Session | undefined;
    },
    async findReceiptUrl(paymentIntentId) {
      calls.push(`receipt:${paymentIntentId}`);
      return receiptUrl;
    },
  };
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_stripe");
  modules = { db: (await import("../../db/client")).db, events: await import("./handle-event") };
});

describe("crediting a top-up", () => {
  it("credits a paid session once however often the event comes, and keeps its receipt", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 2500 });
    const lookups = lookupsOf([], "https://pay.stripe.com/receipts/payment/test");
    const completed = asEvent("checkout.session.completed", session);
    expect(await modules.events.handleStripeEvent(completed, { prisma: modules.db(), lookups })).toBe("credited");
    expect(await modules.events.handleStripeEvent(completed, { prisma: modules.db(), lookups })).toBe("already_credited");

    const { balance, ledger, payments } = await account(userId);
    expect(balance).toBe(usd(25));
    expect(ledger).toEqual([{ kind: "topup", amount: usd(25), key: `stripe:topup:${session.id}` }]);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      stripeSessionId: session.id,
      stripePaymentIntentId: session.payment_intent,
      amountMicros: usd(25),
      refundedMicros: 0n,
      status: "paid",
      receiptUrl: "https://pay.stripe.com/receipts/payment/test",
    });
  });

  it("credits the pending row createTopUpCheckout made, not a second one", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 1000 });
    await modules.db().payment.create({ data: { userId, stripeSessionId: session.id, amountMicros: usd(10), status: "pending" } });
    expect(await handle("checkout.session.completed", session)).toBe("credited");
    const { balance, payments } = await account(userId);
    expect(balance).toBe(usd(10));
    expect(payments.map((payment) => payment.status)).toEqual(["paid"]);
  });

  it("waits for a delayed payment: completed unpaid credits nothing, async_payment_succeeded credits once", async () => {
    const userId = await makeUser();
    const unpaid = checkoutSession({ userId, amountCents: 5000, paymentStatus: "unpaid" });
    expect(await handle("checkout.session.completed", unpaid)).toBe("awaiting_payment");
    let state = await account(userId);
    expect(state.balance).toBe(0n);
    expect(state.payments[0]).toMatchObject({ status: "pending", amountMicros: usd(50) });

    const succeeded = { ...unpaid, payment_status: "paid" };
    expect(await handle("checkout.session.async_payment_succeeded", succeeded)).toBe("credited");
    expect(await handle("checkout.session.async_payment_succeeded", succeeded)).toBe("already_credited");
    state = await account(userId);
    expect(state.balance).toBe(usd(50));
    expect(state.ledger).toHaveLength(1);
    expect(state.payments[0].status).toBe("paid");
  });

  it("credits once when completed (paid) and async_payment_succeeded both come, even at the same moment", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 1234 });
    const outcomes = await Promise.all([
      handle("checkout.session.completed", session),
      handle("checkout.session.async_payment_succeeded", session),
      handle("checkout.session.completed", session),
      handle("checkout.session.async_payment_succeeded", session),
    ]);
    expect(outcomes.filter((outcome) => outcome === "credited")).toHaveLength(1);
    const { balance, ledger } = await account(userId);
    expect(balance).toBe(usd(12.34));
    expect(ledger).toHaveLength(1);
  });

  it("credits once when async_payment_succeeded comes before completed", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 700 });
    expect(await handle("checkout.session.async_payment_succeeded", session)).toBe("credited");
    expect(await handle("checkout.session.completed", { ...session, payment_status: "unpaid" })).toBe("already_credited");
    expect(await handle("checkout.session.completed", session)).toBe("already_credited");
    const { balance, ledger, payments } = await account(userId);
    expect(balance).toBe(usd(7));
    expect(ledger).toHaveLength(1);
    expect(payments[0].status).toBe("paid");
  });

  it("takes the user from client_reference_id when the metadata lacks it", async () => {
    const userId = await makeUser();
    const session = { ...checkoutSession({ userId, amountCents: 600 }), metadata: { purpose: "switchyard_topup" } };
    expect(await handle("checkout.session.completed", session)).toBe("credited");
    expect((await account(userId)).balance).toBe(usd(6));
  });

  it("leaves sessions it did not make alone: no row, no credit", async () => {
    const userId = await makeUser();
    const foreign = checkoutSession({ userId, amountCents: 900, metadata: {} });
    expect(await handle("checkout.session.completed", foreign)).toBe("not_a_top_up");
    const unknownUser = checkoutSession({ userId: "no-such-user", amountCents: 900 });
    expect(await handle("checkout.session.completed", unknownUser)).toBe("not_a_top_up");
    const { balance, payments } = await account(userId);
    expect(balance).toBe(0n);
    expect(payments).toEqual([]);
    expect(await modules.db().payment.count({ where: { stripeSessionId: { in: [foreign.id, unknownUser.id] } } })).toBe(0);
  });
});

describe("sessions that end unpaid", () => {
  it("marks a failed delayed payment failed and an expired session expired, crediting nothing", async () => {
    const userId = await makeUser();
    const delayed = checkoutSession({ userId, amountCents: 2000, paymentStatus: "unpaid" });
    await handle("checkout.session.completed", delayed);
    expect(await handle("checkout.session.async_payment_failed", delayed)).toBe("marked_failed");
    const abandoned = checkoutSession({ userId, amountCents: 3000, paymentStatus: "unpaid", status: "expired", paymentIntent: null });
    await modules.db().payment.create({ data: { userId, stripeSessionId: abandoned.id, amountMicros: usd(30), status: "pending" } });
    expect(await handle("checkout.session.expired", abandoned)).toBe("marked_expired");
    const { balance, payments } = await account(userId);
    expect(balance).toBe(0n);
    expect(Object.fromEntries(payments.map((payment) => [payment.stripeSessionId, payment.status]))).toEqual({
      [delayed.id]: "failed",
      [abandoned.id]: "expired",
    });
  });

  it("never turns a credited payment into failed or expired", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 800 });
    await handle("checkout.session.completed", session);
    expect(await handle("checkout.session.async_payment_failed", session)).toBe("unchanged");
    expect(await handle("checkout.session.expired", session)).toBe("unchanged");
    const { balance, payments } = await account(userId);
    expect(balance).toBe(usd(8));
    expect(payments[0].status).toBe("paid");
  });

  it("acknowledges event types it does not handle", async () => {
    expect(await handle("customer.created", { id: "cus_1", object: "customer" })).toBe("ignored");
    expect(await handle("payment_intent.succeeded", { id: "pi_1", object: "payment_intent" })).toBe("ignored");
  });
});

describe("refunds", () => {
  it("takes a partial then a full refund, each increase once, never going back on an older event", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 2000 });
    await handle("checkout.session.completed", session);
    const paymentIntent = session.payment_intent ?? "";
    const chargeId = "ch_refund_twice";
    const partial = charge({ id: chargeId, paymentIntent, amountCents: 2000, amountRefundedCents: 500 });
    const full = charge({ id: chargeId, paymentIntent, amountCents: 2000, amountRefundedCents: 2000 });

    expect(await handle("charge.refunded", partial)).toBe("refunded");
    expect(await handle("charge.refunded", partial)).toBe("refund_already_taken");
    let state = await account(userId);
    expect(state.balance).toBe(usd(15));
    expect(state.payments[0]).toMatchObject({ status: "partially_refunded", refundedMicros: usd(5), receiptUrl: partial.receipt_url });

    expect(await handle("charge.refunded", full)).toBe("refunded");
    expect(await handle("charge.refunded", partial)).toBe("refund_already_taken");
    expect(await handle("charge.refunded", full)).toBe("refund_already_taken");
    state = await account(userId);
    expect(state.balance).toBe(0n);
    expect(state.payments[0]).toMatchObject({ status: "refunded", refundedMicros: usd(20) });
    expect(state.ledger).toEqual([
      { kind: "topup", amount: usd(20), key: `stripe:topup:${session.id}` },
      { kind: "refund", amount: -usd(5), key: `stripe:refund:${paymentIntent}:500` },
      { kind: "refund", amount: -usd(15), key: `stripe:refund:${paymentIntent}:2000` },
    ]);
  });

  it("takes back a refund of credit already spent, leaving a debt, but never more than the top-up added", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 1000 });
    await handle("checkout.session.completed", session);
    await modules.db().user.update({ where: { id: userId }, data: { balanceMicros: { decrement: usd(8) } } });
    // A charge reporting more refunded than the session's amount (never seen from Stripe) takes at most the top-up.
    await handle("charge.refunded", charge({ paymentIntent: session.payment_intent ?? "", amountCents: 1500, amountRefundedCents: 1500 }));
    const { balance, payments } = await account(userId);
    expect(balance).toBe(-usd(8));
    expect(payments[0]).toMatchObject({ status: "refunded", refundedMicros: usd(10) });
  });

  it("handles a refund that comes before any event of its session by asking Stripe for the session", async () => {
    const userId = await makeUser();
    const session = checkoutSession({ userId, amountCents: 1000 });
    const lookups = lookupsOf([session]);
    const refunded = charge({ paymentIntent: session.payment_intent ?? "", amountCents: 1000, amountRefundedCents: 300 });
    expect(await handle("charge.refunded", refunded, lookups)).toBe("refunded");
    expect(lookups.calls).toContain(`session:${session.payment_intent}`);
    expect(await handle("checkout.session.completed", session, lookups)).toBe("already_credited");
    expect(await handle("charge.refunded", refunded, lookups)).toBe("refund_already_taken");
    const { balance, ledger, payments } = await account(userId);
    expect(balance).toBe(usd(7));
    expect(ledger.map((entry) => entry.amount)).toEqual([usd(10), -usd(3)]);
    expect(payments[0]).toMatchObject({ status: "partially_refunded", refundedMicros: usd(3), stripePaymentIntentId: session.payment_intent });
  });

  it("remembers a refund of a payment not credited yet, and takes it only when the credit lands", async () => {
    const userId = await makeUser();
    const delayed = checkoutSession({ userId, amountCents: 1000, paymentStatus: "unpaid" });
    await handle("checkout.session.completed", delayed);
    const refunded = charge({ paymentIntent: delayed.payment_intent ?? "", amountCents: 1000, amountRefundedCents: 300 });
    expect(await handle("charge.refunded", refunded)).toBe("refund_remembered");
    let state = await account(userId);
    // Money never added is never taken: no negative balance from this top-up.
    expect(state.balance).toBe(0n);
    expect(state.payments[0]).toMatchObject({ status: "pending", refundedMicros: usd(3) });

    expect(await handle("checkout.session.async_payment_succeeded", { ...delayed, payment_status: "paid" })).toBe("credited");
    expect(await handle("charge.refunded", refunded)).toBe("refund_already_taken");
    state = await account(userId);
    expect(state.balance).toBe(usd(7));
    expect(state.payments[0]).toMatchObject({ status: "partially_refunded", refundedMicros: usd(3) });
    expect(state.ledger.map((entry) => [entry.kind, entry.amount, entry.key])).toEqual([
      ["topup", usd(10), `stripe:topup:${delayed.id}`],
      ["refund", -usd(3), `stripe:refund:${delayed.payment_intent}:300`],
    ]);
  });

  it("ignores refunds of charges no top-up made, and fails (so Stripe retries) when it cannot tell", async () => {
    const stranger = charge({ paymentIntent: "pi_not_a_top_up", amountCents: 1000, amountRefundedCents: 1000 });
    expect(await handle("charge.refunded", stranger, lookupsOf([]))).toBe("not_a_top_up");
    expect(await handle("charge.refunded", { ...stranger, payment_intent: null })).toBe("not_a_top_up");
    await expect(handle("charge.refunded", stranger)).rejects.toThrow(/no top-up is linked/);
  });
});
