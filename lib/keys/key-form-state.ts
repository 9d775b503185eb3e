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

export type KeyField = keyof KeyFormValues;

/** What is wrong with each field the person filled in, in words for them; the field's label says which. */
export type KeyFieldErrors = Partial<Record<KeyField, string>>;

/**
 * A refusal: `message` for what belongs to no field (the session ended, the key is gone), possibly empty when
 * `fieldErrors` says it all.
 */
export interface KeyFormError {
  status: "error";
  message: string;
  fieldErrors?: KeyFieldErrors;
  values: KeyFormValues;
}

export type CreateKeyState = { status: "idle" } | KeyFormError | { status: "created"; key: string; name: string };

export type EditKeyState = { status: "idle" } | KeyFormError | { status: "saved" };

/**
 * The bounds of a key's limits, shared by the schema (lib/keys/key-input.ts) and the inputs' attributes. The budget
 * cap also keeps micro-dollars far inside the database's bigint.
 */
export const KEY_LIMIT_BOUNDS = {
  maxRpm: 1_000_000,
  minMonthlyBudgetUsd: 0.01,
  maxMonthlyBudgetUsd: 1_000_000,
} as const;

/** The answer of a revocation: done, or why not. */
export type KeyActionResult = { ok: true } | { ok: false; message: string };

/** Another user's key id, a revoked key and an id that never existed all get this one answer (a 404 for actions). */
export const KEY_NOT_FOUND = "Key not found.";
