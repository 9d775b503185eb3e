// Recent health of models and providers from the request log: how many requests were served, how many failed on our
// side or the provider's, and the median latency. Pure: turns the rows of one grouped query (recent-health.ts) into
// numbers per model and per provider.
//
// What counts, decided once here so that the model pages and the status page agree:
// - Served: status below 400. Failed: status 500 and up, except 501 (a model this gateway does not serve at all is
//   not an outage). The error rate is failed / (served + failed).
// - Client errors (other 4xx: a malformed request, no credit, a rate limit, 499 a client that went away) are the
//   caller's doing and say nothing about a model's health: they are in neither number.
// - Latency (whole request) and time to first token (streams) are medians over served requests only: a fast refusal
//   is not a fast answer.
// - A served request is logged under the model that served it, so its latency belongs to that model and provider.
//   A failed one is logged under the id the client asked for (an alias, a bare name) and no provider: it is resolved
//   through the catalog here and counted against that model's provider.

/** One row of the grouped query: GROUPING SETS ((model, provider_id), (model), (provider_id), ()). */
export interface HealthRow {
  model: string | null;
  providerId: string | null;
  /** GROUPING(model, provider_id): 0 (model, provider), 1 (model), 2 (provider), 3 (everything). */
  level: number;
  served: number;
  failed: number;
  p50LatencyMs: number | null;
  p50TtftMs: number | null;
}

export interface HealthStats {
  served: number;
  failed: number;
  /** served + failed */
  requests: number;
  /** failed / requests; 0 without requests. */
  errorRate: number;
  /** Null when nothing was served. */
  p50LatencyMs: number | null;
  /** Null when no stream was served. */
  p50TtftMs: number | null;
}

export interface RecentHealth {
  /** The start of the window counted. */
  since: Date;
  /** When the query ran: the numbers are as of then. */
  computedAt: Date;
  overall: HealthStats;
  /** By canonical model id. */
  models: Map<string, HealthStats>;
  /** By provider id. */
  providers: Map<string, HealthStats>;
}

/** Maps a logged model (id, alias or bare name) to the catalog model and its provider; undefined when unknown. */
export type ResolveModel = (logged: string) => { id: string; providerId: string } | undefined;

export const HEALTH_WINDOW_MS = 60 * 60 * 1000;

export function emptyStats(): HealthStats {
  return { served: 0, failed: 0, requests: 0, errorRate: 0, p50LatencyMs: null, p50TtftMs: null };
}

function addCounts(into: HealthStats, served: number, failed: number): void {
  into.served += served;
  into.failed += failed;
  into.requests = into.served + into.failed;
  into.errorRate = into.requests === 0 ? 0 : into.failed / into.requests;
}

function statsIn(map: Map<string, HealthStats>, key: string): HealthStats {
  let stats = map.get(key);
  if (!stats) {
    stats = emptyStats();
    map.set(key, stats);
  }
  return stats;
}

export function summarizeHealth(
  rows: readonly HealthRow[],
  resolve: ResolveModel,
  window: { since: Date; computedAt: Date },
): RecentHealth {
  const overall = emptyStats();
  const models = new Map<string, HealthStats>();
  const providers = new Map<string, HealthStats>();
  for (const row of rows) {
    if (row.level === 3) {
      addCounts(overall, row.served, row.failed);
      overall.p50LatencyMs = row.p50LatencyMs;
      overall.p50TtftMs = row.p50TtftMs;
    } else if (row.level === 1 && row.model !== null) {
      const model = resolve(row.model);
      if (!model) continue;
      const stats = statsIn(models, model.id);
      addCounts(stats, row.served, row.failed);
      // Served rows carry the canonical id, so its group alone has the latencies; an alias's group only failures.
      if (row.model === model.id) {
        stats.p50LatencyMs = row.p50LatencyMs;
        stats.p50TtftMs = row.p50TtftMs;
      }
    } else if (row.level === 2 && row.providerId !== null) {
      const stats = statsIn(providers, row.providerId);
      addCounts(stats, row.served, row.failed);
      stats.p50LatencyMs = row.p50LatencyMs;
      stats.p50TtftMs = row.p50TtftMs;
    } else if (row.level === 0 && row.providerId === null && row.failed > 0 && row.model !== null) {
      // Failures that reached no provider's answer: the provider of the model asked for.
      const model = resolve(row.model);
      if (model) addCounts(statsIn(providers, model.providerId), 0, row.failed);
    }
  }
  return { since: window.since, computedAt: window.computedAt, overall, models, providers };
}
