// Against a real PostgreSQL: the billing history sums usage per UTC day and lists every other movement.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing";

let modules: { db: typeof import("../client").db; billing: typeof import("./billing") };

async function makeUser(): Promise<string> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com` } });
  return user.id;
}

async function entry(
  userId: string,
  kind: "grant" | "topup" | "settle" | "refund" | "adjustment",
  amountMicros: bigint,
  createdAt: string,
  description = "",
  idempotencyKey?: string,
) {
  await modules.db().ledgerEntry.create({
    data: { userId, kind, amountMicros, description, idempotencyKey, createdAt: new Date(createdAt) },
  });
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_billing_page");
  modules = { db: (await import("../client")).db, billing: await import("./billing") };
});

describe("billing history", () => {
  it("sums usage per UTC day, lists other kinds as rows, newest first, and only the user's own", async () => {
    const userId = await makeUser();
    const other = await makeUser();
    await entry(userId, "grant", 1_000_000n, "2026-11-01T08:00:00Z", "trial credit");
    await entry(userId, "settle", -1_000n, "2026-11-02T00:00:01Z");
    await entry(userId, "settle", -2_500n, "2026-11-02T12:00:00Z");
    await entry(userId, "settle", -500n, "2026-11-02T23:59:59Z");
    await entry(userId, "topup", 25_000_000n, "2026-11-03T09:00:00Z", "Card top-up $25.00");
    await entry(userId, "settle", -7n, "2026-11-03T00:00:00Z");
    await entry(userId, "refund", -5_000_000n, "2026-11-04T10:00:00Z", "Refund of card top-up $5.00");
    await entry(userId, "adjustment", 300n, "2026-11-04T11:00:00Z", "goodwill");
    await entry(other, "settle", -99_000n, "2026-11-02T12:00:00Z");
    await entry(other, "grant", 1_000_000n, "2026-11-02T12:00:00Z", "trial credit");

    const rows = await modules.billing.listLedgerHistory(userId, { now: new Date("2026-11-05T00:00:00Z") });
    expect(rows.map((row) => [row.kind, row.amountMicros, row.requests])).toEqual([
      ["adjustment", 300n, 0],
      ["refund", -5_000_000n, 0],
      ["topup", 25_000_000n, 0],
      ["usage", -7n, 1],
      ["usage", -4_000n, 3],
      ["grant", 1_000_000n, 0],
    ]);
    const usage = rows.filter((row) => row.kind === "usage");
    expect(usage.map((row) => row.day?.toISOString())).toEqual([
      "2026-11-03T00:00:00.000Z",
      "2026-11-02T00:00:00.000Z",
    ]);
    expect(usage.map((row) => row.id)).toEqual(["usage:2026-11-03", "usage:2026-11-02"]);
    expect(rows.find((row) => row.kind === "grant")?.description).toBe("trial credit");
  });

  it("keeps to the last 90 days", async () => {
    const userId = await makeUser();
    await entry(userId, "grant", 1_000_000n, "2026-01-01T00:00:00Z", "old");
    await entry(userId, "settle", -10n, "2026-01-01T00:00:00Z");
    await entry(userId, "settle", -20n, "2026-11-04T00:00:00Z");
    const rows = await modules.billing.listLedgerHistory(userId, { now: new Date("2026-11-05T00:00:00Z") });
    expect(rows.map((row) => [row.kind, row.amountMicros])).toEqual([["usage", -20n]]);
  });

  it("brings a top-up's and its refund's receipt from their payment, and each row's key", async () => {
    const userId = await makeUser();
    const session = `cs_test_${crypto.randomUUID()}`;
    const paymentIntent = `pi_${crypto.randomUUID()}`;
    await modules.db().payment.create({
      data: {
        userId,
        stripeSessionId: session,
        stripePaymentIntentId: paymentIntent,
        amountMicros: 10_000_000n,
        status: "partially_refunded",
        receiptUrl: "https://pay.stripe.com/receipts/abc",
      },
    });
    await entry(userId, "topup", 10_000_000n, "2026-11-01T08:00:00Z", "x", `stripe:topup:${session}`);
    await entry(userId, "refund", -2_000_000n, "2026-11-02T08:00:00Z", "x", `stripe:refund:${paymentIntent}:200`);
    await entry(userId, "grant", 1_000_000n, "2026-11-01T07:00:00Z", "trial credit", `signup:${userId}`);
    const rows = await modules.billing.listLedgerHistory(userId, { now: new Date("2026-11-05T00:00:00Z") });
    expect(rows.map((row) => [row.kind, row.idempotencyKey?.split(":")[0], row.receiptUrl])).toEqual([
      ["refund", "stripe", "https://pay.stripe.com/receipts/abc"],
      ["topup", "stripe", "https://pay.stripe.com/receipts/abc"],
      ["grant", "signup", null],
    ]);
  });

  it("lists only the user's own payments, newest first, checkouts that expired unpaid among them", async () => {
    const userId = await makeUser();
    const other = await makeUser();
    const payments = modules.db().payment;
    await payments.create({
      data: {
        userId,
        stripeSessionId: `cs_${crypto.randomUUID()}`,
        amountMicros: 10_000_000n,
        status: "paid",
        receiptUrl: "https://pay.stripe.com/receipts/1",
        createdAt: new Date("2026-11-01T00:00:00Z"),
      },
    });
    await payments.create({
      data: {
        userId,
        stripeSessionId: `cs_${crypto.randomUUID()}`,
        amountMicros: 25_000_000n,
        status: "pending",
        createdAt: new Date("2026-11-02T00:00:00Z"),
      },
    });
    await payments.create({
      data: { userId: other, stripeSessionId: `cs_${crypto.randomUUID()}`, amountMicros: 50_000_000n, status: "paid" },
    });
    await payments.create({
      data: {
        userId,
        stripeSessionId: `cs_${crypto.randomUUID()}`,
        amountMicros: 5_000_000n,
        status: "expired",
        createdAt: new Date("2026-11-03T00:00:00Z"),
      },
    });
    const rows = await modules.billing.listPayments(userId);
    expect(rows.map((row) => [row.amountMicros, row.status, row.receiptUrl])).toEqual([
      [5_000_000n, "expired", null],
      [25_000_000n, "pending", null],
      [10_000_000n, "paid", "https://pay.stripe.com/receipts/1"],
    ]);
  });
});
