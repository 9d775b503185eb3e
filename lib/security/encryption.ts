// Provider keys are stored AES-256-GCM encrypted; they are decrypted only in the data plane.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "../env";

function key(): Buffer {
  const secret = env().ENCRYPTION_KEY;
  if (!secret) throw new Error("ENCRYPTION_KEY is not set (npm start generates one under .data/ for local use)");
  // Any string works as the secret; hashing gives the 32 bytes AES-256 needs.
  return createHash("sha256").update(secret).digest();
}

export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

export function decryptSecret(sealed: string): string {
  const data = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}

export function fingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
