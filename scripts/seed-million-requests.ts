// Seeds one user with a big request log and times the dashboard's reads against it: the proof that usage charts
// and the request log stay fast with a million requests. Use a throwaway database (see lib/db/testing.ts):
//   node --import tsx scripts/seed-million-requests.ts postgresql://postgres@127.0.0.1:5432/switchyard_million [count] [--app <origin>]
// With --app, an app serving that same database (e.g. `DATABASE_URL=… PORT=3300 npm start`) is also timed end to end:
// the seeded user gets a session, and the dashboard pages are fetched whole, as a browser would load them.
// Rows are generated in SQL (INSERT … SELECT generate_series), and usage_daily is then built from them with the
// same aggregation the usage writer applies batch by batch (rebuildUsageDailyStatement).

// A module, not a global script: its `main` must not collide with other scripts' (scripts/migrate.ts).
export {};

const MODELS = [
  "openai/gpt-4o-mini",
  "openai/gpt-4o",
  "anthropic/claude-sonnet-4",
  "anthropic/claude-haiku-4",
  "google/gemini-2.5-flash",
  "meta/llama-3.3-70b",
];
const KEY_COUNT = 5;
const CHUNK = 250_000;
const RUNS = 7;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const appFlag = args.indexOf("--app");
  const appOrigin = appFlag === -1 ? undefined : args.splice(appFlag, 2)[1];
  const [url, countText] = args;
  if (!url || (appFlag !== -1 && !appOrigin))
    throw new Error(
      "usage: node --import tsx scripts/seed-million-requests.ts <database-url> [count] [--app <origin>]",
    );
  const count = countText ? Number(countText) : 1_000_000;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${countText}`);
  // Set before the modules that read configuration are loaded.
  process.env.DATABASE_URL = url;
  const { sql, closeSqlPool } = await import("../lib/db/pool");
  const { rebuildUsageDailyStatement } = await import("../lib/usage/rollup-statement");
  const queries = await import("../lib/usage/queries");

  const run = crypto.randomUUID().slice(0, 8);
  const userId = `seed_user_${run}`;
  await sql(`INSERT INTO users (id, email, balance_micros) VALUES ($1, $2, 0)`, [userId, `seed-${run}@example.com`]);
  const keyIds = Array.from({ length: KEY_COUNT }, (_, index) => `seed_key_${run}_${index + 1}`);
  for (const [index, keyId] of keyIds.entries()) {
    await sql(
      `INSERT INTO api_keys (id, user_id, name, key_hash, prefix, last_four) VALUES ($1, $2, $3, $4, 'sy-live-seed', $5)`,
      [keyId, userId, `key ${index + 1}`, `seed-hash-${run}-${index}`, String(1000 + index)],
    );
  }

  const seedStarted = performance.now();
  for (let first = 1; first <= count; first += CHUNK) {
    const last = Math.min(count, first + CHUNK - 1);
    // One random draw per property, per row (drawn in the inner SELECT, so each row gets its own). Over the last
    // 90 days; a few models dominate; ~4% errors of mixed kinds; ~0.5% refused (model ""); a long latency tail.
    await sql(
      `INSERT INTO request_logs (id, user_id, api_key_id, endpoint, model, provider_id, upstream_model, stream, status, error_code,
         finish_reason, prompt_tokens, completion_tokens, cost_micros, latency_ms, ttft_ms, created_at)
       SELECT 'seed_' || $1 || '_' || g, $2, ($3::text[])[1 + g % $4],
         'chat.completions',
         CASE WHEN refused THEN '' ELSE ($5::text[])[1 + floor(power(model_draw, 2) * cardinality($5::text[]))::int] END,
         CASE WHEN refused THEN NULL ELSE 'seed' END, NULL, g % 3 = 0,
         CASE WHEN refused THEN 402 WHEN status_draw < 0.02 THEN 429 WHEN status_draw < 0.03 THEN 500 WHEN status_draw < 0.035 THEN 499
              WHEN status_draw < 0.04 THEN 400 ELSE 200 END,
         CASE WHEN refused THEN 'insufficient_credits' WHEN status_draw < 0.04 THEN 'upstream_error' END,
         CASE WHEN refused OR status_draw < 0.04 THEN NULL ELSE 'stop' END,
         CASE WHEN refused THEN 0 ELSE prompt_tokens END,
         CASE WHEN refused OR status_draw < 0.04 THEN 0 ELSE completion_tokens END,
         CASE WHEN refused OR status_draw < 0.04 THEN 0 ELSE (prompt_tokens * 3 + completion_tokens * 12) / 10 END,
         latency_ms, CASE WHEN g % 3 = 0 THEN latency_ms / 4 END,
         (now() AT TIME ZONE 'UTC') - interval '90 days' * age_draw
       FROM (
         SELECT g, random() AS model_draw, random() AS status_draw, random() < 0.005 AS refused, random() AS age_draw,
           50 + floor(random() * 2000)::int AS prompt_tokens, floor(random() * 800)::int AS completion_tokens,
           (80 + random() * 900 + CASE WHEN random() < 0.05 THEN random() * 30000 ELSE 0 END)::int AS latency_ms
         FROM generate_series($6::int, $7::int) AS g
       ) AS draws`,
      [run, userId, keyIds, KEY_COUNT, MODELS, first, last],
    );
    process.stdout.write(`  request_logs: ${last.toLocaleString("en-US")} / ${count.toLocaleString("en-US")}\r`);
  }
  const seededMs = performance.now() - seedStarted;
  const rollupStarted = performance.now();
  const rebuild = rebuildUsageDailyStatement(userId);
  await sql(rebuild.text, rebuild.values);
  const rollupMs = performance.now() - rollupStarted;
  // Fresh statistics and visibility map, as autovacuum would leave a table that size.
  await sql(`VACUUM ANALYZE request_logs`);
  await sql(`VACUUM ANALYZE usage_daily`);
  const [sizes] = await sql<{ logs: bigint; daily: bigint }>(
    `SELECT (SELECT count(*) FROM request_logs WHERE user_id = $1) AS logs, (SELECT count(*) FROM usage_daily WHERE user_id = $1) AS daily`,
    [userId],
  );
  console.log(
    `\nseeded ${sizes.logs.toLocaleString("en-US")} request_logs in ${(seededMs / 1000).toFixed(1)} s; ` +
      `usage_daily: ${sizes.daily.toLocaleString("en-US")} rows built in ${(rollupMs / 1000).toFixed(1)} s`,
  );

  // A position about 60 days back, for a deep page: keyset paging makes it cost what the first page costs.
  const [deep] = await sql<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM request_logs WHERE user_id = $1 AND created_at < (now() AT TIME ZONE 'UTC') - interval '60 days'
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [userId],
  );
  const deepCursor = queries.encodeLogCursor(deep.created_at, deep.id);

  const cases: Array<[string, () => Promise<unknown>]> = [
    ["usageSeries 7d, no grouping", () => queries.usageSeries({ userId, days: 7, groupBy: "none" })],
    ["usageSeries 30d by model", () => queries.usageSeries({ userId, days: 30, groupBy: "model" })],
    ["usageSeries 30d by key", () => queries.usageSeries({ userId, days: 30, groupBy: "key" })],
    ["usageSeries 90d by model", () => queries.usageSeries({ userId, days: 90, groupBy: "model" })],
    ["usageSeries 90d by key", () => queries.usageSeries({ userId, days: 90, groupBy: "key" })],
    [
      "usageSeries 90d by model, one key",
      () => queries.usageSeries({ userId, days: 90, groupBy: "model", apiKeyId: keyIds[0] }),
    ],
    ["usageSummary 30d (p50/p95)", () => queries.usageSummary({ userId, days: 30 })],
    ["usageSummary 90d (p50/p95)", () => queries.usageSummary({ userId, days: 90 })],
    ["requestLogPage first, no filter", () => queries.requestLogPage({ userId, limit: 50 })],
    [
      "requestLogPage first, model+error",
      () => queries.requestLogPage({ userId, limit: 50, filters: { model: MODELS[1], status: "error" } }),
    ],
    [
      "requestLogPage first, key+status 429",
      () => queries.requestLogPage({ userId, limit: 50, filters: { apiKeyId: keyIds[2], status: 429 } }),
    ],
    ["requestLogPage deep (60d), no filter", () => queries.requestLogPage({ userId, limit: 50, cursor: deepCursor })],
    [
      "requestLogPage deep (60d), model+key",
      () =>
        queries.requestLogPage({
          userId,
          limit: 50,
          cursor: deepCursor,
          filters: { model: MODELS[2], apiKeyId: keyIds[1] },
        }),
    ],
    [
      "requestLogPage deep (60d), error",
      () => queries.requestLogPage({ userId, limit: 50, cursor: deepCursor, filters: { status: "error" } }),
    ],
    // The worst case of keyset paging: a filter no row matches walks the user's whole log to prove it.
    [
      "requestLogPage, status 404 (no match)",
      () => queries.requestLogPage({ userId, limit: 50, filters: { status: 404 } }),
    ],
    [
      "requestLogCsv first 10,000 lines",
      async () => {
        let lines = 0;
        for await (const line of queries.requestLogCsv({ userId })) {
          lines += line.endsWith("\r\n") ? 1 : 0;
          if (lines >= 10_000) break;
        }
      },
    ],
    // What the roll-ups spare the dashboard: the same 90-day chart as a GROUP BY over the raw log.
    [
      "(for contrast) GROUP BY request_logs 90d by model",
      () =>
        sql(
          `SELECT created_at::date, model, count(*), sum(cost_micros) FROM request_logs
           WHERE user_id = $1 AND created_at >= (now() AT TIME ZONE 'UTC') - interval '90 days' GROUP BY 1, 2`,
          [userId],
        ),
    ],
  ];

  await printTimings("query", cases);

  if (appOrigin) {
    // A database session, as next-auth keeps them, and its cookie: the pages then render for the seeded user.
    const token = `seed-session-${run}-${crypto.randomUUID()}`;
    await sql(`INSERT INTO sessions (id, session_token, user_id, expires) VALUES ($1, $2, $3, $4)`, [
      `seed_session_${run}`,
      token,
      userId,
      new Date(Date.now() + 3_600_000).toISOString(),
    ]);
    const origin = appOrigin.replace(/\/$/, "");
    const fetchWhole = async (path: string): Promise<void> => {
      const response = await fetch(`${origin}${path}`, {
        headers: { cookie: `authjs.session-token=${token}` },
        redirect: "manual",
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 200)}`);
      if (path.startsWith("/usage?") && !body.includes("log-row"))
        throw new Error(`GET ${path} rendered no request log rows`);
    };
    const pages: Array<[string, () => Promise<unknown>]> = [
      "/usage",
      "/usage?days=90",
      "/usage?days=90&split=key",
      "/usage?days=7&model=openai%2Fgpt-4o&status=error",
      `/usage?cursor=${encodeURIComponent(deepCursor)}`,
      "/billing",
      "/keys",
    ].map((path) => [`GET ${path}`, () => fetchWhole(path)]);
    await printTimings("page (whole HTML, streamed parts included)", pages);
  }

  const summary = await queries.usageSummary({ userId, days: 90 });
  console.log(
    `\n90-day summary: ${summary.requests.toLocaleString("en-US")} requests, error rate ${(summary.errorRate * 100).toFixed(2)}%, ` +
      `p50 < ${summary.p50LatencyMs} ms, p95 < ${summary.p95LatencyMs} ms, cost $${queries.formatMicrosAsUsd(summary.costMicros)}`,
  );
  await closeSqlPool();
}

async function printTimings(heading: string, cases: Array<[string, () => Promise<unknown>]>): Promise<void> {
  const rows: Array<{ name: string; first: string; median: string; max: string }> = [];
  for (const [name, run] of cases) {
    const timings: number[] = [];
    const runs = name.startsWith("(for contrast)") ? 3 : RUNS;
    for (let attempt = 0; attempt < runs; attempt++) {
      const started = performance.now();
      await run();
      timings.push(performance.now() - started);
    }
    const sorted = [...timings].sort((left, right) => left - right);
    rows.push({
      name,
      first: timings[0].toFixed(1),
      median: sorted[Math.floor(sorted.length / 2)].toFixed(1),
      max: sorted[sorted.length - 1].toFixed(1),
    });
  }
  const width = Math.max(heading.length, ...rows.map((row) => row.name.length));
  console.log(
    `\n${heading.padEnd(width)}  first ms  median ms  max ms   (${RUNS} runs each; first = before plans and pages are cached)`,
  );
  for (const row of rows)
    console.log(
      `${row.name.padEnd(width)}  ${row.first.padStart(8)}  ${row.median.padStart(9)}  ${row.max.padStart(6)}`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
