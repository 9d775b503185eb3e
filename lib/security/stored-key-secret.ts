// The secret of a provider key stored in the database. A key that came from this instance's environment is read from
// the environment itself (matched by fingerprint): it works even when the stored copy was encrypted with another
// ENCRYPTION_KEY (two instances that generated different ones). Any other key must decrypt, or it cannot be used.
import { providerEnv } from "../env";
import { providerDefinition } from "../gateway/providers/registry";
import { decryptSecret, fingerprint } from "./encryption";

export interface StoredKey {
  providerId: string;
  source: string;
  fingerprint: string;
  encryptedKey: string;
}

/** The key's secret, null for a keyless local server; throws when it can be neither found nor decrypted. */
export function storedKeySecret(key: StoredKey): string | null {
  if (key.source === "keyless") return null;
  if (key.source === "env") {
    const prefix = providerDefinition(key.providerId)?.envPrefix;
    const fromEnvironment = prefix
      ? providerEnv(prefix).apiKeys.find((secret) => fingerprint(secret) === key.fingerprint)
      : undefined;
    if (fromEnvironment) return fromEnvironment;
  }
  return decryptSecret(key.encryptedKey);
}

/** Keys in use (or to be re-tested) that this instance cannot read: "<provider>: <label>" for each. */
export function unreadableKeys(keys: Array<StoredKey & { label: string }>): string[] {
  const unreadable: string[] = [];
  for (const key of keys) {
    try {
      storedKeySecret(key);
    } catch {
      unreadable.push(`${key.providerId}: ${key.label}`);
    }
  }
  return unreadable;
}
