// Against a real PostgreSQL: reservations in memory, backed by leases taken atomically in SQL.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../db/testing";
import { testUsageRecord } from "../gateway/metering/test-usage-record";

let modules: {
  db: typeof import("../db/client").db;
  leases: typeof import("./credit-leases");
  writer: typeof import("../gateway/metering/usage-writer");
};

async function makeUser(balanceMicros: bigint): Promise<{ userId: string; keyId: string }> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com`, balanceMicros } });
  const key = await modules.db().apiKey.create({
    data: { userId: user.id, name: "t", keyHash: crypto.randomUUID(), prefix: "sy-live-test", lastFour: "abcd" },
  });
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
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => modules.leases.reserveCredit(userId, 1_000n)),
    );
    const granted = results.filter((result) => result.status === "fulfilled");
    expect(granted).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ code: "insufficient_credits", status: 402 });
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
    await modules
      .db()
      .$executeRawUnsafe(
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

/** One app instance's copy of the lease module and of the usage writer that charges its lease. */
interface Instance {
  leases: typeof import("./credit-leases");
  writer: typeof import("../gateway/metering/usage-writer");
}

/** What the database does for an instance loaded with a stand-in pool: answer, refuse connections, or hang. */
type DatabaseState = { kind: "up" } | { kind: "down" } | { kind: "frozen"; thaw: Promise<void> };

let nextPort = 41_000;

/**
 * Loads the lease module again as another app instance on the same database. Its instance id differs (a new random
 * part), and so does its port: an instance returns leases left by an earlier run on its own host and port.
 */
async function loadInstance(database?: () => DatabaseState): Promise<Instance> {
  vi.resetModules();
  process.env.PORT = String(nextPort++);
  if (database) {
    vi.doMock("../db/pool", async (importOriginal) => {
      const real = await importOriginal<typeof import("../db/pool")>();
      const sql: typeof real.sql = async (text, values) => {
        const state = database();
        if (state.kind === "down") {
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
        }
        if (state.kind === "frozen") await state.thaw;
        return real.sql(text, values);
      };
      return { ...real, sql };
    });
  } else {
    vi.doUnmock("../db/pool");
  }
  const leases = await import("./credit-leases");
  const writer = await import("../gateway/metering/usage-writer");
  vi.doUnmock("../db/pool");
  return { leases, writer };
}

async function leaseAmounts(userId: string): Promise<bigint[]> {
  const leases = await modules.db().creditLease.findMany({ where: { userId } });
  return leases.map((lease) => lease.amountMicros);
}

/** Grants so far, and for each refusal how many reservations had been granted when it came. */
interface Tally {
  granted: number;
  refusedAfter: number[];
  otherErrors: unknown[];
}

function reserveCounted(instance: Instance, userId: string, amount: bigint, tally: Tally) {
  return instance.leases.reserveCredit(userId, amount).then(
    (reservation) => {
      tally.granted += 1;
      return reservation;
    },
    (error: unknown) => {
      if ((error as { code?: string }).code === "insufficient_credits") tally.refusedAfter.push(tally.granted);
      else tally.otherErrors.push(error);
      return undefined;
    },
  );
}

function rejections(results: PromiseSettledResult<unknown>[]): unknown[] {
  return results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe("credit leases under load", () => {
  it("serves 600 concurrent small requests when the balance covers them all", async () => {
    const { userId } = await makeUser(5_000_000n);
    const results = await Promise.allSettled(
      Array.from({ length: 600 }, () => modules.leases.reserveCredit(userId, 8_000n)),
    );
    expect(rejections(results)).toEqual([]);
    const { balance, held } = await balances(userId);
    expect(held).toBeGreaterThanOrEqual(600n * 8_000n);
    expect(held).toBeLessThanOrEqual(balance);
    for (const result of results) if (result.status === "fulfilled") modules.leases.settleReservation(result.value, 0n);
  }, 30_000);

  it("two instances on one database: no 402 while the account could pay, and never more than the balance", async () => {
    const reserve = 1_000n;
    const { userId } = await makeUser(200n * reserve + reserve / 2n);
    const [first, second] = [await loadInstance(), await loadInstance()];
    const tally: Tally = { granted: 0, refusedAfter: [], otherErrors: [] };
    await Promise.all(
      Array.from({ length: 150 }, () => [
        reserveCounted(first, userId, reserve, tally),
        reserveCounted(second, userId, reserve, tally),
      ]).flat(),
    );
    expect(tally.otherErrors).toEqual([]);
    expect(tally.granted).toBe(200);
    // Every refusal came once the reservations held left less than one reserve of the balance.
    expect(tally.refusedAfter).toHaveLength(100);
    expect(tally.refusedAfter.filter((granted) => granted < 200)).toEqual([]);
    const { balance, held } = await balances(userId);
    expect(BigInt(tally.granted) * reserve).toBeLessThanOrEqual(balance);
    expect(held).toBeLessThanOrEqual(balance);
  }, 30_000);

  it("two instances whose leases are each smaller than one reserve: the one needing it collects the rest", async () => {
    const { userId } = await makeUser(1_000_000n);
    const [first, second] = [await loadInstance(), await loadInstance()];
    const a = await first.leases.reserveCredit(userId, 450_000n);
    const b = await second.leases.reserveCredit(userId, 450_000n);
    first.leases.settleReservation(a, 0n);
    second.leases.settleReservation(b, 0n);
    const amounts = await leaseAmounts(userId);
    expect(amounts).toHaveLength(2);
    for (const amount of amounts) expect(amount).toBeLessThan(600_000n);

    // 1,000,000 covers one request of 600,000, whichever instance it comes to, and not two.
    const race = await Promise.allSettled([
      first.leases.reserveCredit(userId, 600_000n),
      second.leases.reserveCredit(userId, 600_000n),
    ]);
    expect(race.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const loser = race[0].status === "rejected" ? first : second;
    const refusal = race.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({ code: "insufficient_credits", status: 402 });
    // The refusal says what the account holds: its balance, and how much of it no request holds.
    expect((refusal.reason as Error).message).toContain("may cost up to $0.60, and the account's balance is $1.00");
    expect((refusal.reason as Error).message).toMatch(/of which \$[\d.]+ is not held for requests in flight/);
    // The 400,000 left sits in the winner's lease; the loser can still spend it.
    await loser.leases.reserveCredit(userId, 400_000n);
    expect(await balances(userId)).toEqual({ balance: 1_000_000n, held: 1_000_000n });
  }, 30_000);

  it("two instances spending as they go use up the balance exactly, refusing only at the end", async () => {
    const reserve = 10_000n;
    const { userId, keyId } = await makeUser(60n * reserve + reserve / 2n);
    const instances = [await loadInstance(), await loadInstance()];
    const tally: Tally = { granted: 0, refusedAfter: [], otherErrors: [] };
    const worker = async (instance: Instance): Promise<void> => {
      for (;;) {
        const reservation = await reserveCounted(instance, userId, reserve, tally);
        if (!reservation) return;
        await sleep(Math.random() * 3);
        instance.leases.settleReservation(reservation, reserve);
        await instance.writer.recordUsage(usageRecord(userId, keyId, reserve));
      }
    };
    await Promise.all(instances.flatMap((instance) => Array.from({ length: 4 }, () => worker(instance))));
    expect(tally.otherErrors).toEqual([]);
    expect(tally.granted).toBe(60);
    expect(tally.refusedAfter.filter((granted) => granted < 60)).toEqual([]);
    for (const instance of instances) await instance.writer.flushUsage();
    expect((await balances(userId)).balance).toBe(reserve / 2n);
  }, 30_000);
});

describe("credit leases when the database stalls", () => {
  it("serves every request queued during a database freeze once it ends", async () => {
    let database: DatabaseState = { kind: "up" };
    const instance = await loadInstance(() => database);
    const { userId } = await makeUser(5_000_000n);
    let thaw!: () => void;
    database = { kind: "frozen", thaw: new Promise<void>((resolve) => (thaw = resolve)) };
    const pending = Promise.allSettled(
      Array.from({ length: 400 }, () => instance.leases.reserveCredit(userId, 8_000n)),
    );
    await sleep(300);
    database = { kind: "up" };
    thaw();
    expect(rejections(await pending)).toEqual([]);
  }, 30_000);

  it("answers a database outage with a 503 to retry, never a 402, and serves once the database is back", async () => {
    let database: DatabaseState = { kind: "down" };
    const instance = await loadInstance(() => database);
    const { userId } = await makeUser(5_000_000n);
    const waiting = Promise.allSettled(Array.from({ length: 50 }, () => instance.leases.reserveCredit(userId, 8_000n)));
    await sleep(300);
    database = { kind: "up" };
    expect(rejections(await waiting)).toEqual([]);

    const { userId: otherUserId } = await makeUser(5_000_000n);
    database = { kind: "down" };
    const refused = await Promise.allSettled(
      Array.from({ length: 5 }, () => instance.leases.reserveCredit(otherUserId, 8_000n)),
    );
    for (const result of refused) {
      expect(result.status).toBe("rejected");
      const reason = (result as PromiseRejectedResult).reason as { code: string; status: number; retryAfter?: number };
      expect(reason).toMatchObject({ code: "overloaded", status: 503 });
      expect(reason.retryAfter).toBeGreaterThan(0);
    }
    // A warm lease needs no database: the first user's requests are still served while it is down.
    const warm = await instance.leases.reserveCredit(userId, 8_000n);
    instance.leases.settleReservation(warm, 0n);
    database = { kind: "up" };
  }, 30_000);
});
