// The usage writer and the settlement of stopped instances against a real PostgreSQL: a record is charged once however
// often it is written, a request in flight is on record in open_requests, and the open requests of an instance that
// died are charged what they delivered, from any other instance.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../db/testing";
import { testUsageRecord } from "./test-usage-record";
import { usageRecordToJson } from "./usage-record";

let modules: {
  db: typeof import("../../db/client").db;
  writer: typeof import("./usage-writer");
  settlement: typeof import("./orphan-settlement");
  pool: typeof import("../../db/pool");
};

async function makeUser(balanceMicros: bigint): Promise<{ userId: string; keyId: string }> {
  const user = await modules.db().user.create({ data: { email: `${crypto.randomUUID()}@example.com`, balanceMicros } });
  const key = await modules.db().apiKey.create({
    data: { userId: user.id, name: "t", keyHash: crypto.randomUUID(), prefix: "sy-live-test", lastFour: "abcd" },
  });
  return { userId: user.id, keyId: key.id };
}

async function account(userId: string) {
  const user = await modules.db().user.findUniqueOrThrow({ where: { id: userId } });
  const logs = await modules.db().requestLog.findMany({ where: { userId } });
  const ledger = await modules.db().ledgerEntry.findMany({ where: { userId } });
  return { balance: user.balanceMicros, held: user.heldMicros, logs, ledger };
}

const openRows = async (requestId: string) =>
  modules.pool.sql(`SELECT record FROM open_requests WHERE request_id = $1`, [requestId]);

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_usage_writer");
  modules = {
    db: (await import("../../db/client")).db,
    writer: await import("./usage-writer"),
    settlement: await import("./orphan-settlement"),
    pool: await import("../../db/pool"),
  };
});

describe("the usage writer", () => {
  it("charges a record once however often it is written", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    const record = testUsageRecord(userId, keyId, { costMicros: 700n });
    await Promise.all([modules.writer.recordUsage(record), modules.writer.recordUsage({ ...record })]);
    await modules.writer.recordUsage({ ...record });
    const after = await account(userId);
    expect(after.balance).toBe(9_300n);
    expect(after.logs).toHaveLength(1);
    expect(after.ledger.map((entry) => entry.amountMicros)).toEqual([-700n]);
  });

  it("puts a request in flight on record, keeps a stream's snapshot current, and removes it with the real row", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    const requestId = `req_${crypto.randomUUID()}`;
    let delivered = 10;
    modules.writer.openRequest(
      requestId,
      userId,
      () => testUsageRecord(userId, keyId, { requestId, completionTokens: delivered }),
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    await modules.writer.flushUsage();
    const first = await openRows(requestId);
    expect(first).toHaveLength(1);
    expect((first[0].record as { completionTokens: number }).completionTokens).toBe(10);

    delivered = 25;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await modules.writer.flushUsage();
    expect(
      ((await openRows(requestId))[0].record as { completionTokens: number }).completionTokens,
      "checkpointed",
    ).toBe(25);

    await modules.writer.recordUsage(
      testUsageRecord(userId, keyId, { requestId, completionTokens: 30, costMicros: 300n }),
    );
    expect(await openRows(requestId)).toHaveLength(0);
    expect((await account(userId)).balance).toBe(9_700n);
  });

  it("writes no open row for a request over before it would be due", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    const requestId = `req_${crypto.randomUUID()}`;
    modules.writer.openRequest(requestId, userId, () => testUsageRecord(userId, keyId, { requestId }), false);
    await modules.writer.recordUsage(testUsageRecord(userId, keyId, { requestId, costMicros: 100n }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await modules.writer.flushUsage();
    expect(await openRows(requestId)).toHaveLength(0);
  });

  it("writes a record whose texts PostgreSQL refuses, and charges it", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    await modules.writer.recordUsage(
      testUsageRecord(userId, keyId, {
        costMicros: 50n,
        finishReason: "st\u0000op",
        prompt: [{ role: "user", content: "free\u0000lunch \uD800" }],
        attempts: [{ provider: "openai", keyId: null, status: 500, latencyMs: 1, error: "bad\u0000field" }],
      }),
    );
    const after = await account(userId);
    expect(after.balance).toBe(9_950n);
    expect(JSON.stringify(after.logs[0].prompt)).toContain("free\uFFFDlunch \uFFFD");
  });
});

describe("settling the requests of an instance that stopped", () => {
  it("charges what each open request delivered, returns the instance's lease, and charges nothing twice", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    const dead = `gone-host:4000:${crypto.randomUUID()}`;
    await modules.pool.sql(
      `INSERT INTO gateway_instances (instance_id, heartbeat_at) VALUES ($1, (now() AT TIME ZONE 'UTC') - interval '10 minutes')`,
      [dead],
    );
    await modules.pool.sql(
      `INSERT INTO credit_leases (id, user_id, instance_id, amount_micros, expires_at)
       VALUES ($1, $2, $3, 4000, (now() AT TIME ZONE 'UTC') + interval '1 minute')`,
      [crypto.randomUUID(), userId, dead],
    );
    await modules.db().user.update({ where: { id: userId }, data: { heldMicros: 4_000n } });
    const streamed = testUsageRecord(userId, keyId, {
      status: 500,
      errorCode: "interrupted",
      completionTokens: 40,
      costMicros: 1_200n,
    });
    const silent = testUsageRecord(userId, keyId, {
      status: 500,
      errorCode: "interrupted",
      completionTokens: 0,
      costMicros: 0n,
    });
    for (const record of [streamed, silent]) {
      await modules.pool.sql(
        `INSERT INTO open_requests (request_id, instance_id, user_id, record) VALUES ($1, $2, $3, $4::jsonb)`,
        [record.requestId, dead, userId, JSON.stringify(usageRecordToJson(record))],
      );
    }

    expect(await modules.settlement.settleOrphans()).toBeGreaterThanOrEqual(2);
    const after = await account(userId);
    expect(after).toMatchObject({ balance: 8_800n, held: 0n });
    expect(after.logs.map((log) => [log.id, log.status, log.errorCode]).sort()).toEqual(
      [
        [streamed.requestId, 500, "interrupted"],
        [silent.requestId, 500, "interrupted"],
      ].sort(),
    );
    expect(await modules.pool.sql(`SELECT 1 FROM credit_leases WHERE instance_id = $1`, [dead])).toHaveLength(0);

    // The instance was not dead after all: its own record of the stream arrives late, and is not charged again.
    await modules.writer.recordUsage({ ...streamed, status: 200, errorCode: null });
    await modules.settlement.settleOrphans();
    expect((await account(userId)).balance).toBe(8_800n);
  });

  it("leaves the open requests of a live instance alone", async () => {
    const { userId, keyId } = await makeUser(10_000n);
    const alive = `live-host:4001:${crypto.randomUUID()}`;
    await modules.pool.sql(`INSERT INTO gateway_instances (instance_id) VALUES ($1)`, [alive]);
    const record = testUsageRecord(userId, keyId, { costMicros: 500n });
    await modules.pool.sql(
      `INSERT INTO open_requests (request_id, instance_id, user_id, record) VALUES ($1, $2, $3, $4::jsonb)`,
      [record.requestId, alive, userId, JSON.stringify(usageRecordToJson(record))],
    );
    await modules.settlement.settleOrphans();
    expect(await openRows(record.requestId)).toHaveLength(1);
    expect((await account(userId)).balance).toBe(10_000n);
  });
});
