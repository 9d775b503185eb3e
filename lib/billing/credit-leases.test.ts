// Against a real PostgreSQL: reservations in memory, backed by leases taken atomically in SQL.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db/testing";
import { testUsageRecord } from "../gateway/metering/test-usage-record";

let modules: {
  db: typeof import("../db/client").db;
  leases: typeof import("./credit-leases");
  writer: typeof import("../gateway/metering/usage-writer");
};

async function makeUser(balanceMicros: bigint): Promise<{ userId: string; keyId: string }> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com`, balanceMicros } });
  const key = await modules.db().apiKey.create({ data: { userId: user.id, name: "t", keyHash: crypto.randomUUID(), prefix: "sy-live-test", lastFour: "abcd" } });
  return { userId: user.id, keyId: key.id };
}

async function balances(userId: string) {
  const user = await modules.db().user.findUniqueOrThrow({ where: { id: userId } });
  return { balance: user.balanceMicros, held: user.heldMicros };
}

function usageRecord(userId: string, keyId: string, cost: bigint) {
  return testUsageRecord(userId, keyId, { promptTokens: 1, completionTokens: 1, costMicros: cost, latencyMs: 1 });
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_leases");
  modules = {
    db: (await import("../db/client")).db,
    leases: await import("./credit-leases"),
    writer: await import("../gateway/metering/usage-writer"),
  };
});

describe("credit leases", () => {
  it("lets 20 concurrent requests reserve only what the balance covers", async () => {
    const { userId } = await makeUser(5_000n);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => modules.leases.reserveCredit(userId, 1_000n)));
    const granted = results.filter((result) => result.status === "fulfilled");
    expect(granted).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "insufficient_credits", status: 402 });
    }
    // The whole balance is held in the database, so no other instance can spend it meanwhile.
    expect(await balances(userId)).toEqual({ balance: 5_000n, held: 5_000n });
  });

  it("settles to the real cost: the unused part of a reservation can be reserved again", async () => {
    const { userId, keyId } = await makeUser(3_000n);
    const first = await modules.leases.reserveCredit(userId, 2_000n);
    await expect(modules.leases.reserveCredit(userId, 2_000n)).rejects.toMatchObject({ code: "insufficient_credits" });
    modules.leases.settleReservation(first, 400n);
    await modules.writer.recordUsage(usageRecord(userId, keyId, 400n));
    const second = await modules.leases.reserveCredit(userId, 2_000n);
    modules.leases.settleReservation(second, 0n);
    expect(await balances(userId)).toEqual({ balance: 2_600n, held: 2_600n });
    const ledger = await modules.db().ledgerEntry.findMany({ where: { userId } });
    expect(ledger.map((entry) => [entry.kind, entry.amountMicros])).toEqual([["settle", -400n]]);
  });

  it("gives held money back on release, and charges later usage to the balance directly", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    const reservation = await modules.leases.reserveCredit(userId, 1_000n);
    modules.leases.settleReservation(reservation, 300n);
    await modules.leases.releaseAllLeases();
    expect(await balances(userId)).toEqual({ balance: 10_000n, held: 0n });
    await modules.writer.recordUsage(usageRecord(userId, keyId, 300n));
    expect(await balances(userId)).toEqual({ balance: 9_700n, held: 0n });
  });

  it("reclaims leases of instances that stopped renewing them", async () => {
    const { userId } = await makeUser(8_000n);
    await modules.db().$executeRawUnsafe(
      `INSERT INTO credit_leases (id, user_id, instance_id, amount_micros, expires_at) VALUES ('gone', $1, 'dead-host:1:x', 8000, (now() AT TIME ZONE 'UTC') - interval '1 second')`,
      userId,
    );
    await modules.db().user.update({ where: { id: userId }, data: { heldMicros: 8_000n } });
    await expect(modules.leases.reserveCredit(userId, 1_000n)).rejects.toMatchObject({ code: "insufficient_credits" });
    await modules.leases.reclaimExpiredLeases();
    const reservation = await modules.leases.reserveCredit(userId, 1_000n);
    modules.leases.settleReservation(reservation, 0n);
    expect((await balances(userId)).balance).toBe(8_000n);
  });
});
