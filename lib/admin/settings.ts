// Operator settings: each has a default from the environment (or a built-in one) and may be overridden in the
// database from the console, the CLI or MCP. The data plane reads them synchronously from memory (`settings()`); the
// copy is loaded at start and reloaded within a second of a change on any instance (lib/control-plane/changes.ts).
import "../server-only";
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { log } from "../log";
import { announceChange, onControlChange } from "../control-plane/changes";
import { type Actor, recordAudit } from "./audit";

/** Each setting: how a stored value is checked, and its default when none is stored. */
export const SETTING_DEFINITIONS = {
  /** Markup given to models created without one, in basis points (500 = 5%). */
  defaultMarkupBps: { schema: z.number().int().min(0).max(100_000), fallback: () => 0, env: null },
  /** Credit a new account starts with, USD. */
  signupCreditUsd: {
    schema: z.number().min(0).max(1_000_000),
    fallback: () => env().SIGNUP_CREDIT_USD,
    env: "SIGNUP_CREDIT_USD",
  },
  /** Requests per minute of a key that sets none. */
  defaultKeyRpm: {
    schema: z.number().int().min(1).max(1_000_000),
    fallback: () => env().DEFAULT_KEY_RPM,
    env: "DEFAULT_KEY_RPM",
  },
  /**
   * Bring your own provider: the customer's own endpoint has no catalog price, so what the operator charges for
   * carrying the request is a fee of its own, USD per request (on top of the per-token fee below).
   */
  byoRequestFeeUsd: { schema: z.number().min(0).max(100), fallback: () => 0, env: null },
  /** BYO fee per 1M tokens (prompt and completion alike), USD. */
  byoMillionTokensFeeUsd: { schema: z.number().min(0).max(1_000), fallback: () => 0, env: null },
} as const;

export type SettingName = keyof typeof SETTING_DEFINITIONS;
export type Settings = { [Name in SettingName]: z.infer<(typeof SETTING_DEFINITIONS)[Name]["schema"]> };
export const SETTING_NAMES = Object.keys(SETTING_DEFINITIONS) as SettingName[];

export interface SettingView {
  name: SettingName;
  value: number;
  /** "database": set by an operator; "environment": the variable named by `env`; "default": built in. */
  source: "database" | "environment" | "default";
  env: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const cache = globalThis as unknown as { switchyardSettings?: { stored: Partial<Settings>; loadedAt: number } };

function defaults(): Settings {
  return Object.fromEntries(
    SETTING_NAMES.map((name) => [name, SETTING_DEFINITIONS[name].fallback()]),
  ) as unknown as Settings;
}

function parseStored(rows: Array<{ key: string; value: unknown }>): Partial<Settings> {
  const stored: Partial<Record<SettingName, number>> = {};
  for (const row of rows) {
    if (!(row.key in SETTING_DEFINITIONS)) continue;
    const name = row.key as SettingName;
    const parsed = SETTING_DEFINITIONS[name].schema.safeParse(row.value);
    if (parsed.success) stored[name] = parsed.data;
    else log.warn("a stored setting is not valid; its default applies", { setting: name });
  }
  return stored as Partial<Settings>;
}

/** Reads the stored settings into memory. */
export async function loadSettings(): Promise<void> {
  const rows = await db().setting.findMany({ select: { key: true, value: true } });
  cache.switchyardSettings = { stored: parseStored(rows), loadedAt: Date.now() };
}

onControlChange("settings", () => {
  loadSettings().catch((error: unknown) => log.error("reloading settings after a change failed", { error }));
});

/** The settings in effect, from memory: stored values over the defaults (defaults alone until the first load). */
export function settings(): Settings {
  if (!cache.switchyardSettings) {
    cache.switchyardSettings = { stored: {}, loadedAt: 0 };
    loadSettings().catch((error: unknown) => log.error("loading settings failed; defaults apply", { error }));
  }
  return { ...defaults(), ...cache.switchyardSettings.stored };
}

/** The settings in effect, waiting for the first load (off the hot path: sign-up, the console). */
export async function loadedSettings(): Promise<Settings> {
  if (!cache.switchyardSettings?.loadedAt) await loadSettings();
  return settings();
}

/** Every setting with where its value comes from, read from the database (for the console). */
export async function describeSettings(): Promise<SettingView[]> {
  const rows = await db().setting.findMany();
  const stored = new Map(rows.map((row) => [row.key, row]));
  const valid = parseStored(rows);
  return SETTING_NAMES.map((name) => {
    const definition = SETTING_DEFINITIONS[name];
    const row = stored.get(name);
    const fromDatabase = valid[name] !== undefined;
    const envName = definition.env;
    const fromEnvironment = envName !== null && (process.env[envName]?.trim() ?? "") !== "";
    return {
      name,
      value: fromDatabase ? (valid[name] as number) : definition.fallback(),
      source: fromDatabase ? "database" : fromEnvironment ? "environment" : "default",
      env: envName,
      updatedAt: fromDatabase ? (row?.updatedAt ?? null) : null,
      updatedBy: fromDatabase ? (row?.updatedBy ?? null) : null,
    };
  });
}

export class SettingInputError extends Error {}

/**
 * Stores a setting (`null` removes the override, so the default applies again), audited, and announced to every
 * instance. Throws SettingInputError when the value is out of bounds.
 */
export async function updateSetting(actor: Actor, name: SettingName, value: number | null): Promise<void> {
  const definition = SETTING_DEFINITIONS[name];
  if (value !== null) {
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success) throw new SettingInputError(parsed.error.issues[0]?.message ?? "invalid value");
  }
  await db().$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: name } });
    if (value === null) await tx.setting.deleteMany({ where: { key: name } });
    else
      await tx.setting.upsert({
        where: { key: name },
        create: { key: name, value, updatedBy: actor.email },
        update: { value, updatedBy: actor.email },
      });
    await recordAudit(tx, actor, {
      action: value === null ? "setting.reset" : "setting.update",
      target: { type: "setting", id: name },
      before: before ? { value: before.value } : null,
      after: value === null ? null : { value },
    });
    await announceChange(tx, "settings");
  });
  await loadSettings();
}
