// Dashboard reads against a real PostgreSQL, with data written through the real usage writer.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db/testing";
import { testUsageRecord } from "../gateway/metering/test-usage-record";
import type { UsageRecord } from "../gateway/metering/usage-writer";

let modules: {
  db: typeof import("../db/client").db;
  writer: typeof import("../gateway/metering/usage-writer");
  queries: typeof import("./queries");
};

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_usage_queries");
  modules = {
    db: (await import("../db/client")).db,
    writer: await import("../gateway/metering/usage-writer"),
    queries: await import("./queries"),
  };
});

async function makeUser(keyNames: string[]): Promise<{ userId: string; keyIds: string[] }> {
  const user = await modules
    .db()
    .user.create({ data: { email: `${crypto.randomUUID()}@example.com`, balanceMicros: 1_000_000_000n } });
  const keyIds: string[] = [];
  for (const name of keyNames) {
    const key = await modules.db().apiKey.create({
      data: { userId: user.id, name, keyHash: crypto.randomUUID(), prefix: "sy-live-test", lastFour: "abcd" },
    });
    keyIds.push(key.id);
  }
  return { userId: user.id, keyIds };
}

const usageRecord = testUsageRecord;

async function write(records: UsageRecord[]): Promise<void> {
  await Promise.all(records.map((record) => modules.writer.recordUsage(record)));
}

const NOW = new Date("2025-06-15T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("usage charts and summary", () => {
  let owner: { userId: string; keyIds: string[] };

  beforeAll(async () => {
    owner = await makeUser(["production", "staging"]);
    const other = await makeUser(["someone else"]);
    const [production, staging] = owner.keyIds;
    await write([
      // Today (UTC): 18 fast requests and 2 slow ones on production, gpt-4o-mini; one of the slow ones a 500.
      ...Array.from({ length: 18 }, () =>
        usageRecord(owner.userId, production, { createdAt: at("2025-06-15T01:00:00Z"), latencyMs: 120 }),
      ),
      usageRecord(owner.userId, production, { createdAt: at("2025-06-15T02:00:00Z"), latencyMs: 2_500 }),
      usageRecord(owner.userId, production, {
        createdAt: at("2025-06-15T02:00:00Z"),
        latencyMs: 2_999,
        status: 500,
        costMicros: 0n,
      }),
      // Two days ago, staging, another model; and a refused request.
      usageRecord(owner.userId, staging, {
        createdAt: at("2025-06-13T23:59:59.999Z"),
        model: "anthropic/claude-sonnet-4",
        costMicros: 5_000n,
        promptTokens: 100,
        completionTokens: 50,
      }),
      usageRecord(owner.userId, staging, {
        createdAt: at("2025-06-13T10:00:00Z"),
        model: "",
        status: 402,
        costMicros: 0n,
        promptTokens: 0,
        completionTokens: 0,
      }),
      // First day of the 7-day window, and the day before it (in the 30-day window only).
      usageRecord(owner.userId, production, { createdAt: at("2025-06-09T00:00:00Z"), costMicros: 1n }),
      usageRecord(owner.userId, production, { createdAt: at("2025-06-08T23:59:59.999Z"), costMicros: 1_000_000n }),
      // Outside even the 90-day window (which starts 2025-03-18).
      usageRecord(owner.userId, production, { createdAt: at("2025-03-17T12:00:00Z"), costMicros: 9_999_999n }),
      // Someone else's usage on the same days never shows.
      ...Array.from({ length: 5 }, () =>
        usageRecord(other.userId, other.keyIds[0], { createdAt: at("2025-06-15T03:00:00Z"), costMicros: 777n }),
      ),
    ]);
  });

  it("fills every day of the window, zeros included, oldest first", async () => {
    const series = await modules.queries.usageSeries({ userId: owner.userId, days: 7, groupBy: "none", now: NOW });
    expect(series.from).toBe("2025-06-09");
    expect(series.to).toBe("2025-06-15");
    expect(series.groups).toEqual([]);
    expect(series.points.map((point) => [point.day, point.total.requests, point.total.costMicros])).toEqual([
      ["2025-06-09", 1, 1n],
      ["2025-06-10", 0, 0n],
      ["2025-06-11", 0, 0n],
      ["2025-06-12", 0, 0n],
      ["2025-06-13", 2, 5_000n],
      ["2025-06-14", 0, 0n],
      ["2025-06-15", 20, 1_900n],
    ]);
    const today = series.points[6].total;
    expect(today).toEqual({
      requests: 20,
      errors: 1,
      upstreamErrors: 1,
      promptTokens: 200,
      completionTokens: 100,
      tokens: 300,
      costMicros: 1_900n,
    });
  });

  it("groups by model (refused requests labelled) and by key (named), every group on every day", async () => {
    const byModel = await modules.queries.usageSeries({ userId: owner.userId, days: 30, groupBy: "model", now: NOW });
    expect(byModel.points).toHaveLength(30);
    expect(
      byModel.groups.map((group) => [group.id, group.label, group.total.requests, group.total.costMicros]),
    ).toEqual([
      ["openai/gpt-4o-mini", "openai/gpt-4o-mini", 22, 1_001_901n],
      ["anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4", 1, 5_000n],
      ["", "(no model)", 1, 0n],
    ]);
    const june13 = byModel.points.find((point) => point.day === "2025-06-13");
    expect(june13?.byGroup["anthropic/claude-sonnet-4"].tokens).toBe(150);
    expect(june13?.byGroup[""].errors).toBe(1);
    expect(june13?.byGroup["openai/gpt-4o-mini"]).toEqual({
      requests: 0,
      errors: 0,
      upstreamErrors: 0,
      promptTokens: 0,
      completionTokens: 0,
      tokens: 0,
      costMicros: 0n,
    });
    for (const point of byModel.points)
      expect(Object.keys(point.byGroup).sort()).toEqual(["", "anthropic/claude-sonnet-4", "openai/gpt-4o-mini"]);

    const byKey = await modules.queries.usageSeries({ userId: owner.userId, days: 90, groupBy: "key", now: NOW });
    expect(byKey.points).toHaveLength(90);
    expect(byKey.from).toBe("2025-03-18");
    expect(byKey.groups.map((group) => [group.id, group.label, group.total.requests])).toEqual([
      [owner.keyIds[0], "production (sy-live-test…abcd)", 22],
      [owner.keyIds[1], "staging (sy-live-test…abcd)", 2],
    ]);

    const oneKey = await modules.queries.usageSeries({
      userId: owner.userId,
      days: 7,
      groupBy: "model",
      apiKeyId: owner.keyIds[1],
      now: NOW,
    });
    expect(oneKey.groups.map((group) => group.id)).toEqual(["anthropic/claude-sonnet-4", ""]);
    const oneModel = await modules.queries.usageSeries({
      userId: owner.userId,
      days: 7,
      groupBy: "key",
      model: "anthropic/claude-sonnet-4",
      now: NOW,
    });
    expect(oneModel.groups.map((group) => [group.id, group.total.requests])).toEqual([[owner.keyIds[1], 1]]);
  });

  it("summarises totals, error rate and percentiles from the summed histograms", async () => {
    const summary = await modules.queries.usageSummary({ userId: owner.userId, days: 7, now: NOW });
    expect(summary).toMatchObject({
      from: "2025-06-09",
      to: "2025-06-15",
      requests: 23,
      errors: 2,
      costMicros: 6_901n,
      tokens: 465,
    });
    expect(summary.errorRate).toBeCloseTo(2 / 23);
    // One 500 and one 402: an upstream failure and a client error.
    expect(summary.upstreamErrors).toBe(1);
    expect(summary.upstreamErrorRate).toBeCloseTo(1 / 23);
    expect(summary.clientErrorRate).toBeCloseTo(1 / 23);
    // 21 requests at 120 ms, two in the 2–3 s bucket: p50 is in the 100–200 bucket, p95 (rank 22 of 23) a slow one.
    expect(summary.p50LatencyMs).toBe(200);
    expect(summary.p95LatencyMs).toBe(3_000);
    const today = await modules.queries.usageSummary({
      userId: owner.userId,
      days: 7,
      apiKeyId: owner.keyIds[0],
      now: NOW,
    });
    expect(today.requests).toBe(21);
    // Production over the window: 19 at 120 ms, 2 in the 2–3 s bucket: p95 is rank 20 of 21, a slow one; p50 fast.
    expect(today.p50LatencyMs).toBe(200);
    expect(today.p95LatencyMs).toBe(3_000);
    expect(today.averageLatencyMs).toBeCloseTo((19 * 120 + 2_500 + 2_999) / 21);

    const nobody = await makeUser(["unused"]);
    const empty = await modules.queries.usageSummary({ userId: nobody.userId, days: 90, now: NOW });
    expect(empty).toMatchObject({
      requests: 0,
      errors: 0,
      errorRate: 0,
      costMicros: 0n,
      averageLatencyMs: null,
      p50LatencyMs: null,
      p95LatencyMs: null,
    });
  });

  it("refuses windows other than 7, 30 and 90 days, ranges backwards or too long", async () => {
    await expect(modules.queries.usageSummary({ userId: owner.userId, days: 14 as 7 })).rejects.toThrow(RangeError);
    await expect(
      modules.queries.usageSummary({ userId: owner.userId, from: "2025-06-10", to: "2025-06-09" }),
    ).rejects.toThrow(/after/);
    await expect(
      modules.queries.usageSummary({ userId: owner.userId, from: "2024-01-01", to: "2025-06-09" }),
    ).rejects.toThrow(/at most/);
    await expect(
      modules.queries.usageSummary({ userId: owner.userId, from: "2025-02-30", to: "2025-06-09" }),
    ).rejects.toThrow(/not a date/);
  });

  it("takes a from–to range of days instead of a period", async () => {
    const series = await modules.queries.usageSeries({
      userId: owner.userId,
      from: "2025-06-08",
      to: "2025-06-09",
      groupBy: "none",
    });
    expect(series.points.map((point) => [point.day, point.total.costMicros])).toEqual([
      ["2025-06-08", 1_000_000n],
      ["2025-06-09", 1n],
    ]);
    const oneDay = await modules.queries.usageSummary({ userId: owner.userId, from: "2025-06-13", to: "2025-06-13" });
    expect(oneDay).toMatchObject({ from: "2025-06-13", to: "2025-06-13", requests: 2, errors: 1, costMicros: 5_000n });
  });

  it("filters the series and the summary by status class, from the request log, agreeing with the roll-ups", async () => {
    const window = { userId: owner.userId, days: 7 as const, now: NOW };
    const all = await modules.queries.usageSummary(window);
    const ok = await modules.queries.usageSummary({ ...window, status: "ok" });
    const errors = await modules.queries.usageSummary({ ...window, status: "error" });
    const client = await modules.queries.usageSummary({ ...window, status: "client_error" });
    const upstream = await modules.queries.usageSummary({ ...window, status: "upstream_error" });
    expect([ok.requests, errors.requests, client.requests, upstream.requests]).toEqual([21, 2, 1, 1]);
    expect(ok.costMicros + errors.costMicros).toBe(all.costMicros);
    expect(ok.tokens + errors.tokens).toBe(all.tokens);
    expect(client).toMatchObject({ errors: 1, upstreamErrors: 0, clientErrorRate: 1 });
    expect(upstream).toMatchObject({ errors: 1, upstreamErrors: 1, upstreamErrorRate: 1, p50LatencyMs: 3_000 });
    // Percentiles from histograms counted over the log rows, as the roll-ups count them.
    expect(ok.p50LatencyMs).toBe(200);

    const series = await modules.queries.usageSeries({ ...window, groupBy: "model", status: "error" });
    expect(series.groups.map((group) => [group.id, group.total.requests])).toEqual([
      ["", 1],
      ["openai/gpt-4o-mini", 1],
    ]);
    expect(series.points.find((point) => point.day === "2025-06-15")?.total.upstreamErrors).toBe(1);
    const keyAndStatus = await modules.queries.usageSummary({
      ...window,
      status: "error",
      apiKeyId: owner.keyIds[1],
      model: "",
    });
    expect(keyAndStatus.requests).toBe(1);
  });
});

describe("request log", () => {
  let owner: { userId: string; keyIds: string[] };
  let ownerRecords: UsageRecord[];
  let otherIds: Set<string>;

  beforeAll(async () => {
    owner = await makeUser(["a", "b"]);
    const other = await makeUser(["other"]);
    const base = Date.parse("2025-05-01T00:00:00Z");
    ownerRecords = Array.from({ length: 130 }, (_, index) =>
      usageRecord(owner.userId, owner.keyIds[index % 2], {
        // Groups of three share a millisecond, so the id has to break ties for paging to be exact.
        createdAt: new Date(base + Math.floor(index / 3) * 1_000),
        model: index % 5 === 0 ? "anthropic/claude-sonnet-4" : "openai/gpt-4o-mini",
        status: index % 7 === 0 ? 429 : index % 11 === 0 ? 499 : 200,
      }),
    );
    const otherRecords = Array.from({ length: 40 }, (_, index) =>
      usageRecord(other.userId, other.keyIds[0], {
        createdAt: new Date(base + index * 1_000),
        model: "openai/gpt-4o-mini",
      }),
    );
    otherIds = new Set(otherRecords.map((record) => record.requestId));
    await write([...ownerRecords, ...otherRecords]);
  });

  function newestFirst(records: UsageRecord[]): string[] {
    return [...records]
      .sort(
        (left, right) =>
          right.createdAt.getTime() - left.createdAt.getTime() || (left.requestId < right.requestId ? 1 : -1),
      )
      .map((record) => record.requestId);
  }

  async function walk(filters: import("./queries").RequestLogFilters, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const page: import("./queries").RequestLogPage = await modules.queries.requestLogPage({
        userId: owner.userId,
        filters,
        cursor,
        limit,
      });
      expect(page.entries.length).toBeLessThanOrEqual(limit);
      seen.push(...page.entries.map((entry) => entry.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it("pages newest first with no duplicates or gaps, ties broken by id", async () => {
    const seen = await walk({}, 7);
    expect(seen).toEqual(newestFirst(ownerRecords));
    expect(seen.some((id) => otherIds.has(id))).toBe(false);
  });

  it("applies key, model, status and time filters across pages", async () => {
    const cases: Array<[import("./queries").RequestLogFilters, (record: UsageRecord) => boolean]> = [
      [{ apiKeyId: owner.keyIds[1] }, (record) => record.apiKeyId === owner.keyIds[1]],
      [{ model: "anthropic/claude-sonnet-4" }, (record) => record.model === "anthropic/claude-sonnet-4"],
      [{ status: "error" }, (record) => record.status >= 400],
      [{ status: "ok" }, (record) => record.status < 400],
      [{ status: 499 }, (record) => record.status === 499],
      [
        {
          from: new Date("2025-05-01T00:00:10Z"),
          to: new Date("2025-05-01T00:00:20Z"),
          status: "ok",
          apiKeyId: owner.keyIds[0],
        },
        (record) =>
          record.createdAt >= new Date("2025-05-01T00:00:10Z") &&
          record.createdAt < new Date("2025-05-01T00:00:20Z") &&
          record.status < 400 &&
          record.apiKeyId === owner.keyIds[0],
      ],
    ];
    for (const [filters, matches] of cases) {
      const expected = newestFirst(ownerRecords.filter(matches));
      expect(expected.length).toBeGreaterThan(0);
      expect(await walk(filters, 4)).toEqual(expected);
    }
  });

  it("returns full entries with key names, and never another user's rows even with their key id", async () => {
    const page = await modules.queries.requestLogPage({ userId: owner.userId, limit: 1 });
    expect(page.entries[0]).toMatchObject({
      apiKeyName: expect.stringMatching(/^[ab]$/),
      costMicros: 100n,
      status: expect.any(Number),
      attempts: [],
    });
    expect(page.entries[0].createdAt).toBeInstanceOf(Date);
    const otherKey = (await modules.db().requestLog.findFirstOrThrow({ where: { id: { in: [...otherIds] } } }))
      .apiKeyId;
    expect(
      (await modules.queries.requestLogPage({ userId: owner.userId, filters: { apiKeyId: otherKey } })).entries,
    ).toEqual([]);
    await expect(modules.queries.requestLogPage({ userId: owner.userId, cursor: "not-a-cursor" })).rejects.toThrow(
      RangeError,
    );
    // The limit is clamped rather than trusted.
    expect((await modules.queries.requestLogPage({ userId: owner.userId, limit: 100_000 })).entries).toHaveLength(130);
    expect((await modules.queries.requestLogPage({ userId: owner.userId, limit: 0 })).entries).toHaveLength(1);
  });
});

/** RFC 4180, enough to read back what the export writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index += 1;
    } else field += character;
  }
  return rows;
}

describe("CSV export", () => {
  it("quotes awkward text, defuses formulas, formats money exactly", () => {
    expect(modules.queries.csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(modules.queries.csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(modules.queries.csvField("-1")).toBe("'-1");
    expect(modules.queries.csvField(-1)).toBe("-1");
    expect(modules.queries.csvField(null)).toBe("");
    expect(modules.queries.formatMicrosAsUsd(1_234n)).toBe("0.001234");
    expect(modules.queries.formatMicrosAsUsd(12_000_001n)).toBe("12.000001");
    expect(modules.queries.formatMicrosAsUsd(-5n)).toBe("-0.000005");
  });

  it("streams every filtered row, across pages, and nothing of anyone else's", async () => {
    const owner = await makeUser(['csv, "quoted" key']);
    const other = await makeUser(["other"]);
    const base = Date.parse("2025-04-01T00:00:00Z");
    const records = Array.from({ length: 2_345 }, (_, index) =>
      usageRecord(owner.userId, owner.keyIds[0], {
        createdAt: new Date(base + index * 10),
        model: index === 7 ? 'weird,"model"\nname' : index === 8 ? "=cmd()" : "openai/gpt-4o-mini",
        costMicros: BigInt(index),
      }),
    );
    await write([
      ...records,
      ...Array.from({ length: 20 }, () => usageRecord(other.userId, other.keyIds[0], { createdAt: new Date(base) })),
    ]);

    const lines: string[] = [];
    for await (const line of modules.queries.requestLogCsv({ userId: owner.userId })) lines.push(line);
    expect(lines.every((line) => line.endsWith("\r\n"))).toBe(true);
    const [header, ...rows] = parseCsv(lines.join(""));
    expect(header[0]).toBe("id");
    expect(rows).toHaveLength(records.length);
    const column = (name: string) => header.indexOf(name);
    expect(rows.map((row) => row[column("id")])).toEqual(newestFirstIds(records));
    const byId = new Map(rows.map((row) => [row[column("id")], row]));
    expect(byId.get(records[7].requestId)?.[column("model")]).toBe('weird,"model"\nname');
    expect(byId.get(records[8].requestId)?.[column("model")]).toBe("'=cmd()");
    expect(byId.get(records[1_234].requestId)?.[column("cost_usd")]).toBe("0.001234");
    expect(byId.get(records[0].requestId)?.[column("api_key_name")]).toBe('csv, "quoted" key');
    expect(byId.get(records[0].requestId)?.[column("created_at")]).toBe(records[0].createdAt.toISOString());

    const filtered: string[] = [];
    for await (const line of modules.queries.requestLogCsv({ userId: owner.userId, filters: { model: "=cmd()" } }))
      filtered.push(line);
    expect(filtered).toHaveLength(2);
  });
});

function newestFirstIds(records: UsageRecord[]): string[] {
  return [...records]
    .sort((left, right) => right.createdAt.getTime() - left.createdAt.getTime())
    .map((record) => record.requestId);
}
