// A user's client keys: list, mint (the key is in the answer once), change, revoke (only with confirm: true).
import { z } from "zod";
import { AdminError } from "../../admin/admin-error";
import { listKeys, mintKey, revokeKey, updateKey } from "../../admin/keys";
import { db } from "../../db/client";
import type { KeySettings } from "../../keys/key-settings-issues";
import { microsToUsd } from "../../money";
import { defineTool, email, iso, keyId, usd } from "../tool";

const limits = {
  monthly_budget_usd: usd.describe("The key's spending cap per budget period in US dollars (at least 0.01)"),
  budget_period: z
    .enum(["day", "week", "month"])
    .describe("When the budget is whole again: each day, week (from Monday) or month, UTC; month by default"),
  rpm: z.number().int().describe("Requests per minute the key may make (at most its account's plan's)"),
  rpd: z.number().int().describe("Requests per UTC day the key may make (at most its account's plan's)"),
  tpm: z.number().int().describe("Tokens per minute (prompt plus max_tokens, corrected to real use)"),
  concurrency: z.number().int().describe("Requests the key may have in flight at once (a stream until it ends)"),
  models: z
    .array(z.string().max(200))
    .max(100)
    .describe("Catalog model ids the key may call (see list_models); empty: every model"),
  expires_on: z
    .string()
    .max(10)
    .describe("The last day the key works, YYYY-MM-DD (UTC; it stops at the end of that day)"),
  ips: z
    .array(z.string().max(100))
    .max(100)
    .describe("IP addresses or CIDR ranges the key may be used from; empty: any"),
};

function settingsData(settings: KeySettings) {
  return {
    name: settings.name,
    rpm: settings.rpmLimit ?? null,
    rpd: settings.rpdLimit ?? null,
    tpm: settings.tpmLimit ?? null,
    concurrency: settings.concurrencyLimit ?? null,
    monthly_budget_usd: settings.monthlyBudgetMicros === undefined ? null : microsToUsd(settings.monthlyBudgetMicros),
    budget_period: settings.budgetPeriod ?? "month",
    models: settings.allowedModels,
    ips: settings.allowedIps,
    expires_at: iso(settings.expiresAt),
  };
}

export const listKeysTool = defineTool({
  name: "list_keys",
  title: "List keys",
  description: "A user's API keys (by prefix and last four, never the key) with their limits and spend this month.",
  input: { email },
  mutates: false,
  async run(args) {
    const { email: address, keys } = await listKeys(args.email);
    return {
      summary: `${keys.length} key(s) for ${address}`,
      data: {
        email: address,
        keys: keys.map((key) => ({
          key_id: key.id,
          name: key.name,
          key_hint: `${key.prefix}…${key.lastFour}`,
          status: key.status,
          rpm: key.rpmLimit,
          monthly_budget_usd: key.monthlyBudgetMicros === null ? null : microsToUsd(key.monthlyBudgetMicros),
          spent_this_month_usd: microsToUsd(key.spentThisMonthMicros),
          models: key.allowedModels,
          ips: key.allowedIps,
          expires_at: iso(key.expiresAt),
          created_at: iso(key.createdAt),
          last_used_at: iso(key.lastUsedAt),
        })),
      },
    };
  },
});

export const mintKeyTool = defineTool({
  name: "mint_key",
  title: "Mint a key",
  description:
    "Creates an API key for a user, with optional limits. The whole key is in this answer once and never again: " +
    "hand it over now.",
  input: {
    email,
    name: z.string().max(200).describe("The key's name, unique among the user's active keys"),
    monthly_budget_usd: limits.monthly_budget_usd.optional(),
    budget_period: limits.budget_period.optional(),
    rpm: limits.rpm.optional(),
    rpd: limits.rpd.optional(),
    tpm: limits.tpm.optional(),
    concurrency: limits.concurrency.optional(),
    models: limits.models.optional(),
    expires_on: limits.expires_on.optional(),
    ips: limits.ips.optional(),
  },
  mutates: true,
  async run(args, { actor }) {
    const created = await mintKey(actor, {
      email: args.email,
      name: args.name,
      monthlyBudgetUsd: args.monthly_budget_usd,
      budgetPeriod: args.budget_period,
      rpm: args.rpm,
      rpd: args.rpd,
      tpm: args.tpm,
      concurrency: args.concurrency,
      models: args.models,
      expiresOn: args.expires_on,
      ips: args.ips,
    });
    return {
      summary: `minted key ${created.id} for ${created.email} (shown once): ${created.key}`,
      data: {
        key_id: created.id,
        key: created.key,
        key_hint: `${created.prefix}…${created.lastFour}`,
        email: created.email,
        ...settingsData(created.settings),
      },
    };
  },
});

export const updateKeyTool = defineTool({
  name: "update_key",
  title: "Change a key",
  description:
    "Changes a key's name and limits. Arguments left out stay as they are; null clears a limit. Applies within a second.",
  input: {
    key_id: keyId,
    name: z.string().max(200).optional().describe("A new name"),
    monthly_budget_usd: limits.monthly_budget_usd.nullable().optional(),
    budget_period: limits.budget_period.optional(),
    rpm: limits.rpm.nullable().optional(),
    rpd: limits.rpd.nullable().optional(),
    tpm: limits.tpm.nullable().optional(),
    concurrency: limits.concurrency.nullable().optional(),
    models: limits.models.optional(),
    expires_on: limits.expires_on.nullable().optional(),
    ips: limits.ips.optional(),
  },
  mutates: true,
  async run(args, { actor }) {
    const settings = await updateKey(actor, args.key_id, {
      name: args.name,
      monthlyBudgetUsd: args.monthly_budget_usd,
      budgetPeriod: args.budget_period,
      rpm: args.rpm,
      rpd: args.rpd,
      tpm: args.tpm,
      concurrency: args.concurrency,
      models: args.models,
      expiresOn: args.expires_on,
      ips: args.ips,
    });
    return { summary: `saved key ${args.key_id}`, data: { key_id: args.key_id, ...settingsData(settings) } };
  },
});

export const revokeKeyTool = defineTool({
  name: "revoke_key",
  title: "Revoke a key",
  description:
    "Revokes a key for good: the gateway refuses it within a second. Refused unless `confirm` is true, so that a " +
    "revocation is always deliberate.",
  input: {
    key_id: keyId,
    confirm: z.boolean().optional().describe("Must be true: the revocation cannot be undone"),
  },
  mutates: true,
  async run(args, { actor }) {
    if (args.confirm !== true) {
      const key = await db().apiKey.findUnique({
        where: { id: args.key_id },
        select: { name: true, prefix: true, lastFour: true, user: { select: { email: true } } },
      });
      if (!key) throw new AdminError(`No key with id ${args.key_id} (see list_keys)`, "key_id");
      throw new AdminError(
        `Not revoked: revoking key “${key.name}” (${key.prefix}…${key.lastFour}) of ${key.user.email} cannot be ` +
          "undone; call revoke_key again with confirm: true",
        "confirm",
      );
    }
    const outcome = await revokeKey(actor, args.key_id);
    return {
      summary: outcome === "revoked" ? `revoked key ${args.key_id}` : `key ${args.key_id} was already revoked`,
      data: { key_id: args.key_id, revoked: true, already_revoked: outcome === "already-revoked" },
    };
  },
});
