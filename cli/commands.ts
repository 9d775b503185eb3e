// The CLI's commands over lib/. Each returns the text to print; the last line of `key create` is the key alone.
import { parseArgs } from "node:util";
import { db } from "../lib/db/client";
import { createApiKey, unknownModels } from "../lib/keys/create-api-key";
import { AdminError } from "../lib/admin/admin-error";
import { cliActor } from "../lib/admin/audit";
import { mintAdminToken, revokeAdminToken } from "../lib/admin/tokens";
import { grantCredit, removeCredit } from "../lib/admin/accounts";
import { formatUsd, microsToUsd, usdToMicros } from "../lib/money";
import { BUDGET_PERIODS, type BudgetPeriod } from "../lib/billing/budget-periods";
import { listPlans, setAccountPlan } from "../lib/plans/plans";

export class CommandError extends Error {}

type Values = Record<string, string | boolean | undefined>;

function option(values: Values, name: string, required: true): string;
function option(values: Values, name: string, required?: boolean): string | undefined;
function option(values: Values, name: string, required = false): string | undefined {
  const value = values[name];
  if (required && (typeof value !== "string" || !value.trim())) throw new CommandError(`--${name} is required`);
  return typeof value === "string" ? value.trim() : undefined;
}

function positiveInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new CommandError(`--${name} must be a positive integer`);
  return value;
}

function usd(text: string, name: string, allowNegative?: boolean): bigint;
function usd(text: string | undefined, name: string, allowNegative?: boolean): bigint | undefined;
function usd(text: string | undefined, name: string, allowNegative = false): bigint | undefined {
  if (text === undefined) return undefined;
  let micros: bigint;
  try {
    micros = usdToMicros(text);
  } catch {
    throw new CommandError(`--${name} must be an amount in USD with at most six decimals, such as 5 or 0.25`);
  }
  if (!allowNegative && micros < 0n) throw new CommandError(`--${name} must not be negative`);
  return micros;
}

function date(text: string | undefined, name: string): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime()))
    throw new CommandError(`--${name} must be an ISO date such as 2026-12-31T00:00:00Z`);
  return parsed;
}

function email(text: string | undefined): string {
  const value = (text ?? "").toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw new CommandError("--email must be an email address");
  return value;
}

function table(rows: string[][]): string {
  if (rows.length === 0) return "";
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function parse(args: string[], options: Record<string, { type: "string" | "boolean" }>, allowPositionals = false) {
  // "--usd -0.5": a negative number is a value, not a flag.
  const joined: string[] = [];
  for (const arg of args) {
    const previous = joined.at(-1);
    if (
      /^-\d/.test(arg) &&
      previous?.startsWith("--") &&
      !previous.includes("=") &&
      options[previous.slice(2)]?.type === "string"
    )
      joined[joined.length - 1] = `${previous}=${arg}`;
    else joined.push(arg);
  }
  try {
    return parseArgs({ args: joined, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error));
  }
}

async function findUser(address: string) {
  const user = await db().user.findUnique({ where: { email: address } });
  if (!user) throw new CommandError(`no user with email ${address}`);
  return user;
}

async function keyCreate(args: string[]): Promise<string> {
  const { values } = parse(args, {
    email: { type: "string" },
    name: { type: "string" },
    credits: { type: "string" },
    rpm: { type: "string" },
    rpd: { type: "string" },
    tpm: { type: "string" },
    concurrency: { type: "string" },
    budget: { type: "string" },
    "budget-period": { type: "string" },
    models: { type: "string" },
    expires: { type: "string" },
  });
  const address = email(option(values, "email", true));
  const credits = usd(option(values, "credits"), "credits");
  const limits = {
    rpmLimit: positiveInteger(option(values, "rpm"), "rpm"),
    rpdLimit: positiveInteger(option(values, "rpd"), "rpd"),
    tpmLimit: positiveInteger(option(values, "tpm"), "tpm"),
    concurrencyLimit: positiveInteger(option(values, "concurrency"), "concurrency"),
  };
  const budget = usd(option(values, "budget"), "budget");
  if (budget !== undefined && budget <= 0n) throw new CommandError("--budget must be more than 0");
  const periodText = option(values, "budget-period");
  if (periodText !== undefined && !BUDGET_PERIODS.includes(periodText as BudgetPeriod))
    throw new CommandError("--budget-period must be day, week or month");
  if (periodText !== undefined && budget === undefined) throw new CommandError("--budget-period needs --budget");
  const expires = date(option(values, "expires"), "expires");
  const models =
    option(values, "models")
      ?.split(",")
      .map((model) => model.trim())
      .filter(Boolean) ?? [];
  // Checked before anything is written: a refused command creates no user and grants nothing.
  const unknown = await unknownModels(db(), models);
  if (unknown.length > 0) throw new CommandError(`unknown model id(s): ${unknown.join(", ")} (see: models list)`);
  const user = await db().user.upsert({ where: { email: address }, create: { email: address }, update: {} });
  if (credits !== undefined && credits > 0n) {
    await grantCredit(cliActor(), { userId: user.id }, { amountUsd: microsToUsd(credits), reason: "cli key create" });
  }
  // Key names are not checked for duplicates here, unlike on the dashboard: scripts make many keys, "cli" by default.
  const created = await createApiKey(db(), user.id, {
    name: option(values, "name") ?? "cli",
    ...limits,
    monthlyBudgetMicros: budget,
    budgetPeriod: (periodText as BudgetPeriod | undefined) ?? "month",
    allowedModels: models,
    allowedIps: [],
    expiresAt: expires,
  });
  const balance = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).balanceMicros;
  return [
    `created key ${created.id} (${created.prefix}…${created.lastFour}) for ${address}; balance ${formatUsd(balance)}`,
    created.key,
  ].join("\n");
}

async function keyList(args: string[]): Promise<string> {
  const { values } = parse(args, { email: { type: "string" } });
  const user = await findUser(email(option(values, "email", true)));
  const keys = await db().apiKey.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
  if (keys.length === 0) return `no keys for ${user.email}`;
  return table([
    ["ID", "NAME", "KEY", "CREATED", "LAST USED", "STATUS", "RPM", "RPD", "TPM", "CONCURRENCY", "BUDGET", "MODELS"],
    ...keys.map((key) => [
      key.id,
      key.name,
      `${key.prefix}…${key.lastFour}`,
      key.createdAt.toISOString(),
      key.lastUsedAt?.toISOString() ?? "-",
      key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= new Date() ? "expired" : "active",
      key.rpmLimit ? String(key.rpmLimit) : "plan",
      key.rpdLimit ? String(key.rpdLimit) : "plan",
      key.tpmLimit ? String(key.tpmLimit) : "plan",
      key.concurrencyLimit ? String(key.concurrencyLimit) : "plan",
      key.monthlyBudgetMicros ? `${formatUsd(key.monthlyBudgetMicros)}/${key.budgetPeriod}` : "-",
      key.allowedModels.join(",") || "all",
    ]),
  ]);
}

async function keyRevoke(args: string[]): Promise<string> {
  const { positionals } = parse(args, {}, true);
  const keyId = positionals[0];
  if (!keyId) throw new CommandError("key revoke needs a key id (see: key list --email E)");
  const key = await db().apiKey.findUnique({ where: { id: keyId } });
  if (!key) throw new CommandError(`no key with id ${keyId}`);
  if (key.revokedAt) return `key ${keyId} was already revoked at ${key.revokedAt.toISOString()}`;
  await db().apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
  return `revoked key ${keyId} (${key.prefix}…${key.lastFour}); the gateway refuses it within a second`;
}

/** A negative --usd removes credit: only what is not held for requests in flight (lib/admin/accounts.ts). */
async function creditsAdd(args: string[]): Promise<string> {
  const { values } = parse(args, { email: { type: "string" }, usd: { type: "string" }, reason: { type: "string" } });
  const user = await findUser(email(option(values, "email", true)));
  const amount = usd(option(values, "usd", true), "usd", true);
  if (amount === 0n) throw new CommandError("--usd must not be zero");
  const reason = option(values, "reason") || "cli credits add";
  const change = { amountUsd: microsToUsd(amount > 0n ? amount : -amount), reason };
  const { balanceMicros } =
    amount > 0n
      ? await grantCredit(cliActor(), { userId: user.id }, change)
      : await removeCredit(cliActor(), { userId: user.id }, change);
  return `${amount > 0n ? "added" : "removed"} ${formatUsd(amount > 0n ? amount : -amount)} for ${user.email}; balance ${formatUsd(balanceMicros)}`;
}

async function providersList(): Promise<string> {
  const providers = await db().provider.findMany({
    include: { keys: { orderBy: { createdAt: "asc" } } },
    orderBy: { id: "asc" },
  });
  const overview = table([
    ["ID", "NAME", "KIND", "BASE URL", "KEYS"],
    ...providers.map((provider) => {
      const enabled = provider.keys.filter((key) => key.enabled).length;
      const disabled = provider.keys.length - enabled;
      return [
        provider.id,
        provider.name,
        provider.kind,
        provider.baseUrl,
        `${enabled} active${disabled > 0 ? `, ${disabled} disabled` : ""}`,
      ];
    }),
  ]);
  // Keys out of service, with why and when: the upstream refused them (re-tested until they work) or they left the env.
  const out = providers.flatMap((provider) =>
    provider.keys.filter((key) => !key.enabled).map((key) => ({ provider, key })),
  );
  if (out.length === 0) return overview;
  const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");
  const details = table([
    ["PROVIDER", "KEY", "SINCE", "NEXT RE-TEST", "REASON"],
    ...out.map(({ provider, key }) => [
      provider.id,
      `${key.label} (…${key.lastFour})`,
      when(key.disabledAt),
      key.probeKind ? when(key.nextProbeAt) : "never",
      (key.lastProbeError
        ? `${key.disabledReason ?? ""}; last re-test: ${key.lastProbeError}`
        : (key.disabledReason ?? "")
      ).slice(0, 160),
    ]),
  ]);
  return `${overview}\n\nKeys out of service:\n${details}`;
}

async function modelsList(): Promise<string> {
  const models = await db().model.findMany({ orderBy: { id: "asc" } });
  const price = (micros: bigint | null) => (micros === null ? "-" : `$${microsToUsd(micros)}`);
  return table([
    ["ID", "KIND", "STATUS", "INPUT/1M", "CACHED/1M", "OUTPUT/1M", "UPSTREAM"],
    ...models.map((model) => [
      model.id,
      model.kind,
      model.status,
      price(model.inputPriceMicros),
      price(model.cachedInputPriceMicros),
      price(model.outputPriceMicros),
      model.upstreamModel,
    ]),
  ]);
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function usage(args: string[]): Promise<string> {
  const { values } = parse(args, { email: { type: "string" }, since: { type: "string" }, csv: { type: "boolean" } });
  const user = await findUser(email(option(values, "email", true)));
  const since = date(option(values, "since"), "since") ?? new Date(Date.now() - 30 * 86_400_000);
  const rows = await db().requestLog.findMany({
    where: { userId: user.id, createdAt: { gte: since } },
    orderBy: { createdAt: "asc" },
    take: 100_000,
  });
  const header = [
    "time",
    "request_id",
    "key_id",
    "model",
    "provider",
    "status",
    "prompt_tokens",
    "completion_tokens",
    "cost_usd",
    "latency_ms",
  ];
  const lines = rows.map((row) => [
    row.createdAt.toISOString(),
    row.id,
    row.apiKeyId,
    row.model,
    row.providerId ?? "",
    String(row.status),
    String(row.promptTokens),
    String(row.completionTokens),
    microsToUsd(row.costMicros).toFixed(6),
    String(row.latencyMs),
  ]);
  if (values.csv) return [header, ...lines].map((line) => line.map(csvCell).join(",")).join("\n");
  const total = rows.reduce((sum, row) => sum + row.costMicros, 0n);
  return `${table([header, ...lines])}\n${rows.length} requests since ${since.toISOString()}, total ${formatUsd(total)}`;
}

/** An admin service's refusal, as the CLI's one-line reason. */
async function asCommand<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AdminError)
      throw new CommandError(error.field ? `--${error.field}: ${error.message}` : error.message);
    throw error;
  }
}

async function adminTokenCreate(args: string[]): Promise<string> {
  const { values } = parse(args, { email: { type: "string" }, name: { type: "string" } });
  const address = email(option(values, "email", true));
  const minted = await asCommand(mintAdminToken(cliActor(), { email: address, name: option(values, "name") ?? "cli" }));
  return [
    `created admin token ${minted.id} “${minted.name}” (…${minted.lastFour}) for ${minted.email}; it is shown once`,
    minted.token,
  ].join("\n");
}

async function adminTokenRevoke(args: string[]): Promise<string> {
  const { positionals } = parse(args, {}, true);
  const id = positionals[0];
  if (!id) throw new CommandError("admin token revoke needs a token id (see /admin/tokens)");
  const outcome = await asCommand(revokeAdminToken(cliActor(), id));
  return outcome === "revoked"
    ? `revoked admin token ${id}; MCP calls with it get 401 from now on`
    : `admin token ${id} was already revoked`;
}

async function planList(): Promise<string> {
  const limit = (value: number | null) => (value === null ? "-" : String(value));
  return table([
    ["ID", "NAME", "RPM", "RPD", "TPM", "CONCURRENCY", "ACCOUNTS"],
    ...(await listPlans()).map((plan) => [
      plan.id,
      plan.name,
      plan.rpmLimit === null ? "default" : String(plan.rpmLimit),
      limit(plan.rpdLimit),
      limit(plan.tpmLimit),
      limit(plan.concurrencyLimit),
      String(plan.accounts),
    ]),
  ]);
}

async function planSet(args: string[]): Promise<string> {
  const { values } = parse(args, { email: { type: "string" }, plan: { type: "string" } });
  const address = email(option(values, "email", true));
  const name = await setAccountPlan(cliActor(), { email: address }, option(values, "plan", true));
  return `${address} is on the ${name} plan; its keys' limits change within a second`;
}

export async function runCommand(command: string, subcommand: string | undefined, args: string[]): Promise<string> {
  const name = ["key", "credits"].includes(command)
    ? `${command} ${subcommand ?? ""}`.trim()
    : command === "usage"
      ? "usage"
      : `${command} ${subcommand ?? ""}`.trim();
  switch (name) {
    case "key create":
      return keyCreate(args);
    case "key list":
      return keyList(args);
    case "key revoke":
      return keyRevoke(args);
    case "credits add":
      return creditsAdd(args);
    case "providers list":
      return providersList();
    case "models list":
      return modelsList();
    case "usage":
      return usage(args);
    case "plan list":
      return planList();
    case "plan set":
      return planSet(args);
    case "admin token":
      if (args[0] === "create") return adminTokenCreate(args.slice(1));
      if (args[0] === "revoke") return adminTokenRevoke(args.slice(1));
      throw new CommandError("usage: admin token create --email E [--name N] | admin token revoke <id>");
    default:
      throw new CommandError(
        `unknown command '${[command, subcommand].filter(Boolean).join(" ")}' (run: npm run -s cli -- help)`,
      );
  }
}
