// Keys taken out of service (take-key-out.ts) are re-tested with the probe that confirmed their refusal, on a
// back-off schedule kept in provider_keys, and come back by themselves once the probe passes. Any instance may run a
// round: a due key is claimed in the same statement that finds it, so two instances never probe one key at once.
import "../../server-only";
import { invalidateCatalog } from "../../catalog/catalog";
import { sql } from "../../db/pool";
import { postgresText } from "../../db/postgres-text";
import { env } from "../../env";
import { log } from "../../log";
import { storedKeySecret } from "../../security/stored-key-secret";
import type { ProviderKindName } from "../providers/registry";
import { probeKey, type ProbeKind } from "./key-probe";
import { retestDelayMs } from "./take-key-out";

/** How often an instance looks for due re-tests: every 15 s, or sooner when re-tests are set to come sooner. */
const checkEveryMs = () => Math.min(15_000, env().KEY_RETEST_MS);
/** How long a claimed key is left to the instance probing it before another may try. */
const CLAIM_MS = 5 * 60_000;

interface DueKey {
  id: string;
  encrypted_key: string;
  source: string;
  fingerprint: string;
  probe_kind: ProbeKind;
  probe_model: string | null;
  probe_failures: number;
  provider_id: string;
  provider_kind: ProviderKindName;
  base_url: string;
}

let nextCheckAt = 0;
let round: Promise<number> | undefined;

let timer: NodeJS.Timeout | undefined;

/**
 * Called on the request path: one clock read, and a round in the background when one is due. The first call also
 * starts a timer, so that a long-running server re-tests keys when no request comes (on Vercel, requests do it).
 */
export function retestKeysWhenDue(schedule: (work: Promise<unknown>) => void): void {
  if (!timer) {
    timer = setInterval(() => retestKeysWhenDue(() => undefined), checkEveryMs());
    timer.unref();
  }
  const now = Date.now();
  if (now < nextCheckAt || round) return;
  nextCheckAt = now + checkEveryMs();
  round = retestKeysOutOfService()
    .catch((error: unknown) => {
      log.warn("re-testing provider keys out of service failed", { error });
      return 0;
    })
    .finally(() => {
      round = undefined;
    });
  schedule(round);
}

/** Probes every key whose re-test is due; returns how many came back. */
export async function retestKeysOutOfService(): Promise<number> {
  const due = await sql<DueKey>(
    `UPDATE provider_keys k SET next_probe_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $1::double precision / 1000)
     FROM providers p
     WHERE p.id = k.provider_id AND NOT k.enabled AND k.probe_kind IS NOT NULL AND k.next_probe_at <= now() AT TIME ZONE 'UTC'
     RETURNING k.id, k.encrypted_key, k.source, k.fingerprint, k.probe_kind, k.probe_model, k.probe_failures, p.id AS provider_id,
       p.kind::text AS provider_kind, p.base_url`,
    [CLAIM_MS],
  );
  let restored = 0;
  for (const key of due) {
    if (await retest(key)) restored += 1;
  }
  if (restored > 0) invalidateCatalog();
  return restored;
}

async function retest(key: DueKey): Promise<boolean> {
  let secret: string | null;
  try {
    secret = storedKeySecret({
      providerId: key.provider_id,
      source: key.source,
      fingerprint: key.fingerprint,
      encryptedKey: key.encrypted_key,
    });
  } catch (error) {
    log.error("a provider key out of service cannot be decrypted for its re-test", { keyId: key.id, error });
    // Left to an instance that can decrypt it.
    await sql(`UPDATE provider_keys SET next_probe_at = now() AT TIME ZONE 'UTC' WHERE id = $1`, [key.id]);
    return false;
  }
  if (secret === null) return false;
  const target = {
    providerId: key.provider_id,
    providerKind: key.provider_kind,
    baseUrl: key.base_url.replace(/\/+$/, ""),
    secret,
  };
  const result = await probeKey(target, key.probe_kind, key.probe_model);
  if (result.outcome === "works") {
    await sql(
      `UPDATE provider_keys SET enabled = true, disabled_reason = NULL, disabled_at = NULL, probe_kind = NULL,
         probe_model = NULL, next_probe_at = NULL, probe_failures = 0, last_probe_at = now() AT TIME ZONE 'UTC',
         last_probe_error = NULL
       WHERE id = $1 AND probe_kind IS NOT NULL`,
      [key.id],
    );
    log.info("provider key back in service after a successful re-test", { providerId: key.provider_id, keyId: key.id });
    return true;
  }
  await sql(
    `UPDATE provider_keys SET probe_failures = probe_failures + 1, last_probe_at = now() AT TIME ZONE 'UTC',
       last_probe_error = $2, next_probe_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::double precision / 1000)
     WHERE id = $1 AND probe_kind IS NOT NULL`,
    [key.id, postgresText(`${result.outcome}: ${result.message}`.slice(0, 500)), retestDelayMs(key.probe_failures + 1)],
  );
  return false;
}

export function resetKeyRecoveryForTests(): void {
  nextCheckAt = 0;
}
