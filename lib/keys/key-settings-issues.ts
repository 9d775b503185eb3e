// Checks a key form (create or edit) as a whole and reports every problem at once, each tied to its field: a person
// who fixes what they were told should not meet a new refusal on the next try. Pure: what only the database knows
// (which model ids exist, which names the user's active keys already have) comes in as `context`. Problems are codes
// with values, not sentences, so that each language words them (messages/<locale>/keys.json, "issues").
import { usdToMicros, type Micros } from "../money";
import { MAX_ALLOWED_IPS, normaliseIpEntry } from "./ip-allow-list";
import { KEY_LIMIT_BOUNDS, type KeyField, type KeyFormValues } from "./key-form-state";
import { duplicateKeyName, MAX_KEY_NAME_LENGTH } from "./key-name";

export const MAX_ALLOWED_MODELS = 100;
export const MAX_MODEL_ID_LENGTH = 200;

export type KeySettingsIssue =
  | { field: "name"; code: "required" | "tooLong"; max?: number }
  | { field: "name"; code: "duplicate"; name: string }
  | { field: "rpmLimit"; code: "notWholeNumber" | "tooSmall" | "tooLarge"; limit: number }
  | { field: "monthlyBudgetUsd"; code: "notAmount" | "tooSmall" | "tooLarge"; limitMicros: Micros }
  | { field: "expiresOn"; code: "notDate" | "notInFuture" }
  | { field: "allowedModels"; code: "tooMany" | "idTooLong"; max: number }
  | { field: "allowedModels"; code: "unknown"; models: string[] }
  | { field: "allowedIps"; code: "notAddress"; entry: string }
  | { field: "allowedIps"; code: "tooMany"; max: number };

/** A key's settings as stored: blank fields are no limit. */
export interface KeySettings {
  name: string;
  rpmLimit?: number;
  monthlyBudgetMicros?: Micros;
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

function checkRpm(text: string): Checked<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined, issues: [] };
  const { maxRpm } = KEY_LIMIT_BOUNDS;
  if (!/^\d+$/.test(trimmed))
    return { value: undefined, issues: [{ field: "rpmLimit", code: "notWholeNumber", limit: 60 }] };
  // Compared as a bigint: "99999999999999999999" is too large, not a rounding of one.
  const requested = BigInt(trimmed);
  if (requested < 1n) return { value: undefined, issues: [{ field: "rpmLimit", code: "tooSmall", limit: 1 }] };
  if (requested > BigInt(maxRpm))
    return { value: undefined, issues: [{ field: "rpmLimit", code: "tooLarge", limit: maxRpm }] };
  return { value: Number(requested), issues: [] };
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
  const rpmLimit = checkRpm(values.rpmLimit);
  const budget = checkBudget(values.monthlyBudgetUsd);
  const expiry = checkExpiry(values.expiresOn, context.now);
  const models = checkModels(values.allowedModels, context.unknownModels);
  const ips = checkIps(values.allowedIps);
  const issues = [name, rpmLimit, budget, expiry, models, ips].flatMap((checked) => checked.issues);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      name: name.value,
      rpmLimit: rpmLimit.value,
      monthlyBudgetMicros: budget.value,
      expiresAt: expiry.value,
      allowedModels: models.value,
      allowedIps: ips.value,
    },
  };
}

/** The fields with a problem, in the form's order. */
export function fieldsWithIssues(issues: readonly Pick<KeySettingsIssue, "field">[]): KeyField[] {
  const order: KeyField[] = ["name", "rpmLimit", "monthlyBudgetUsd", "expiresOn", "allowedModels", "allowedIps"];
  return order.filter((field) => issues.some((issue) => issue.field === field));
}
