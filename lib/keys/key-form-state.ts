// What the key forms show after their server actions. Client-safe: no server imports here.

/** The key forms' fields as typed: sent back with an error, so that the form keeps what the person entered. */
export interface KeyFormValues {
  name: string;
  rpmLimit: string;
  rpdLimit: string;
  tpmLimit: string;
  concurrencyLimit: string;
  monthlyBudgetUsd: string;
  /** "day", "week" or "month" (the default): when the budget is whole again. */
  budgetPeriod: string;
  expiresOn: string;
  allowedModels: string;
  allowedIps: string;
}

export type KeyField = keyof KeyFormValues;

/** The fields of a key's rate limits: each a whole number, blank for its plan's. */
export const RATE_LIMIT_FIELDS = ["rpmLimit", "rpdLimit", "tpmLimit", "concurrencyLimit"] as const;
export type RateLimitField = (typeof RATE_LIMIT_FIELDS)[number];

/** Every field, in the form's order. */
export const KEY_FIELDS: readonly KeyField[] = [
  "name",
  ...RATE_LIMIT_FIELDS,
  "monthlyBudgetUsd",
  "budgetPeriod",
  "expiresOn",
  "allowedModels",
  "allowedIps",
];

/** One problem with a field, in words for the person (the field's label says which field). */
export interface KeyFormIssue {
  field: KeyField;
  message: string;
}

/**
 * A refusal: `issues` for each field (all of them at once), and `message` for what belongs to no field (the session
 * ended, the key is gone), possibly empty.
 */
export interface KeyFormError {
  status: "error";
  message: string;
  issues: KeyFormIssue[];
  values: KeyFormValues;
}

export type CreateKeyState =
  | { status: "idle" }
  | KeyFormError
  | { status: "created"; key: string; keyId: string; name: string };

export type EditKeyState = { status: "idle" } | KeyFormError | { status: "saved" };

/**
 * The bounds of a key's limits, shared by the check (lib/keys/key-settings-issues.ts) and the inputs' attributes. The budget
 * cap also keeps micro-dollars far inside the database's bigint.
 */
export const KEY_LIMIT_BOUNDS = {
  maxRpm: 1_000_000,
  maxRpd: 100_000_000,
  maxTpm: 100_000_000,
  maxConcurrency: 10_000,
  minMonthlyBudgetUsd: 0.01,
  maxMonthlyBudgetUsd: 1_000_000,
} as const;

/** The answer of a revocation: done, or why not. */
export type KeyActionResult = { ok: true } | { ok: false; message: string };
