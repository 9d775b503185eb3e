// Client API keys: "sy-live-" + 40 random base62 characters, shown once, stored as SHA-256 + prefix + last four.
// SHA-256 rather than a slow password hash: the key has 238 bits of entropy and is checked on every request.
import { createHash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "sy-live-";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 40;

export interface NewApiKey {
  key: string;
  keyHash: string;
  prefix: string;
  lastFour: string;
}

/** `length` random base62 characters, each equally likely (also the admin tokens' randomness). */
export function randomBase62(length = RANDOM_LENGTH): string {
  let random = "";
  while (random.length < length) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 × 62: rejecting bytes above it keeps every character equally likely.
      if (byte < 248 && random.length < length) random += ALPHABET[byte % 62];
    }
  }
  return random;
}

export function generateApiKey(): NewApiKey {
  const key = KEY_PREFIX + randomBase62();
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX.length + 4), lastFour: key.slice(-4) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
