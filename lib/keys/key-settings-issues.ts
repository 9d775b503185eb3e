// Checks a key form (create or edit) as a whole and reports every problem at once, each tied to its field: a person
// who fixes what they were told should not meet a new refusal on the next try. Pure: what only the database knows
// (which model ids exist, which names the user's active keys already have) comes in as `context`. Problems are codes
// with values, not sentences, so that each language words them (messages/<locale>/keys.json, "issues").
import { BUDGET_PERIODS, type BudgetPeriod } from "../billing/budget-periods";
import { usdToMicros, type Micros } from "../money";
import type { LimitColumns } from "../plans/key-limits";
import { MAX_ALLOWED_IPS, normaliseIpEntry } from "./ip-allow-list";
import {
  KEY_FIELDS,
  KEY_LIMIT_BOUNDS,
  type KeyField,
  type KeyFormValues,
  RATE_LIMIT_FIELDS,
  type RateLimitField,
} from "./key-form-state";
import { duplicateKeyName, MAX_KEY_NAME_LENGTH } from "./key-name";

export const MAX_ALLOWED_MODELS = 100;
export const MAX_MODEL_ID_LENGTH = 200;

export type KeySettingsIssue =
  | { field: "name"; code: "required" | "tooLong"; max?: number }
  | { field: "name"; code: "duplicate"; name: string }
  | { field: RateLimitField; code: "notWholeNumber" | "tooSmall" | "tooLarge"; limit: number }
  /** A key's limit can only lower its plan's. */
  | { field: RateLimitField; code: "abovePlan"; limit: number; plan: string }
  | { field: "monthlyBudgetUsd"; code: "notAmount" | "tooSmall" | "tooLarge"; limitMicros: Micros }
  | { field: "budgetPeriod"; code: "notPeriod" }
  | { field: "expiresOn"; code: "notDate" | "notInFuture" }
  | { field: "allowedModels"; code: "tooMany" | "idTooLong"; max: number }
  | { field: "allowedModels"; code: "unknown"; models: string[] }
  | { field: "allowedIps"; code: "notAddress"; entry: string }
  | { field: "allowedIps"; code: "tooMany"; max: number };

/** A key's settings as stored: blank fields are no limit. */
export interface KeySettings {
  name: string;
  rpmLimit?: number;
  rpdLimit?: number;
  tpmLimit?: number;
  concurrencyLimit?: number;
  monthlyBudgetMicros?: Micros;
  /** When the budget is whole again; by default monthly. */
  budgetPeriod?: BudgetPeriod;
  expiresAt?: Date;
  allowedModels: string[];
  allowedIps: string[];
}

export interface KeySettingsContext {
  now: Date;
  /** The ids of `requestedModels(values)` that name no model in the catalog. */
  unknownModels: readonly string[];
  /** The names of the user's other active keys (not the one being edited). */
  takenNames: readonly string[];
  /** The account's plan, whose limits the key's own can only lower; absent: not checked. */
  plan?: { name: string } & LimitColumns;
}

export type KeySettingsCheck = { ok: true; settings: KeySettings } | { ok: false; issues: KeySettingsIssue[] };

const splitList = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The model ids the form asks for, as checked: the caller looks these up to fill `context.unknownModels`. */
export function requestedModels(values: Pick<KeyFormValues, "allowedModels">): string[] {
  return [...new Set(splitList(values.allowedModels))];
}

type Checked<T> = { value: T; issues: KeySettingsIssue[] };

function checkName(text: string, takenNames: readonly string[]): Checked<string> {
  const name = text.trim();
  if (name === "") return { value: name, issues: [{ field: "name", code: "required" }] };
  if (name.length > MAX_KEY_NAME_LENGTH)
    return { value: name, issues: [{ field: "name", code: "tooLong", max: MAX_KEY_NAME_LENGTH }] };
  const taken = duplicateKeyName(name, takenNames);
  return { value: name, issues: taken === undefined ? [] : [{ field: "name", code: "duplicate", name: taken }] };
}

const RATE_LIMIT_RULES: Record<RateLimitField, { max: number; example: number }> = {
  rpmLimit: { max: KEY_LIMIT_BOUNDS.maxRpm, example: 60 },
  rpdLimit: { max: KEY_LIMIT_BOUNDS.maxRpd, example: 10_000 },
  tpmLimit: { max: KEY_LIMIT_BOUNDS.maxTpm, example: 100_000 },
  concurrencyLimit: { max: KEY_LIMIT_BOUNDS.maxConcurrency, example: 5 },
};

function checkRateLimit(
  field: RateLimitField,
  text: string,
  plan: KeySettingsContext["plan"],
): Checked<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined, issues: [] };
  const { max, example } = RATE_LIMIT_RULES[field];
  if (!/^\d+$/.test(trimmed)) return { value: undefined, issues: [{ field, code: "notWholeNumber", limit: example }] };
  // Compared as a bigint: "99999999999999999999" is too large, not a rounding of one.
  const requested = BigInt(trimmed);
  if (requested < 1n) return { value: undefined, issues: [{ field, code: "tooSmall", limit: 1 }] };
  if (requested > BigInt(max)) return { value: undefined, issues: [{ field, code: "tooLarge", limit: max }] };
  const planLimit = plan?.[field];
  if (plan && planLimit != null && requested > BigInt(planLimit))
    return { value: undefined, issues: [{ field, code: "abovePlan", limit: planLimit, plan: plan.name }] };
  return { value: Number(requested), issues: [] };
}

function checkPeriod(text: string): Checked<BudgetPeriod> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: "month", issues: [] };
  if (BUDGET_PERIODS.includes(trimmed as BudgetPeriod)) return { value: trimmed as BudgetPeriod, issues: [] };
  return { value: "month", issues: [{ field: "budgetPeriod", code: "notPeriod" }] };
}

function checkBudget(text: string): Checked<Micros | undefined> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined, issues: [] };
  const minimum = usdToMicros(KEY_LIMIT_BOUNDS.minMonthlyBudgetUsd);
  const maximum = usdToMicros(KEY_LIMIT_BOUNDS.maxMonthlyBudgetUsd);
  if (!/^\d+(\.\d{1,6})?$/.test(trimmed))
    return { value: undefined, issues: [{ field: "monthlyBudgetUsd", code: "notAmount", limitMicros: 25_000_000n }] };
  const micros = usdToMicros(trimmed);
  if (micros < minimum)
    return { value: undefined, issues: [{ field: "monthlyBudgetUsd", code: "tooSmall", limitMicros: minimum }] };
  if (micros > maximum)
    return { value: undefined, issues: [{ field: "monthlyBudgetUsd", code: "tooLarge", limitMicros: maximum }] };
  return { value: micros, issues: [] };
}

/** A key expires at the end of its day (UTC). Also on an edit, a date that has passed is refused. */
function checkExpiry(text: string, now: Date): Checked<Date | undefined> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined, issues: [] };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const date = match ? new Date(`${trimmed}T23:59:59.999Z`) : undefined;
  // "2030-02-31" parses to another day: only a date that reads back as written is one.
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== trimmed)
    return { value: undefined, issues: [{ field: "expiresOn", code: "notDate" }] };
  if (date.getTime() <= now.getTime())
    return { value: undefined, issues: [{ field: "expiresOn", code: "notInFuture" }] };
  return { value: date, issues: [] };
}

function checkModels(text: string, unknownModels: readonly string[]): Checked<string[]> {
  const models = requestedModels({ allowedModels: text });
  const issues: KeySettingsIssue[] = [];
  if (models.length > MAX_ALLOWED_MODELS)
    issues.push({ field: "allowedModels", code: "tooMany", max: MAX_ALLOWED_MODELS });
  if (models.some((model) => model.length > MAX_MODEL_ID_LENGTH))
    issues.push({ field: "allowedModels", code: "idTooLong", max: MAX_MODEL_ID_LENGTH });
  const unknown = models.filter((model) => unknownModels.includes(model) && model.length <= MAX_MODEL_ID_LENGTH);
  if (unknown.length > 0) issues.push({ field: "allowedModels", code: "unknown", models: unknown });
  return { value: models, issues };
}

function checkIps(text: string): Checked<string[]> {
  const entries = splitList(text);
  const issues: KeySettingsIssue[] = [];
  if (entries.length > MAX_ALLOWED_IPS) issues.push({ field: "allowedIps", code: "tooMany", max: MAX_ALLOWED_IPS });
  const normalised: string[] = [];
  for (const entry of entries.slice(0, MAX_ALLOWED_IPS)) {
    const canonical = normaliseIpEntry(entry);
    if (canonical === null) issues.push({ field: "allowedIps", code: "notAddress", entry: entry.slice(0, 60) });
    else normalised.push(canonical);
  }
  return { value: [...new Set(normalised)], issues };
}

export function checkKeySettings(values: KeyFormValues, context: KeySettingsContext): KeySettingsCheck {
  const name = checkName(values.name, context.takenNames);
  const [rpm, rpd, tpm, concurrency] = RATE_LIMIT_FIELDS.map((field) =>
    checkRateLimit(field, values[field], context.plan),
  );
  const budget = checkBudget(values.monthlyBudgetUsd);
  const period = checkPeriod(values.budgetPeriod);
  const expiry = checkExpiry(values.expiresOn, context.now);
  const models = checkModels(values.allowedModels, context.unknownModels);
  const ips = checkIps(values.allowedIps);
  const issues = [name, rpm, rpd, tpm, concurrency, budget, period, expiry, models, ips].flatMap(
    (checked) => checked.issues,
  );
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      name: name.value,
      rpmLimit: rpm.value,
      rpdLimit: rpd.value,
      tpmLimit: tpm.value,
      concurrencyLimit: concurrency.value,
      monthlyBudgetMicros: budget.value,
      budgetPeriod: period.value,
      expiresAt: expiry.value,
      allowedModels: models.value,
      allowedIps: ips.value,
    },
  };
}

/** The fields with a problem, in the form's order. */
export function fieldsWithIssues(issues: readonly Pick<KeySettingsIssue, "field">[]): KeyField[] {
  return KEY_FIELDS.filter((field) => issues.some((issue) => issue.field === field));
}
