// The last hour's health of every model and provider (recent-health-summary.ts says what counts), for the public
// model pages and the status page. One grouped query over the last hour of request_logs — found through the BRIN
// index on created_at — at most once a minute per instance, however many pages are viewed: a view is served from
// memory, and a stale minute is refreshed in the background while the last numbers are still shown.
import "../server-only";
import { getCatalog, resolveModelId } from "../catalog/catalog";
import { utc, withTransaction } from "../db/pool";
import { log } from "../log";
import { HEALTH_WINDOW_MS, summarizeHealth, type HealthRow, type RecentHealth } from "./recent-health-summary";

export const HEALTH_REFRESH_MS = 60_000;

// 501 is a model this gateway does not serve at all, not a failure of one it does.
const QUERY = `
  SELECT model,
         provider_id,
         GROUPING(model, provider_id)::int AS level,
         (count(*) FILTER (WHERE status < 400))::int AS served,
         (count(*) FILTER (WHERE status >= 500 AND status <> 501))::int AS failed,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE status < 400) AS p50_latency_ms,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY ttft_ms)
           FILTER (WHERE status < 400 AND stream AND ttft_ms IS NOT NULL) AS p50_ttft_ms
    FROM request_logs
   WHERE created_at >= $1::timestamp AND model <> ''
   GROUP BY GROUPING SETS ((model, provider_id), (model), (provider_id), ())`;

interface QueryRow {
  model: string | null;
  provider_id: string | null;
  level: number;
  served: number;
  failed: number;
  p50_latency_ms: number | null;
  p50_ttft_ms: number | null;
}

async function compute(): Promise<RecentHealth> {
  const computedAt = new Date();
  const since = new Date(computedAt.getTime() - HEALTH_WINDOW_MS);
  const [rows, catalog] = await Promise.all([
    withTransaction(async (client) => {
      // The planner's estimate for an hour of heavy traffic turns on JIT compilation, which measured 0.5 s of the
      // query's 1 s over 300k rows; the sorts are the real work.
      await client.query("SET LOCAL jit = off");
      return (await client.query<QueryRow>(QUERY, [utc(since)])).rows;
    }),
    getCatalog(),
  ]);
  const healthRows: HealthRow[] = rows.map((row) => ({
    model: row.model,
    providerId: row.provider_id,
    level: row.level,
    served: row.served,
    failed: row.failed,
    p50LatencyMs: row.p50_latency_ms,
    p50TtftMs: row.p50_ttft_ms,
  }));
  return summarizeHealth(
    healthRows,
    (logged) => {
      const id = resolveModelId(catalog, logged);
      const model = id ? catalog.models.get(id) : undefined;
      return model && { id: model.id, providerId: model.providerId };
    },
    { since, computedAt },
  );
}

let current: RecentHealth | undefined;
/** When the last query was started, successful or not: a failing database is asked once a minute too. */
let lastAttemptAt = 0;
let pending: Promise<RecentHealth | undefined> | undefined;

function refresh(): Promise<RecentHealth | undefined> {
  lastAttemptAt = Date.now();
  pending ??= compute()
    .then((health) => {
      current = health;
      return health;
    })
    .catch((error: unknown) => {
      log.warn("recent health: the request log could not be read", { error });
      return current;
    })
    .finally(() => {
      pending = undefined;
    });
  return pending;
}

/**
 * The last hour's health, at most a minute old (plus the query's own time). Undefined only when it has never been
 * read (the database was unreachable from the start): pages then say the numbers are unavailable.
 */
export async function recentHealth(): Promise<RecentHealth | undefined> {
  if (pending && !current) return pending;
  if (Date.now() - lastAttemptAt >= HEALTH_REFRESH_MS) {
    const refreshed = refresh();
    if (!current) return refreshed;
  }
  return current;
}

/** Tests: forget what was read, so the next call queries again. */
export function resetRecentHealthForTests(): void {
  current = undefined;
  lastAttemptAt = 0;
}
