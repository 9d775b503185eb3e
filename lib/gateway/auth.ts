// Key → principal. Keys are looked up by SHA-256 and cached for one second, so that revocation and limit
// changes reach the data plane within a second, with at most one query per key per second. The cache is also dropped
// on an "accounts" change (a suspension, a spending limit), announced by any instance (lib/control-plane/changes.ts).
import "../server-only";
import { BlockList, isIP } from "node:net";
import { db } from "../db/client";
import { isDatabaseUnreachable } from "../db/database-errors";
import { hashApiKey } from "../auth/api-keys";
import { onControlChange } from "../control-plane/changes";
import { GatewayError } from "./errors";
import { effectiveKeyLimits, type KeyLimits } from "../plans/key-limits";
import type { BudgetPeriod } from "../db/generated/client";

export interface Principal {
  keyId: string;
  userId: string;
  keyName: string;
  expiresAt: Date | null;
  /** The key's own limits capped by its account's plan (lib/plans/key-limits.ts). */
  limits: KeyLimits;
  /** The account's plan, by name. */
  planName: string;
  /** The key's budget (named monthly before it had a period) and the period it applies to. */
  monthlyBudgetMicros: bigint | null;
  budgetPeriod: BudgetPeriod;
  /** null: every model. */
  allowedModels: Set<string> | null;
  allowedIps: BlockList | null;
  promptLogging: boolean;
  /** Set while an operator has the account suspended: every key of it is refused with 403 account_suspended. */
  suspension: { since: Date; reason: string } | null;
  /** The account's monthly spending limit (all its keys together); null = none (lib/billing/spending-limits.ts). */
  spendingLimitMicros: bigint | null;
  /** Whether the owner asked for spending or low-balance alerts (lib/billing/spending-alerts.ts checks after spend). */
  spendingAlerts: boolean;
  /**
   * "account": requests are charged to the user's credit. "never": the free demo's system account, which may make only
   * requests that cannot cost anything (handlers/paid-request.ts refuses the rest, and its meter charges nothing).
   */
  billing: "account" | "never";
}

const CACHE_TTL_MS = 1_000;
/** How old a cached key may be when the database cannot be asked. */
const STALE_WHILE_DOWN_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 50_000;

interface CacheEntry {
  principal: Principal | null;
  fetchedAt: number;
}

const cache = new Map<string, CacheEntry>();
const inFlight = new Map<string, Promise<CacheEntry>>();

// A suspension or a new spending limit applies to the next request, not after the TTL. A lookup already in flight
// may have read the row before the change: it is not kept either (the generation moved while it ran).
let generation = 0;
onControlChange("accounts", () => {
  generation += 1;
  cache.clear();
});

export function apiKeyFromHeaders(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1].trim();
  }
  return headers.get("x-api-key")?.trim() || undefined;
}

/** The columns a principal is made of: one query by hash here, by id for the playground's key. */
export const PRINCIPAL_KEY_COLUMNS = {
  id: true,
  userId: true,
  name: true,
  revokedAt: true,
  expiresAt: true,
  rpmLimit: true,
  rpdLimit: true,
  tpmLimit: true,
  concurrencyLimit: true,
  monthlyBudgetMicros: true,
  budgetPeriod: true,
  allowedModels: true,
  allowedIps: true,
  user: {
    select: {
      promptLogging: true,
      suspendedAt: true,
      suspendedReason: true,
      spendingLimitMicros: true,
      lowBalanceMicros: true,
      plan: { select: { name: true, rpmLimit: true, rpdLimit: true, tpmLimit: true, concurrencyLimit: true } },
    },
  },
} as const;

export interface PrincipalKeyRow {
  id: string;
  userId: string;
  name: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  rpmLimit: number | null;
  rpdLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  monthlyBudgetMicros: bigint | null;
  budgetPeriod: BudgetPeriod;
  allowedModels: string[];
  allowedIps: string[];
  user: {
    promptLogging: boolean;
    suspendedAt: Date | null;
    suspendedReason: string | null;
    spendingLimitMicros: bigint | null;
    lowBalanceMicros: bigint | null;
    plan: {
      name: string;
      rpmLimit: number | null;
      rpdLimit: number | null;
      tpmLimit: number | null;
      concurrencyLimit: number | null;
    };
  };
}

/** A key row as the data plane sees it; null for a revoked key. */
export function toPrincipal(key: PrincipalKeyRow | null): Principal | null {
  if (!key || key.revokedAt) return null;
  return {
    keyId: key.id,
    userId: key.userId,
    keyName: key.name,
    expiresAt: key.expiresAt,
    limits: effectiveKeyLimits(key, key.user.plan),
    planName: key.user.plan.name,
    monthlyBudgetMicros: key.monthlyBudgetMicros,
    budgetPeriod: key.budgetPeriod,
    allowedModels: key.allowedModels.length > 0 ? new Set(key.allowedModels) : null,
    allowedIps: key.allowedIps.length > 0 ? toBlockList(key.allowedIps) : null,
    promptLogging: key.user.promptLogging,
    suspension: key.user.suspendedAt ? { since: key.user.suspendedAt, reason: key.user.suspendedReason ?? "" } : null,
    spendingLimitMicros: key.user.spendingLimitMicros,
    spendingAlerts: key.user.spendingLimitMicros !== null || key.user.lowBalanceMicros !== null,
    billing: "account",
  };
}

async function lookup(keyHash: string): Promise<CacheEntry> {
  const startedIn = generation;
  const key = await db().apiKey.findUnique({ where: { keyHash }, select: PRINCIPAL_KEY_COLUMNS });
  const entry = { principal: toPrincipal(key), fetchedAt: Date.now() };
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  if (startedIn === generation) cache.set(keyHash, entry);
  return entry;
}

export async function authenticate(headers: Headers, clientIp: string | undefined): Promise<Principal> {
  const apiKey = apiKeyFromHeaders(headers);
  if (!apiKey) {
    throw new GatewayError(
      "invalid_api_key",
      "Missing API key: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'",
    );
  }
  const keyHash = hashApiKey(apiKey);
  let entry = cache.get(keyHash);
  if (!entry || Date.now() - entry.fetchedAt > CACHE_TTL_MS) {
    let pending = inFlight.get(keyHash);
    if (!pending) {
      pending = lookup(keyHash).finally(() => inFlight.delete(keyHash));
      inFlight.set(keyHash, pending);
    }
    const stale = entry;
    try {
      entry = await pending;
    } catch (error) {
      // While the database is out of reach, a key seen recently is served as it was then (its credit comes from this
      // instance's lease); a revocation made meanwhile takes effect when the database is back.
      if (!stale || !isDatabaseUnreachable(error) || Date.now() - stale.fetchedAt > STALE_WHILE_DOWN_MS) throw error;
      entry = stale;
    }
  }
  const principal = entry.principal;
  if (!principal) throw new GatewayError("invalid_api_key", "Invalid API key: it is unknown or has been revoked");
  checkKeyGuardrails(principal, clientIp);
  return principal;
}

/** The account's standing, then the key's own conditions on where and until when it may be used. */
export function checkKeyGuardrails(principal: Principal, clientIp: string | undefined): void {
  if (principal.suspension) {
    const reason = principal.suspension.reason.trim();
    throw new GatewayError(
      "account_suspended",
      `This account was suspended by the gateway's operator${reason ? `: ${reason}` : ""}. Every key of it is refused until it is unsuspended.`,
    );
  }
  if (principal.expiresAt && principal.expiresAt.getTime() <= Date.now()) {
    throw new GatewayError("key_expired", `This API key expired at ${principal.expiresAt.toISOString()}`);
  }
  if (principal.allowedIps && !ipAllowed(principal.allowedIps, clientIp)) {
    throw new GatewayError(
      "ip_not_allowed",
      `Requests from ${clientIp ?? "this address"} are not allowed for this API key`,
    );
  }
}

function toBlockList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address)) continue;
    if (prefix !== undefined) list.addSubnet(address, Number(prefix), family);
    else list.addAddress(address, family);
  }
  return list;
}

function ipAllowed(list: BlockList, clientIp: string | undefined): boolean {
  if (!clientIp) return false;
  const address = clientIp.startsWith("::ffff:") ? clientIp.slice(7) : clientIp;
  const family = isIP(address);
  if (!family) return false;
  return list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address as the platform reports it: the first x-forwarded-for hop, else x-real-ip. */
export function clientIpFrom(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim();
  return headers.get("x-real-ip")?.trim() || undefined;
}
