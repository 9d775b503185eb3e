// A provider key whose refusal a probe confirmed is taken out of service and flagged for the operator in the
// database (why, since when, when it is tried again), so that no instance keeps sending traffic to it. key-recovery.ts
// probes it again with back-off and puts it back by itself once it works.
import "../../server-only";
import { sql } from "../../db/pool";
import { postgresText } from "../../db/postgres-text";
import { dropProviderKey, invalidateCatalog } from "../../catalog/catalog";
import { env } from "../../env";
import { log } from "../../log";
import type { ProbeKind } from "./key-probe";

const LONGEST_RETEST_MS = 30 * 60_000;

/** The first re-test comes KEY_RETEST_MS (a minute) after a key is taken out; each failed one doubles the wait. */
export function retestDelayMs(failedProbes: number): number {
  return Math.min(LONGEST_RETEST_MS, env().KEY_RETEST_MS * 2 ** failedProbes);
}

export interface KeyOutOfService {
  keyId: string;
  providerId: string;
  reason: string;
  kind: ProbeKind;
  /** The upstream model a "credit" re-test asks for one token of. */
  probeModel: string | null;
}

export function takeKeyOut({ keyId, providerId, reason, kind, probeModel }: KeyOutOfService): void {
  dropProviderKey(keyId);
  sql(
    `UPDATE provider_keys SET enabled = false, disabled_reason = $2, disabled_at = now() AT TIME ZONE 'UTC',
       probe_kind = $3, probe_model = $4, probe_failures = 0,
       next_probe_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $5::double precision / 1000)
     WHERE id = $1 AND enabled AND source <> 'keyless'`,
    [keyId, postgresText(reason.slice(0, 500)), kind, probeModel, retestDelayMs(0)],
  )
    .then(() => invalidateCatalog())
    .catch((error: unknown) => log.error("could not take a refused provider key out of service", { keyId, error }));
  log.warn("provider key taken out of service", { providerId, keyId, reason });
}
