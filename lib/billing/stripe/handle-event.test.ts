// Against a real PostgreSQL: Stripe events in any order and any number of times book each top-up exactly once, from
// Stripe's record of the session (a fake of Stripe's API here) and our payments row, never from the event alone.
import { beforeAll, describe, expect, it } from "vitest";
import {
  charge,
  checkoutSession,
  stripeEvent,
  type SessionObject,
  type SessionOptions,
} from "../../../tests/support/stripe-stand-in";
import { createTestDatabase } from "../../db/testing";
import type { StripeLookups } from "./stripe-lookups";

let modules: {
  db: typeof import("../../db/client").db;
  events: typeof import("./handle-event");
  schemas: typeof import("./stripe-schemas");
  refusal: typeof import("./refused-stripe-event");
};

const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 100)) * 10_000n;

async function makeUser(): Promise<string> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
  return user.id;
}

/** Stripe's API as the webhook sees it: the sessions it holds, and every call made to it. */
class FakeStripe implements StripeLookups {
  readonly sessions = new Map<string, SessionObject>();
  readonly calls: string[] = [];
  unreachable = false;

  constructor(private readonly receiptUrl?: string) {}

  put(session: SessionObject): SessionObject {
    this.sessions.set(session.id, session);
    return session;
  }

  private answer<T>(call: string, value: T): Promise<T> {
    this.calls.push(call);
    return this.unreachable ? Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9")) : Promise.resolve(value);
  }

  retrieveSession(sessionId: string) {
    return this.answer(`retrieve:${sessionId}`, this.sessions.get(sessionId));
  }

  findSessionByPaymentIntent(paymentIntentId: string) {
    const session = [...this.sessions.values()].find((candidate) => candidate.payment_intent === paymentIntentId);
    return this.answer(`session:${paymentIntentId}`, session);
  }

  findReceiptUrl(paymentIntentId: string) {
    return this.answer(`receipt:${paymentIntentId}`, this.receiptUrl);
  }
}

let stripe = new FakeStripe();

/** A top-up as createTopUpCheckout leaves it: the session in Stripe and our pending payments row for it. */
async function topUp(options: SessionOptions): Promise<SessionObject> {
  const session = stripe.put(checkoutSession(options));
  await modules.db().payment.create({
    data: {
      userId: options.userId,
      stripeSessionId: session.id,
      amountMicros: BigInt(options.amountCents) * 10_000n,
      status: "pending",
    },
  });
  return session;
}

function handle(type: string, object: unknown, lookups: StripeLookups = stripe) {
  const parsed = modules.schemas.parseStripeEvent(JSON.parse(JSON.stringify(stripeEvent(type, object))));
  return modules.events.handleStripeEvent(parsed, { prisma: modules.db(), lookups });
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

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_stripe");
  modules = {
    db: (await import("../../db/client")).db,
    events: await import("./handle-event"),
    schemas: await import("./stripe-schemas"),
    refusal: await import("./refused-stripe-event"),
  };
});

describe("crediting a top-up", () => {
  it("credits a paid session once however often the event comes, and keeps its receipt", async () => {
    stripe = new FakeStripe("https://pay.stripe.com/receipts/payment/test");
    const userId = await makeUser();
    const session = await topUp({ userId, amountCents: 2500 });
    expect(await handle("checkout.session.completed", session)).toBe("credited");
    expect(await handle("checkout.session.completed", session)).toBe("already_credited");
    expect(stripe.calls).toContain(`retrieve:${session.id}`);

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
    stripe = new FakeStripe();
  });

  it("goes by Stripe's record: an event sent before the payment cleared credits once Stripe says paid", async () => {
    const userId = await makeUser();
    const unpaid = await topUp({ userId, amountCents: 1000, paymentStatus: "unpaid" });
    stripe.put({ ...unpaid, payment_status: "paid" });
    expect(await handle("checkout.session.completed", unpaid)).toBe("credited");
    expect((await account(userId)).balance).toBe(usd(10));
  });

  it("waits for a delayed payment: completed unpaid credits nothing, async_payment_succeeded credits once", async () => {
    const userId = await makeUser();
    const unpaid = await topUp({ userId, amountCents: 5000, paymentStatus: "unpaid" });
    expect(await handle("checkout.session.completed", unpaid)).toBe("awaiting_payment");
    let state = await account(userId);
    expect(state.balance).toBe(0n);
    expect(state.payments[0]).toMatchObject({ status: "pending", amountMicros: usd(50) });

    const succeeded = stripe.put({ ...unpaid, payment_status: "paid" });
    expect(await handle("checkout.session.async_payment_succeeded", succeeded)).toBe("credited");
    expect(await handle("checkout.session.async_payment_succeeded", succeeded)).toBe("already_credited");
    state = await account(userId);
    expect(state.balance).toBe(usd(50));
    expect(state.ledger).toHaveLength(1);
    expect(state.payments[0].status).toBe("paid");
  });

  it("credits once when completed (paid) and async_payment_succeeded both come, even at the same moment", async () => {
    const userId = await makeUser();
    const session = await topUp({ userId, amountCents: 1234 });
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
    const session = await topUp({ userId, amountCents: 700 });
    expect(await handle("checkout.session.async_payment_succeeded", session)).toBe("credited");
    expect(await handle("checkout.session.completed", { ...session, payment_status: "unpaid" })).toBe(
      "already_credited",
    );
    expect(await handle("checkout.session.completed", session)).toBe("already_credited");
    const { balance, ledger, payments } = await account(userId);
    expect(balance).toBe(usd(7));
    expect(ledger).toHaveLength(1);
    expect(payments[0].status).toBe("paid");
  });

  it("credits the user of our payments row, whatever the session's metadata says", async () => {
    const userId = await makeUser();
    const other = await makeUser();
    const session = await topUp({ userId, amountCents: 600 });
    stripe.put({ ...session, metadata: { userId: other, purpose: "switchyard_topup" }, client_reference_id: other });
    expect(await handle("checkout.session.completed", session)).toBe("credited");
    expect((await account(userId)).balance).toBe(usd(6));
    expect((await account(other)).balance).toBe(0n);
  });

  it("leaves sessions without a payments row of ours alone: no row, no credit, no call to Stripe", async () => {
    const userId = await makeUser();
    const foreign = stripe.put(checkoutSession({ userId, amountCents: 900, metadata: {} }));
    const unrecorded = stripe.put(checkoutSession({ userId, amountCents: 900 }));
    stripe.calls.length = 0;
    expect(await handle("checkout.session.completed", foreign)).toBe("not_a_top_up");
    expect(await handle("checkout.session.completed", unrecorded)).toBe("not_a_top_up");
    expect(await handle("checkout.session.async_payment_succeeded", unrecorded)).toBe("not_a_top_up");
    expect(stripe.calls).toEqual([]);
    const { balance, payments } = await account(userId);
    expect(balance).toBe(0n);
    expect(payments).toEqual([]);
  });
});

describe("refusing what Stripe's record or our row contradicts", () => {
  async function expectRefused(promise: Promise<unknown>, message: RegExp): Promise<void> {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(modules.refusal.StripeEventRefused);
    expect(String((error as Error).message)).toMatch(message);
  }

  it("refuses an event whose amount, currency or payment intent differ from Stripe's record", async () => {
    const userId = await makeUser();
    const session = await topUp({ userId, amountCents: 1500 });
    await expectRefused(handle("checkout.session.completed", { ...session, amount_total: 150_000 }), /amount_total/);
    await expectRefused(handle("checkout.session.completed", { ...session, currency: "eur" }), /currency/);
    await expectRefused(
      handle("checkout.session.completed", { ...session, payment_intent: "pi_someone_else" }),
      /payment_intent/,
    );
    expect((await account(userId)).balance).toBe(0n);
  });

  it("refuses a session Stripe charged another amount or currency for than our row was made for", async () => {
    const userId = await makeUser();
    const dearer = await topUp({ userId, amountCents: 1500 });
    await expectRefused(
      handle("checkout.session.completed", stripe.put({ ...dearer, amount_total: 2000 })),
      /\$15\.00/,
    );
    const euros = await topUp({ userId, amountCents: 1500 });
    await expectRefused(
      handle("checkout.session.completed", stripe.put({ ...euros, currency: "eur" })),
      /not a USD payment/,
    );
    const { balance, payments } = await account(userId);
    expect(balance).toBe(0n);
    expect(payments.map((payment) => [payment.status, payment.amountMicros])).toEqual([
      ["pending", usd(15)],
      ["pending", usd(15)],
    ]);
  });

  it("refuses a payment Stripe does not confirm, and a session Stripe does not know", async () => {
    const userId = await makeUser();
    const open = await topUp({
      userId,
      amountCents: 1500,
      paymentStatus: "unpaid",
      status: "open",
      paymentIntent: null,
    });
    await expectRefused(handle("checkout.session.completed", { ...open, payment_status: "paid" }), /is paid/);
    await expectRefused(handle("checkout.session.async_payment_succeeded", open), /is paid/);
    stripe.sessions.delete(open.id);
    await expectRefused(handle("checkout.session.completed", open), /Stripe has no Checkout Session/);
    expect((await account(userId)).balance).toBe(0n);
  });

  it("fails with Stripe's own error, not a refusal, when Stripe cannot be asked (a 500)", async () => {
    const userId = await makeUser();
    const session = await topUp({ userId, amountCents: 1500 });
    stripe.unreachable = true;
    try {
      await expect(handle("checkout.session.completed", session)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      stripe.unreachable = false;
    }
    expect(await handle("checkout.session.completed", session)).toBe("credited");
  });
});

describe("sessions that end unpaid", () => {
  it("marks a failed delayed payment failed and an expired session expired, crediting nothing", async () => {
    const userId = await makeUser();
    const delayed = await topUp({ userId, amountCents: 2000, paymentStatus: "unpaid" });
    await handle("checkout.session.completed", delayed);
    expect(await handle("checkout.session.async_payment_failed", delayed)).toBe("marked_failed");
    const abandoned = await topUp({
      userId,
      amountCents: 3000,
      paymentStatus: "unpaid",
      status: "expired",
      paymentIntent: null,
    });
    expect(await handle("checkout.session.expired", abandoned)).toBe("marked_expired");
    const { balance, payments } = await account(userId);
    expect(balance).toBe(0n);
    expect(Object.fromEntries(payments.map((payment) => [payment.stripeSessionId, payment.status]))).toEqual({
      [delayed.id]: "failed",
      [abandoned.id]: "expired",
    });
  });

  it("never turns a credited payment into failed or expired: Stripe says paid, so it is refused", async () => {
    const userId = await makeUser();
    const session = await topUp({ userId, amountCents: 800 });
    await handle("checkout.session.completed", session);
    await expect(handle("checkout.session.async_payment_failed", session)).rejects.toBeInstanceOf(
      modules.refusal.StripeEventRefused,
    );
    await expect(handle("checkout.session.expired", { ...session, status: "expired" })).rejects.toBeInstanceOf(
      modules.refusal.StripeEventRefused,
    );
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
    const session = await topUp({ userId, amountCents: 2000 });
    await handle("checkout.session.completed", session);
    const paymentIntent = session.payment_intent ?? "";
    const chargeId = "ch_refund_twice";
    const partial = charge({ id: chargeId, paymentIntent, amountCents: 2000, amountRefundedCents: 500 });
    const full = charge({ id: chargeId, paymentIntent, amountCents: 2000, amountRefundedCents: 2000 });

    expect(await handle("charge.refunded", partial)).toBe("refunded");
    expect(await handle("charge.refunded", partial)).toBe("refund_already_taken");
    let state = await account(userId);
    expect(state.balance).toBe(usd(15));
    expect(state.payments[0]).toMatchObject({
      status: "partially_refunded",
      refundedMicros: usd(5),
      receiptUrl: partial.receipt_url,
    });

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
    const session = await topUp({ userId, amountCents: 1000 });
    await handle("checkout.session.completed", session);
    await modules.db().user.update({ where: { id: userId }, data: { balanceMicros: { decrement: usd(8) } } });
    // A charge reporting more refunded than the session's amount (never seen from Stripe) takes at most the top-up.
    await handle(
      "charge.refunded",
      charge({ paymentIntent: session.payment_intent ?? "", amountCents: 1500, amountRefundedCents: 1500 }),
    );
    const { balance, payments } = await account(userId);
    expect(balance).toBe(-usd(8));
    expect(payments[0]).toMatchObject({ status: "refunded", refundedMicros: usd(10) });
  });

  it("handles a refund that comes before any event of its session by asking Stripe for the session", async () => {
    const userId = await makeUser();
    const session = await topUp({ userId, amountCents: 1000 });
    const refunded = charge({
      paymentIntent: session.payment_intent ?? "",
      amountCents: 1000,
      amountRefundedCents: 300,
    });
    expect(await handle("charge.refunded", refunded)).toBe("refunded");
    expect(stripe.calls).toContain(`session:${session.payment_intent}`);
    expect(await handle("checkout.session.completed", session)).toBe("already_credited");
    expect(await handle("charge.refunded", refunded)).toBe("refund_already_taken");
    const { balance, ledger, payments } = await account(userId);
    expect(balance).toBe(usd(7));
    expect(ledger.map((entry) => entry.amount)).toEqual([usd(10), -usd(3)]);
    expect(payments[0]).toMatchObject({
      status: "partially_refunded",
      refundedMicros: usd(3),
      stripePaymentIntentId: session.payment_intent,
    });
  });

  it("remembers a refund of a payment not credited yet, and takes it only when the credit lands", async () => {
    const userId = await makeUser();
    const delayed = await topUp({ userId, amountCents: 1000, paymentStatus: "unpaid" });
    await handle("checkout.session.completed", delayed);
    const refunded = charge({
      paymentIntent: delayed.payment_intent ?? "",
      amountCents: 1000,
      amountRefundedCents: 300,
    });
    expect(await handle("charge.refunded", refunded)).toBe("refund_remembered");
    let state = await account(userId);
    // Money never added is never taken: no negative balance from this top-up.
    expect(state.balance).toBe(0n);
    expect(state.payments[0]).toMatchObject({ status: "pending", refundedMicros: usd(3) });

    const cleared = stripe.put({ ...delayed, payment_status: "paid" });
    expect(await handle("checkout.session.async_payment_succeeded", cleared)).toBe("credited");
    expect(await handle("charge.refunded", refunded)).toBe("refund_already_taken");
    state = await account(userId);
    expect(state.balance).toBe(usd(7));
    expect(state.payments[0]).toMatchObject({ status: "partially_refunded", refundedMicros: usd(3) });
    expect(state.ledger.map((entry) => [entry.kind, entry.amount, entry.key])).toEqual([
      ["topup", usd(10), `stripe:topup:${delayed.id}`],
      ["refund", -usd(3), `stripe:refund:${delayed.payment_intent}:300`],
    ]);
  });

  it("ignores refunds of charges no top-up of ours made, and fails (Stripe retries) when it cannot tell", async () => {
    const userId = await makeUser();
    const stranger = charge({ paymentIntent: "pi_not_a_top_up", amountCents: 1000, amountRefundedCents: 1000 });
    expect(await handle("charge.refunded", stranger)).toBe("not_a_top_up");
    expect(await handle("charge.refunded", { ...stranger, payment_intent: null })).toBe("not_a_top_up");
    // A session in Stripe with our metadata but no payments row of ours is not ours either.
    const unrecorded = stripe.put(checkoutSession({ userId, amountCents: 1000 }));
    expect(
      await handle(
        "charge.refunded",
        charge({ paymentIntent: unrecorded.payment_intent ?? "", amountCents: 1000, amountRefundedCents: 1000 }),
      ),
    ).toBe("not_a_top_up");
    stripe.unreachable = true;
    try {
      await expect(handle("charge.refunded", stranger)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      stripe.unreachable = false;
    }
    expect(await modules.db().payment.count({ where: { userId } })).toBe(0);
  });
});
