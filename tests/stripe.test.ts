// Card top-ups as Stripe drives them: signed webhook deliveries to the running app, repeated, out of order, forged,
// malformed and refunded; the money read back from users, ledger_entries and payments. Stripe's record of each
// Checkout Session, which the app retrieves before it credits anything, lives in the Stripe stand-in (STRIPE_API_URL).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseJson, send, type RawResponse } from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, database, uniqueEmail, type MintedKey } from "./support/keys";
import {
  charge,
  checkoutSession,
  connectStripeStandIn,
  dispute,
  signedDelivery,
  signPayload,
  stripeEvent,
  type SessionObject,
  type SessionOptions,
  type StripeStandInClient,
} from "./support/stripe-stand-in";

const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 100)) * 10_000n;

let account: MintedKey;
let stripe: StripeStandInClient;

async function deliver(payload: string, signature: string | undefined): Promise<RawResponse> {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (signature !== undefined) headers["stripe-signature"] = signature;
  return send("/api/stripe/webhook", { method: "POST", headers, body: payload });
}

/** Delivers an event the way Stripe does, each delivery signed afresh. */
function deliverSigned(event: ReturnType<typeof stripeEvent>): Promise<RawResponse> {
  const { payload, signature } = signedDelivery(event);
  return deliver(payload, signature);
}

/** Delivers an event and expects it acknowledged. */
async function deliverEvent(event: ReturnType<typeof stripeEvent>): Promise<void> {
  const response = await deliverSigned(event);
  expect(response.status, `${event.type}: ${response.status} ${response.text.slice(0, 300)}`).toBe(200);
  expect(parseJson(response)).toEqual({ received: true });
}

interface LedgerRow {
  kind: string;
  amount: bigint;
  key: string;
}

async function stripeLedger(userId: string): Promise<LedgerRow[]> {
  const result = await database().query<{ kind: string; amount_micros: string; idempotency_key: string }>(
    "SELECT kind, amount_micros, idempotency_key FROM ledger_entries WHERE user_id = $1 AND idempotency_key LIKE 'stripe:%' ORDER BY id",
    [userId],
  );
  return result.rows.map((row) => ({ kind: row.kind, amount: BigInt(row.amount_micros), key: row.idempotency_key }));
}

interface PaymentRow {
  status: string;
  amountMicros: bigint;
  refundedMicros: bigint;
  paymentIntentId: string | null;
  receiptUrl: string | null;
}

async function payment(sessionId: string): Promise<PaymentRow | undefined> {
  const result = await database().query<{
    status: string;
    amount_micros: string;
    refunded_micros: string;
    stripe_payment_intent_id: string | null;
    receipt_url: string | null;
  }>(
    "SELECT status, amount_micros, refunded_micros, stripe_payment_intent_id, receipt_url FROM payments WHERE stripe_session_id = $1",
    [sessionId],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    status: row.status,
    amountMicros: BigInt(row.amount_micros),
    refundedMicros: BigInt(row.refunded_micros),
    paymentIntentId: row.stripe_payment_intent_id,
    receiptUrl: row.receipt_url,
  };
}

/** A top-up as createTopUpCheckout leaves it: Stripe's record of the session and our pending payments row. */
async function pendingTopUp(options: Omit<SessionOptions, "userId">): Promise<SessionObject> {
  const session = checkoutSession({ userId: account.userId, ...options });
  await stripe.putSession(session);
  await database().query(
    "INSERT INTO payments (id, user_id, stripe_session_id, amount_micros, status) VALUES ($1, $2, $3, $4, 'pending')",
    [randomUUID(), account.userId, session.id, String(BigInt(options.amountCents) * 10_000n)],
  );
  return session;
}

beforeAll(async () => {
  account = await createKey({ email: uniqueEmail("stripe"), credits: 1 });
  stripe = connectStripeStandIn(inject("stripeStandInUrl"));
});

afterAll(async () => {
  await closeDatabase();
});

describe("top-ups through the Stripe webhook", () => {
  it("credits a paid Checkout Session exactly once, however often Stripe delivers it", async () => {
    const before = await balanceMicros(account.userId);
    const session = await pendingTopUp({ amountCents: 2500 });
    const completed = stripeEvent("checkout.session.completed", session);
    await deliverEvent(completed);
    await deliverEvent(completed);
    await Promise.all([deliverEvent(completed), deliverEvent(completed)]);

    expect(await balanceMicros(account.userId)).toBe(before + usd(25));
    const ledger = (await stripeLedger(account.userId)).filter((row) => row.key.includes(session.id));
    expect(ledger).toEqual([{ kind: "topup", amount: usd(25), key: `stripe:topup:${session.id}` }]);
    expect(await payment(session.id)).toMatchObject({
      status: "paid",
      amountMicros: usd(25),
      refundedMicros: 0n,
      paymentIntentId: session.payment_intent,
    });
  });

  it("refuses a delivery without a valid signature with 400 and books nothing", async () => {
    const before = await balanceMicros(account.userId);
    const session = checkoutSession({ userId: account.userId, amountCents: 50_000 });
    const event = stripeEvent("checkout.session.completed", session);
    const { payload, signature } = signedDelivery(event);
    const forged = signedDelivery(event, "whsec_not_the_endpoint_secret");
    const now = Math.floor(Date.now() / 1000);

    const attempts: Array<[string, string | undefined]> = [
      [payload, undefined],
      [payload, forged.signature],
      [payload.replace('"amount_total": 50000', '"amount_total": 5000000'), signature],
      [payload, "t=1700000000,v1=0000"],
      // Signed with the right secret, but dated an hour ahead or an hour ago.
      [payload, signPayload(payload, { timestamp: now + 3600 })],
      [payload, signPayload(payload, { timestamp: now - 3600 })],
    ];
    for (const [body, header] of attempts) {
      const response = await deliver(body, header);
      expect(response.status, response.text).toBe(400);
      expect(response.headers.get("content-type") ?? "").toMatch(/^application\/json/);
      const error = parseJson(response).error as Record<string, unknown>;
      expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
      expect(error.param).toBe("stripe-signature");
    }
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(session.id)).toBeUndefined();
  });

  it("credits a delayed payment once when it clears, whichever of its events comes first", async () => {
    const before = await balanceMicros(account.userId);
    const delayed = await pendingTopUp({ amountCents: 4000, paymentStatus: "unpaid" });
    await deliverEvent(stripeEvent("checkout.session.completed", delayed));
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(delayed.id)).toMatchObject({ status: "pending", amountMicros: usd(40) });
    const cleared: SessionObject = { ...delayed, payment_status: "paid" };
    await stripe.putSession(cleared);
    await deliverEvent(stripeEvent("checkout.session.async_payment_succeeded", cleared));
    await deliverEvent(stripeEvent("checkout.session.async_payment_succeeded", cleared));
    expect(await balanceMicros(account.userId)).toBe(before + usd(40));

    // The other order: the async success overtakes checkout.session.completed.
    const overtaken = await pendingTopUp({ amountCents: 1100 });
    await deliverEvent(stripeEvent("checkout.session.async_payment_succeeded", overtaken));
    await deliverEvent(stripeEvent("checkout.session.completed", overtaken));
    expect(await balanceMicros(account.userId)).toBe(before + usd(51));
    expect(await payment(overtaken.id)).toMatchObject({ status: "paid" });
    expect(
      (await stripeLedger(account.userId)).filter(
        (row) => row.kind === "topup" && [delayed.id, overtaken.id].some((id) => row.key.endsWith(id)),
      ),
    ).toHaveLength(2);
  });

  it("marks a failed delayed payment and an expired session, crediting nothing", async () => {
    const before = await balanceMicros(account.userId);
    const delayed = await pendingTopUp({ amountCents: 3000, paymentStatus: "unpaid" });
    await deliverEvent(stripeEvent("checkout.session.completed", delayed));
    await deliverEvent(stripeEvent("checkout.session.async_payment_failed", delayed));
    const abandoned = await pendingTopUp({
      amountCents: 3000,
      paymentStatus: "unpaid",
      status: "expired",
      paymentIntent: null,
    });
    await deliverEvent(stripeEvent("checkout.session.expired", abandoned));
    await deliverEvent(stripeEvent("customer.updated", { id: "cus_test", object: "customer" }));
    expect(await payment(delayed.id)).toMatchObject({ status: "failed" });
    expect(await payment(abandoned.id)).toMatchObject({ status: "expired" });
    expect(await balanceMicros(account.userId)).toBe(before);
  });

  it("takes back a partial then a full refund, each once, and ignores repeats and stale refund events", async () => {
    const before = await balanceMicros(account.userId);
    const session = await pendingTopUp({ amountCents: 2000 });
    await deliverEvent(stripeEvent("checkout.session.completed", session));
    const paymentIntent = session.payment_intent ?? "";
    const partial = charge({
      id: `ch_${session.id.slice(-12)}`,
      paymentIntent,
      amountCents: 2000,
      amountRefundedCents: 500,
    });
    const full = { ...partial, amount_refunded: 2000, refunded: true };

    await deliverEvent(stripeEvent("charge.refunded", partial));
    await deliverEvent(stripeEvent("charge.refunded", partial));
    expect(await balanceMicros(account.userId)).toBe(before + usd(15));
    expect(await payment(session.id)).toMatchObject({
      status: "partially_refunded",
      refundedMicros: usd(5),
      receiptUrl: partial.receipt_url,
    });

    await deliverEvent(stripeEvent("charge.refunded", full));
    await deliverEvent(stripeEvent("charge.refunded", partial));
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(session.id)).toMatchObject({ status: "refunded", refundedMicros: usd(20) });
    expect(
      (await stripeLedger(account.userId)).filter(
        (row) => row.key.includes(paymentIntent) || row.key.includes(session.id),
      ),
    ).toEqual([
      { kind: "topup", amount: usd(20), key: `stripe:topup:${session.id}` },
      { kind: "refund", amount: -usd(5), key: `stripe:refund:${paymentIntent}:500` },
      { kind: "refund", amount: -usd(15), key: `stripe:refund:${paymentIntent}:2000` },
    ]);
  });

  it("books a refund that arrives before any event of its session, by asking Stripe for the session", async () => {
    const open = { amountCents: 1000, paymentStatus: "unpaid", status: "open", paymentIntent: null } as const;
    const created = await pendingTopUp(open);
    const paid = await stripe.paySession(created.id);
    const before = await balanceMicros(account.userId);

    await deliverEvent(stripeEvent("charge.refunded", { ...paid.charge, amount_refunded: 300 }));
    expect(await balanceMicros(account.userId)).toBe(before + usd(7));
    await deliverEvent(stripeEvent("checkout.session.completed", paid.session));
    await deliverEvent(stripeEvent("charge.refunded", { ...paid.charge, amount_refunded: 300 }));
    expect(await balanceMicros(account.userId)).toBe(before + usd(7));
    expect(await payment(created.id)).toMatchObject({
      status: "partially_refunded",
      amountMicros: usd(10),
      refundedMicros: usd(3),
      paymentIntentId: paid.paymentIntent.id,
      receiptUrl: paid.charge.receipt_url,
    });
    const lookups = (await stripe.requests()).filter(
      (request) => request.method === "GET" && request.path.includes(paid.paymentIntent.id),
    );
    expect(lookups.length).toBeGreaterThan(0);
  });

  it("takes a chargeback when Stripe withdraws the funds and gives it back when they are reinstated, each once", async () => {
    const before = await balanceMicros(account.userId);
    const session = await pendingTopUp({ amountCents: 3000 });
    await deliverEvent(stripeEvent("checkout.session.completed", session));
    const paymentIntent = session.payment_intent ?? "";
    // Part of it was refunded first: a chargeback can take back no more than what is left.
    const refunded = charge({ paymentIntent, amountCents: 3000, amountRefundedCents: 1000 });
    await deliverEvent(stripeEvent("charge.refunded", refunded));
    const chargeback = dispute({ charge: refunded, amountCents: 3000 });

    await deliverEvent(stripeEvent("charge.dispute.created", chargeback));
    expect(await balanceMicros(account.userId), "a dispute opened moves no money by itself").toBe(before + usd(20));
    await deliverEvent(stripeEvent("charge.dispute.funds_withdrawn", chargeback));
    await deliverEvent(stripeEvent("charge.dispute.funds_withdrawn", chargeback));
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(session.id)).toMatchObject({ status: "disputed", refundedMicros: usd(10) });

    const won = { ...chargeback, status: "won" as const };
    await deliverEvent(stripeEvent("charge.dispute.funds_reinstated", won));
    await deliverEvent(stripeEvent("charge.dispute.funds_reinstated", won));
    await deliverEvent(stripeEvent("charge.dispute.funds_withdrawn", chargeback));
    await deliverEvent(stripeEvent("charge.dispute.closed", won));
    expect(await balanceMicros(account.userId)).toBe(before + usd(20));
    expect(await payment(session.id)).toMatchObject({ status: "partially_refunded" });
    expect((await stripeLedger(account.userId)).filter((row) => row.key.includes(chargeback.id))).toEqual([
      { kind: "adjustment", amount: -usd(20), key: `stripe:dispute:${chargeback.id}:withdrawn` },
      { kind: "adjustment", amount: usd(20), key: `stripe:dispute:${chargeback.id}:reinstated` },
    ]);
  });

  it("takes a lost chargeback for good, and a reinstatement that comes first nets to nothing", async () => {
    const before = await balanceMicros(account.userId);
    const lost = await pendingTopUp({ amountCents: 1500 });
    await deliverEvent(stripeEvent("checkout.session.completed", lost));
    const lostCharge = charge({ paymentIntent: lost.payment_intent ?? "", amountCents: 1500 });
    await deliverEvent(stripeEvent("charge.dispute.funds_withdrawn", dispute({ charge: lostCharge })));
    await deliverEvent(stripeEvent("charge.dispute.closed", dispute({ charge: lostCharge, status: "lost" })));
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(lost.id)).toMatchObject({ status: "disputed" });

    const early = await pendingTopUp({ amountCents: 800 });
    await deliverEvent(stripeEvent("checkout.session.completed", early));
    const earlyDispute = dispute({
      charge: charge({ paymentIntent: early.payment_intent ?? "", amountCents: 800 }),
      status: "won",
    });
    await deliverEvent(stripeEvent("charge.dispute.funds_reinstated", earlyDispute));
    await deliverEvent(stripeEvent("charge.dispute.funds_withdrawn", earlyDispute));
    expect(await balanceMicros(account.userId)).toBe(before + usd(8));
    expect(await payment(early.id)).toMatchObject({ status: "paid" });
  });

  it("never credits from the browser's return to the success URL", async () => {
    const before = await balanceMicros(account.userId);
    const session = checkoutSession({ userId: account.userId, amountCents: 9900 });
    // Whatever the page shows (or where it redirects a visitor who is not signed in), it books nothing.
    await send(`/billing?topup=success&session_id=${session.id}`);
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(session.id)).toBeUndefined();
  });
});

describe("signed events the webhook refuses or ignores", () => {
  function deliverPayload(payload: string): Promise<RawResponse> {
    return deliver(payload, signPayload(payload));
  }

  function expectRefused(response: RawResponse, label: string): Record<string, unknown> {
    expect(response.status, `${label}: ${response.text.slice(0, 300)}`).toBe(400);
    expect(response.headers.get("content-type") ?? "").toMatch(/^application\/json/);
    const error = parseJson(response).error as Record<string, unknown>;
    expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
    return error;
  }

  it("answers 400 to malformed events, never 500, and credits nothing, whatever the amount claims", async () => {
    const before = await balanceMicros(account.userId);
    const session = await pendingTopUp({ amountCents: 500 });
    const event = stripeEvent("checkout.session.completed", session);
    const withObject = (fields: Record<string, unknown>) =>
      JSON.stringify({ ...event, data: { object: { ...session, ...fields } } });
    const { id: _id, ...withoutId } = event;
    const { data: _data, ...withoutData } = event;
    const malformed: Record<string, string> = {
      "amount as a string": withObject({ amount_total: "500" }),
      "fractional amount": withObject({ amount_total: 500.5 }),
      "amount of 1e15 cents": withObject({ amount_total: 1e15 }),
      "no id": JSON.stringify(withoutId),
      "no data": JSON.stringify(withoutData),
      "not JSON": "{ this is not json",
    };
    for (const [label, payload] of Object.entries(malformed)) {
      const error = expectRefused(await deliverPayload(payload), label);
      expect(error.code, label).toBe(label === "not JSON" ? "invalid_json" : "invalid_value");
    }
    const stringAmount = expectRefused(await deliverPayload(withObject({ amount_total: "500" })), "string amount");
    expect(stringAmount.param).toBe("data.object.amount_total");
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(session.id)).toMatchObject({ status: "pending", amountMicros: usd(5) });

    await deliverEvent(event);
    expect(await balanceMicros(account.userId)).toBe(before + usd(5));
  });

  it("refuses an event that disagrees with Stripe's record of the session or with what we asked for", async () => {
    const before = await balanceMicros(account.userId);
    const session = await pendingTopUp({ amountCents: 1500 });
    const inflatedSession = { ...session, amount_total: 150_000, amount_subtotal: 150_000 };
    const inflated = stripeEvent("checkout.session.completed", inflatedSession);
    expectRefused(await deliverSigned(inflated), "amount differs from Stripe's");

    // Stripe itself says another amount than the pending top-up was created for: a person has to look.
    const changed = { ...session, amount_total: 2000, amount_subtotal: 2000 };
    await stripe.putSession(changed);
    const differsFromRow = await deliverSigned(stripeEvent("checkout.session.completed", changed));
    expectRefused(differsFromRow, "amount differs from our row");
    expect(await balanceMicros(account.userId)).toBe(before);
    expect(await payment(session.id)).toMatchObject({ status: "pending", amountMicros: usd(15) });
  });

  it("acknowledges event types it does not handle, whatever their object holds", async () => {
    const invoice = { id: "in_1", object: "invoice", amount_due: "lots", lines: null };
    await deliverEvent(stripeEvent("invoice.finalized", invoice));
  });
});
