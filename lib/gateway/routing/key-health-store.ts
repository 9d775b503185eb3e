// provider_key_health in PostgreSQL as the store that key-health.ts shares between instances.
import "../../server-only";
import { sql, utc, valuesPlaceholders } from "../../db/pool";
import { postgresTextOrNull } from "../../db/postgres-text";
import type { HealthStore } from "./key-health";

const HEALTH_CASTS = { 2: "::timestamp", 3: "::timestamp", 4: "::int", 5: "::int" };

export const databaseHealthStore: HealthStore = {
  async save(states) {
    const values: unknown[] = [];
    for (const state of states) {
      values.push(
        state.keyId,
        state.modelId,
        utc(state.coolingUntil),
        utc(state.circuitOpenUntil),
        state.consecutiveFailures,
        state.openings,
        // Upstream error text, which can echo what a request sent (a NUL, a lone surrogate).
        postgresTextOrNull(state.lastError),
      );
    }
    // A key deleted meanwhile has no row to attach health to: skip it rather than fail the batch.
    await sql(
      `INSERT INTO provider_key_health
         (key_id, model_id, cooling_until, circuit_open_until, consecutive_failures, openings, last_error, updated_at)
       SELECT v.*, now() AT TIME ZONE 'UTC'
       FROM (VALUES ${valuesPlaceholders(states.length, 7, HEALTH_CASTS)})
         AS v(key_id, model_id, cooling_until, circuit_open_until, consecutive_failures, openings, last_error)
       WHERE EXISTS (SELECT 1 FROM provider_keys k WHERE k.id = v.key_id)
       ON CONFLICT (key_id, model_id) DO UPDATE SET
         cooling_until = GREATEST(provider_key_health.cooling_until, excluded.cooling_until),
         circuit_open_until = excluded.circuit_open_until,
         consecutive_failures = excluded.consecutive_failures,
         openings = excluded.openings,
         last_error = excluded.last_error,
         updated_at = now() AT TIME ZONE 'UTC'`,
      values,
    );
  },
  async load(since) {
    const rows = await sql<{
      key_id: string;
      model_id: string;
      cooling_until: Date | null;
      circuit_open_until: Date | null;
      consecutive_failures: number;
      openings: number;
    }>(
      `SELECT key_id, model_id, cooling_until, circuit_open_until, consecutive_failures, openings
       FROM provider_key_health WHERE updated_at >= $1::timestamp`,
      [utc(since)],
    );
    return rows.map((row) => ({
      keyId: row.key_id,
      modelId: row.model_id,
      coolingUntil: row.cooling_until,
      circuitOpenUntil: row.circuit_open_until,
      consecutiveFailures: row.consecutive_failures,
      openings: row.openings,
    }));
  },
};
