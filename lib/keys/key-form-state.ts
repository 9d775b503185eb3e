// What the key forms show after their server actions. Client-safe: no server imports here.

/** The key forms' fields as typed: sent back with an error, so that the form keeps what the person entered. */
export interface KeyFormValues {
  name: string;
  rpmLimit: string;
  monthlyBudgetUsd: string;
  expiresOn: string;
  allowedModels: string;
  allowedIps: string;
}

export type CreateKeyState =
  | { status: "idle" }
  | { status: "error"; message: string; values: KeyFormValues }
  | { status: "created"; key: string; name: string };

export type EditKeyState = { status: "idle" } | { status: "error"; message: string; values: KeyFormValues } | { status: "saved" };

/** The answer of a revocation: done, or why not. */
export type KeyActionResult = { ok: true } | { ok: false; message: string };

/** Another user's key id, a revoked key and an id that never existed all get this one answer (a 404 for actions). */
export const KEY_NOT_FOUND = "Key not found.";
