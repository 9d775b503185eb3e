// A user's client keys, for operators (MCP and, later, the console's user page): list, mint, change, revoke. The same
// checks as the dashboard's key forms (lib/keys/key-settings-issues.ts), worded for an operator; every change audited
// by name and last four, never the key. The data plane caches a key for a second, so a change applies within one.
import "../server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { keySpendThisMonth, listApiKeys } from "../db/queries/dashboard";
import { accountPlan, activeKeyNames, createApiKey, unknownModels } from "../keys/create-api-key";
import { keySettingsColumns } from "../keys/key-input";
import {
  checkKeySettings,
  type KeySettings,
  type KeySettingsIssue,
  requestedModels,
} from "../keys/key-settings-issues";
import type { KeyFormValues } from "../keys/key-form-state";
import type { BudgetPeriod } from "../billing/budget-periods";
import { formatUsd, type Micros } from "../money";
import { AdminError } from "./admin-error";
import { type Actor, recordAudit } from "./audit";
import { userByEmail } from "./user-by-email";

/** A key's settings as an operator gives them; `null` clears a limit, an absent field keeps it (on an update). */
export interface KeyChanges {
  name?: string;
  rpm?: number | null;
  rpd?: number | null;
  tpm?: number | null;
  concurrency?: number | null;
  monthlyBudgetUsd?: number | null;
  budgetPeriod?: BudgetPeriod;
  /** Public model ids the key may call; empty: every model. */
  models?: string[];
  /** IP addresses or CIDR ranges the key may be used from; empty: anywhere. */
  ips?: string[];
  /** The last day (UTC, YYYY-MM-DD) the key works. */
  expiresOn?: string | null;
}

const FIELD_NAMES: Record<KeySettingsIssue["field"], string> = {
  name: "name",
  rpmLimit: "rpm",
  rpdLimit: "rpd",
  tpmLimit: "tpm",
  concurrencyLimit: "concurrency",
  monthlyBudgetUsd: "monthly_budget_usd",
  budgetPeriod: "budget_period",
  expiresOn: "expires_on",
  allowedModels: "models",
  allowedIps: "ips",
};

function issueMessage(issue: KeySettingsIssue): string {
  switch (issue.field) {
    case "name":
      if (issue.code === "duplicate") return `the user already has an active key named “${issue.name}”`;
      return issue.code === "required" ? "a name is required" : `at most ${issue.max} characters`;
    case "rpmLimit":
    case "rpdLimit":
    case "tpmLimit":
    case "concurrencyLimit":
      if (issue.code === "notWholeNumber") return "a whole number";
      if (issue.code === "abovePlan")
        return `at most ${issue.limit}, the limit of the account's plan (${issue.plan}): a key can only lower it`;
      return issue.code === "tooSmall" ? `at least ${issue.limit}` : `at most ${issue.limit}`;
    case "budgetPeriod":
      return "day, week or month";
    case "monthlyBudgetUsd":
      if (issue.code === "notAmount") return "a USD amount with at most six decimals, such as 25 or 2.5";
      return `${issue.code === "tooSmall" ? "at least" : "at most"} ${formatUsd(issue.limitMicros)}`;
    case "expiresOn":
      return issue.code === "notDate" ? "a date such as 2030-12-31" : "the expiry must be in the future";
    case "allowedModels":
      if (issue.code === "unknown") return `no model has the id ${issue.models.join(", ")} (see list_models)`;
      return issue.code === "tooMany"
        ? `at most ${issue.max} models`
        : `a model id has at most ${issue.max} characters`;
    case "allowedIps":
      return issue.code === "tooMany"
        ? `at most ${issue.max} addresses or ranges`
        : `“${issue.entry}” is not an IP address or CIDR range`;
  }
}

function refusal(issues: KeySettingsIssue[]): AdminError {
  const message = issues.map((issue) => `${FIELD_NAMES[issue.field]}: ${issueMessage(issue)}`).join("; ");
  return new AdminError(message, FIELD_NAMES[issues[0].field]);
}

/** Micro-USD as the exact decimal text the key check reads ("2.5", "100"). */
function microsText(micros: Micros): string {
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${micros / 1_000_000n}${fraction ? `.${fraction}` : ""}`;
}

function usdText(usd: number): string {
  // toFixed(6) keeps "0.1" from turning into 0.1000000000000000055…; more decimals than six are refused, not rounded.
  if (!Number.isFinite(usd)) return String(usd);
  const text = usd.toFixed(6).replace(/\.?0+$/, "");
  return Number(text) === usd ? text : String(usd);
}

/** Every write here runs in a transaction, with its checks and its audit row. */
type Transaction = Prisma.TransactionClient;

function formValues(changes: KeyChanges, current: KeySettings): KeyFormValues {
  const text = <T>(change: T | null | undefined, stored: string) =>
    change === null ? "" : change === undefined ? stored : String(change);
  return {
    name: changes.name ?? current.name,
    rpmLimit: text(changes.rpm, current.rpmLimit === undefined ? "" : String(current.rpmLimit)),
    rpdLimit: text(changes.rpd, current.rpdLimit === undefined ? "" : String(current.rpdLimit)),
    tpmLimit: text(changes.tpm, current.tpmLimit === undefined ? "" : String(current.tpmLimit)),
    concurrencyLimit: text(
      changes.concurrency,
      current.concurrencyLimit === undefined ? "" : String(current.concurrencyLimit),
    ),
    budgetPeriod: changes.budgetPeriod ?? current.budgetPeriod ?? "month",
    monthlyBudgetUsd:
      changes.monthlyBudgetUsd == null
        ? text(
            changes.monthlyBudgetUsd,
            current.monthlyBudgetMicros === undefined ? "" : microsText(current.monthlyBudgetMicros),
          )
        : usdText(changes.monthlyBudgetUsd),
    expiresOn: text(changes.expiresOn, current.expiresAt?.toISOString().slice(0, 10) ?? ""),
    allowedModels: (changes.models ?? current.allowedModels).join(","),
    allowedIps: (changes.ips ?? current.allowedIps).join(","),
  };
}

async function checkedSettings(
  prisma: Transaction,
  userId: string,
  values: KeyFormValues,
  exceptKeyId?: string,
): Promise<KeySettings> {
  const now = new Date();
  const check = checkKeySettings(values, {
    now,
    unknownModels: await unknownModels(prisma, requestedModels(values)),
    takenNames: await activeKeyNames(prisma, userId, { now, exceptKeyId }),
    plan: await accountPlan(prisma, userId),
  });
  if (!check.ok) throw refusal(check.issues);
  return check.settings;
}

/** What the audit log keeps of a key: its name, last four and limits, never the key. */
function auditedKey(key: { name: string; lastFour: string } & Partial<KeySettings>, email: string | null) {
  return {
    email,
    name: key.name,
    lastFour: key.lastFour,
    rpm: key.rpmLimit ?? null,
    rpd: key.rpdLimit ?? null,
    tpm: key.tpmLimit ?? null,
    concurrency: key.concurrencyLimit ?? null,
    monthlyBudgetUsd: key.monthlyBudgetMicros === undefined ? null : formatUsd(key.monthlyBudgetMicros),
    budgetPeriod: key.budgetPeriod ?? "month",
    models: key.allowedModels,
    ips: key.allowedIps,
    expiresAt: key.expiresAt ?? null,
  };
}

export interface KeyListing {
  id: string;
  name: string;
  prefix: string;
  lastFour: string;
  status: "active" | "revoked" | "expired";
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rpmLimit: number | null;
  monthlyBudgetMicros: bigint | null;
  spentThisMonthMicros: bigint;
  allowedModels: string[];
  allowedIps: string[];
}

/** The user's keys, working ones first, with this month's spend of each. */
export async function listKeys(email: string, now = new Date()): Promise<{ email: string; keys: KeyListing[] }> {
  const user = await userByEmail(db(), email);
  const [keys, spend] = await Promise.all([listApiKeys(user.id), keySpendThisMonth(user.id, { now })]);
  return {
    email: user.email ?? email,
    keys: keys.map((key) => ({
      ...key,
      status: key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active",
      spentThisMonthMicros: spend.get(key.id) ?? 0n,
    })),
  };
}

/** Mints a key for the user with `email`; the whole key is in the answer once and nowhere else. */
export async function mintKey(
  actor: Actor,
  input: KeyChanges & { email: string; name: string },
): Promise<{ id: string; key: string; prefix: string; lastFour: string; email: string; settings: KeySettings }> {
  return db().$transaction(async (tx) => {
    const user = await userByEmail(tx, input.email);
    const empty: KeySettings = { name: input.name, allowedModels: [], allowedIps: [] };
    const settings = await checkedSettings(tx, user.id, formValues(input, empty));
    const created = await createApiKey(tx, user.id, settings);
    await recordAudit(tx, actor, {
      action: "key.create",
      target: { type: "api_key", id: created.id },
      after: auditedKey({ ...settings, lastFour: created.lastFour }, user.email),
    });
    return { ...created, email: user.email ?? input.email, settings };
  });
}

async function ownedKey(tx: Transaction, keyId: string) {
  const key = await tx.apiKey.findUnique({ where: { id: keyId }, include: { user: { select: { email: true } } } });
  if (!key) throw new AdminError(`No key with id ${keyId} (see list_keys)`, "key_id");
  return key;
}

function storedSettings(key: {
  name: string;
  rpmLimit: number | null;
  rpdLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  monthlyBudgetMicros: bigint | null;
  budgetPeriod: BudgetPeriod;
  expiresAt: Date | null;
  allowedModels: string[];
  allowedIps: string[];
}): KeySettings {
  return {
    name: key.name,
    rpmLimit: key.rpmLimit ?? undefined,
    rpdLimit: key.rpdLimit ?? undefined,
    tpmLimit: key.tpmLimit ?? undefined,
    concurrencyLimit: key.concurrencyLimit ?? undefined,
    monthlyBudgetMicros: key.monthlyBudgetMicros ?? undefined,
    budgetPeriod: key.budgetPeriod,
    expiresAt: key.expiresAt ?? undefined,
    allowedModels: key.allowedModels,
    allowedIps: key.allowedIps,
  };
}

/** Changes a key's name and limits; fields not given stay as they are, `null` clears a limit. */
export async function updateKey(actor: Actor, keyId: string, changes: KeyChanges): Promise<KeySettings> {
  return db().$transaction(async (tx) => {
    const key = await ownedKey(tx, keyId);
    if (key.revokedAt) throw new AdminError(`Key ${keyId} is revoked: it cannot be changed`, "key_id");
    const before = storedSettings(key);
    const settings = await checkedSettings(tx, key.userId, formValues(changes, before), key.id);
    await tx.apiKey.update({ where: { id: key.id }, data: keySettingsColumns(settings) });
    await recordAudit(tx, actor, {
      action: "key.update",
      target: { type: "api_key", id: key.id },
      before: auditedKey({ ...before, lastFour: key.lastFour }, key.user.email),
      after: auditedKey({ ...settings, lastFour: key.lastFour }, key.user.email),
    });
    return settings;
  });
}

/** Revokes a key: the gateway refuses it within a second. Revoking a revoked key changes nothing. */
export async function revokeKey(actor: Actor, keyId: string): Promise<"revoked" | "already-revoked"> {
  return db().$transaction(async (tx) => {
    const key = await ownedKey(tx, keyId);
    if (key.revokedAt) return "already-revoked";
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "key.revoke",
      target: { type: "api_key", id: key.id },
      before: { email: key.user.email, name: key.name, lastFour: key.lastFour, revoked: false },
      after: { email: key.user.email, name: key.name, lastFour: key.lastFour, revoked: true },
    });
    return "revoked";
  });
}
