// The roll-up through the real usage writer, against a real PostgreSQL: usage_daily must always equal a GROUP BY
// over request_logs, batch after batch.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db/testing";
import { testUsageRecord } from "../gateway/metering/test-usage-record";
import type { UsageRecord } from "../gateway/metering/usage-writer";
import { LATENCY_BUCKET_BOUNDS_MS } from "./latency-buckets";
import { aggregateUsage, rebuildUsageDailyStatement, usageRollupStatement } from "./rollup-statement";

let modules: {
  db: typeof import("../db/client").db;
  sql: typeof import("../db/pool").sql;
  writer: typeof import("../gateway/metering/usage-writer");
};

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_usage");
  modules = {
    db: (await import("../db/client")).db,
    sql: (await import("../db/pool")).sql,
    writer: await import("../gateway/metering/usage-writer"),
  };
});

async function makeUser(): Promise<{ userId: string; keyIds: [string, string] }> {
  const user = await modules
    .db()
    .user.create({ data: { email: `${crypto.randomUUID()}@example.com`, balanceMicros: 1_000_000_000n } });
  const keys = await Promise.all(
    ["first", "second"].map((name) =>
      modules.db().apiKey.create({
        data: { userId: user.id, name, keyHash: crypto.randomUUID(), prefix: "sy-live-test", lastFour: "abcd" },
      }),
    ),
  );
  return { userId: user.id, keyIds: [keys[0].id, keys[1].id] };
}

const usageRecord = testUsageRecord;

/** A mixed batch: two keys, two models plus a refused request, both sides of a UTC midnight, errors of several kinds. */
function mixedBatch(userId: string, [firstKey, secondKey]: [string, string]): UsageRecord[] {
  const beforeMidnight = new Date("2025-03-09T23:59:59.999Z");
  const afterMidnight = new Date("2025-03-10T00:00:00.000Z");
  return [
    usageRecord(userId, firstKey, { createdAt: beforeMidnight, latencyMs: 49 }),
    usageRecord(userId, firstKey, {
      createdAt: beforeMidnight,
      latencyMs: 50,
      status: 429,
      errorCode: "rate_limited",
      costMicros: 0n,
    }),
    usageRecord(userId, firstKey, {
      createdAt: afterMidnight,
      latencyMs: 99,
      promptTokens: 1_000,
      completionTokens: 2_000,
      costMicros: 12_345n,
    }),
    usageRecord(userId, firstKey, {
      createdAt: afterMidnight,
      model: "anthropic/claude-sonnet-4",
      latencyMs: 60_000,
      status: 499,
      errorCode: "client_closed",
    }),
    usageRecord(userId, secondKey, {
      createdAt: beforeMidnight,
      model: "anthropic/claude-sonnet-4",
      latencyMs: 2_999,
      status: 500,
      costMicros: 0n,
    }),
    usageRecord(userId, secondKey, {
      createdAt: afterMidnight,
      model: "anthropic/claude-sonnet-4",
      latencyMs: 75_000,
      costMicros: 7n,
    }),
    usageRecord(userId, secondKey, {
      createdAt: afterMidnight,
      model: "",
      providerId: null,
      status: 402,
      costMicros: 0n,
      promptTokens: 0,
      completionTokens: 0,
      latencyMs: 3,
    }),
  ];
}

interface DailyRow {
  day: string;
  api_key_id: string;
  model: string;
  requests: number;
  errors: number;
  upstream_errors: number;
  prompt_tokens: bigint;
  completion_tokens: bigint;
  cost_micros: bigint;
  latency_sum_ms: bigint;
  latency_buckets: number[];
}

const ORDER = "ORDER BY day, api_key_id, model";

async function rollupRows(userId: string): Promise<DailyRow[]> {
  return modules.sql<DailyRow>(
    `SELECT day::text AS day, api_key_id, model, requests, errors, upstream_errors, prompt_tokens, completion_tokens, cost_micros, latency_sum_ms, latency_buckets
     FROM usage_daily WHERE user_id = $1 ${ORDER}`,
    [userId],
  );
}

/** The roll-up computed straight from the log, bucketing with PostgreSQL's width_bucket rather than our JS. */
async function groupByOverLog(userId: string): Promise<DailyRow[]> {
  return modules.sql<DailyRow>(
    `WITH logged AS (
       SELECT *, created_at::date AS log_day, width_bucket(latency_ms, $2::int[]) AS bucket FROM request_logs WHERE user_id = $1
     ),
     totals AS (
       SELECT log_day, api_key_id, model, count(*)::int AS requests, count(*) FILTER (WHERE status >= 400)::int AS errors,
         count(*) FILTER (WHERE status >= 500)::int AS upstream_errors,
         sum(prompt_tokens)::bigint AS prompt_tokens, sum(completion_tokens)::bigint AS completion_tokens,
         sum(cost_micros)::bigint AS cost_micros, sum(latency_ms)::bigint AS latency_sum_ms
       FROM logged GROUP BY log_day, api_key_id, model
     ),
     histograms AS (
       SELECT totals.log_day, totals.api_key_id, totals.model,
         array_agg((SELECT count(*) FROM logged WHERE logged.log_day = totals.log_day AND logged.api_key_id = totals.api_key_id
                      AND logged.model = totals.model AND logged.bucket = position)::int ORDER BY position) AS latency_buckets
       FROM totals CROSS JOIN generate_series(0, $3::int) AS position
       GROUP BY totals.log_day, totals.api_key_id, totals.model
     )
     SELECT log_day::text AS day, api_key_id, model, requests, errors, upstream_errors, prompt_tokens, completion_tokens, cost_micros, latency_sum_ms, latency_buckets
     FROM totals JOIN histograms USING (log_day, api_key_id, model) ${ORDER}`,
    [userId, [...LATENCY_BUCKET_BOUNDS_MS], LATENCY_BUCKET_BOUNDS_MS.length],
  );
}

describe("roll-up aggregation", () => {
  it("groups by user, UTC day, key and model, counting statuses >= 400 (499 included) as errors, >= 500 as upstream", () => {
    const base = {
      userId: "u",
      apiKeyId: "k",
      model: "m",
      status: 200,
      promptTokens: 1,
      completionTokens: 2,
      costMicros: 5n,
      latencyMs: 10,
    };
    const rollups = aggregateUsage([
      { ...base, createdAt: new Date("2025-03-09T23:59:59.999Z") },
      { ...base, status: 499, latencyMs: 60_000, createdAt: new Date("2025-03-09T12:00:00Z") },
      { ...base, status: 399, createdAt: new Date("2025-03-10T00:00:00.000Z") },
      { ...base, model: "", status: 402, createdAt: new Date("2025-03-10T00:00:00.000Z") },
      { ...base, model: "", status: 502, createdAt: new Date("2025-03-10T00:00:00.000Z") },
    ]);
    expect(
      rollups.map((rollup) => [
        rollup.day,
        rollup.model,
        rollup.requests,
        rollup.errors,
        rollup.upstreamErrors,
        rollup.costMicros,
        rollup.latencySumMs,
      ]),
    ).toEqual([
      ["2025-03-09", "m", 2, 1, 0, 10n, 60_010n],
      ["2025-03-10", "", 2, 2, 1, 10n, 20n],
      ["2025-03-10", "m", 1, 0, 0, 5n, 10n],
    ]);
    expect(rollups[0].latencyBuckets[0]).toBe(1);
    expect(rollups[0].latencyBuckets[17]).toBe(1);
    expect(usageRollupStatement([])).toBeNull();
    const statement = usageRollupStatement([{ ...base, createdAt: new Date("2025-03-09T00:00:00Z") }]);
    expect(statement?.values).toHaveLength(12);
  });
});

describe("usage_daily through the usage writer", () => {
  it("equals a GROUP BY over request_logs after one batch", async () => {
    const { userId, keyIds } = await makeUser();
    await Promise.all(mixedBatch(userId, keyIds).map((record) => modules.writer.recordUsage(record)));
    const rollup = await rollupRows(userId);
    expect(rollup).toEqual(await groupByOverLog(userId));
    // Two keys × two days × models, with the refused request under model "".
    expect(
      rollup.map((row) => [
        row.day,
        row.api_key_id === keyIds[0] ? "first" : "second",
        row.model,
        row.requests,
        row.errors,
      ]),
    ).toEqual(
      [
        ["2025-03-09", "first", "openai/gpt-4o-mini", 2, 1],
        ["2025-03-09", "second", "anthropic/claude-sonnet-4", 1, 1],
        ["2025-03-10", "first", "anthropic/claude-sonnet-4", 1, 1],
        ["2025-03-10", "first", "openai/gpt-4o-mini", 1, 0],
        ["2025-03-10", "second", "", 1, 1],
        ["2025-03-10", "second", "anthropic/claude-sonnet-4", 1, 0],
      ].sort((left, right) => {
        const leftKey = `${left[0]} ${left[1] === "first" ? keyIds[0] : keyIds[1]} ${left[2]}`;
        const rightKey = `${right[0]} ${right[1] === "first" ? keyIds[0] : keyIds[1]} ${right[2]}`;
        return leftKey < rightKey ? -1 : 1;
      }),
    );
  });

  it("adds a second batch element-wise, buckets included, and still equals the GROUP BY", async () => {
    const { userId, keyIds } = await makeUser();
    await Promise.all(mixedBatch(userId, keyIds).map((record) => modules.writer.recordUsage(record)));
    const afterFirst = await rollupRows(userId);
    await Promise.all(mixedBatch(userId, keyIds).map((record) => modules.writer.recordUsage(record)));
    const afterSecond = await rollupRows(userId);
    expect(afterSecond).toEqual(await groupByOverLog(userId));
    expect(afterSecond).toHaveLength(afterFirst.length);
    for (const [index, row] of afterSecond.entries()) {
      const first = afterFirst[index];
      expect(row.requests).toBe(first.requests * 2);
      expect(row.cost_micros).toBe(first.cost_micros * 2n);
      expect(row.latency_buckets).toEqual(first.latency_buckets.map((count) => count * 2));
    }
  });

  it("adds onto stored histograms of another length (or none) by padding with zeros", async () => {
    const { userId, keyIds } = await makeUser();
    const createdAt = new Date("2025-04-01T10:00:00Z");
    await modules.sql(
      `INSERT INTO usage_daily (user_id, day, api_key_id, model, requests, latency_buckets) VALUES
         ($1, '2025-04-01', $2, 'short', 3, ARRAY[3]), ($1, '2025-04-01', $2, 'none', 1, NULL)`,
      [userId, keyIds[0]],
    );
    await Promise.all([
      modules.writer.recordUsage(usageRecord(userId, keyIds[0], { model: "short", createdAt, latencyMs: 120 })),
      modules.writer.recordUsage(usageRecord(userId, keyIds[0], { model: "none", createdAt, latencyMs: 10 })),
    ]);
    const rows = await rollupRows(userId);
    const expectedShort = new Array<number>(18).fill(0);
    expectedShort[0] = 3;
    expectedShort[2] = 1;
    const expectedNone = new Array<number>(18).fill(0);
    expectedNone[0] = 1;
    expect(rows.map((row) => [row.model, row.requests, row.latency_buckets])).toEqual([
      ["none", 2, expectedNone],
      ["short", 4, expectedShort],
    ]);
  });

  it("is rebuilt identically from the log by the SQL back-fill (the seed's aggregation)", async () => {
    const { userId, keyIds } = await makeUser();
    await Promise.all(mixedBatch(userId, keyIds).map((record) => modules.writer.recordUsage(record)));
    const written = await rollupRows(userId);
    await modules.sql(`UPDATE usage_daily SET requests = 0, latency_buckets = '{}' WHERE user_id = $1`, [userId]);
    const rebuild = rebuildUsageDailyStatement(userId);
    await modules.sql(rebuild.text, rebuild.values);
    expect(await rollupRows(userId)).toEqual(written);
  });
});
