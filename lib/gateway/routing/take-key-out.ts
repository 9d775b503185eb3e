// A provider key the upstream refuses (401/403, no quota or credit) is taken out of service and flagged for the
// operator in the database, so that no instance keeps sending traffic to it. Keys from the environment are put
// back by the next start, which is how an operator who fixed the key brings it back.
import "../../server-only";
import { sql } from "../../db/pool";
import { dropProviderKey, invalidateCatalog } from "../../catalog/catalog";
import { log } from "../../log";

export function takeKeyOut(keyId: string, providerId: string, reason: string): void {
  const flagged = `${new Date().toISOString()}: ${reason}`.slice(0, 500);
  dropProviderKey(keyId);
  sql(`UPDATE provider_keys SET enabled = false, disabled_reason = $2 WHERE id = $1 AND source <> 'keyless'`, [keyId, flagged])
    .then(() => invalidateCatalog())
    .catch((error: unknown) => log.error("could not take a refused provider key out of service", { keyId, error }));
  log.warn("provider key taken out of service", { providerId, keyId, reason });
}
