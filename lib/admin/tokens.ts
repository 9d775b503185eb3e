// Admin access tokens: how an agent (or a script) acts on the control plane through MCP (POST /api/mcp) as one admin.
// "sy-admin-" + 40 random base62 characters, shown once, stored as SHA-256 like client keys (lib/auth/api-keys.ts):
// SHA-256 rather than a slow hash, because the token carries 238 bits of entropy. A token acts only while its user
// is an admin and not suspended; removing the flag or suspending the user disables their tokens at once.
import "../server-only";
import { z } from "zod";
import { hashApiKey, randomBase62 } from "../auth/api-keys";
import { db } from "../db/client";
import { AdminError } from "./admin-error";
import { type Actor, recordAudit } from "./audit";
import { emailSchema } from "./user-by-email";

export const ADMIN_TOKEN_PREFIX = "sy-admin-";
export const MAX_ADMIN_TOKEN_NAME_LENGTH = 100;
/** lastUsedAt is written at most this often per token: a busy agent does not turn every call into a write. */
const LAST_USED_EVERY_MS = 60_000;

const nameSchema = z
  .string()
  .trim()
  .min(1, "A name is required, such as “Claude Code on my laptop”")
  .max(MAX_ADMIN_TOKEN_NAME_LENGTH, `A name has at most ${MAX_ADMIN_TOKEN_NAME_LENGTH} characters`);

function parseOr<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminError(parsed.error.issues[0]?.message ?? "Not valid", field);
  return parsed.data;
}

export interface MintedAdminToken {
  id: string;
  /** The whole token: shown once, never stored. */
  token: string;
  name: string;
  lastFour: string;
  email: string;
}

/** Mints a token for the admin with `email`; refused for anyone who is not an admin (or is suspended). */
export async function mintAdminToken(actor: Actor, input: { email: string; name: string }): Promise<MintedAdminToken> {
  const email = parseOr(emailSchema, input.email, "email");
  const name = parseOr(nameSchema, input.name, "name");
  const token = ADMIN_TOKEN_PREFIX + randomBase62();
  const lastFour = token.slice(-4);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, isAdmin: true, suspendedAt: true } });
    if (!user) throw new AdminError(`No user with email ${email}`, "email");
    if (!user.isAdmin) throw new AdminError(`${email} is not an admin: only admins get admin tokens`, "email");
    if (user.suspendedAt) throw new AdminError(`${email} is suspended`, "email");
    const row = await tx.adminToken.create({
      data: { userId: user.id, name, tokenHash: hashApiKey(token), lastFour },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "admin_token.create",
      target: { type: "admin_token", id: row.id },
      after: { name, lastFour, email },
    });
    return { id: row.id, token, name, lastFour, email };
  });
}

/** Revokes a token: the next call made with it gets 401. Revoking a revoked token changes nothing. */
export async function revokeAdminToken(actor: Actor, id: string): Promise<"revoked" | "already-revoked"> {
  return db().$transaction(async (tx) => {
    const row = await tx.adminToken.findUnique({
      where: { id },
      select: { name: true, lastFour: true, revokedAt: true, user: { select: { email: true } } },
    });
    if (!row) throw new AdminError(`No admin token with id ${id}`, "id");
    if (row.revokedAt) return "already-revoked";
    await tx.adminToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "admin_token.revoke",
      target: { type: "admin_token", id },
      before: { name: row.name, lastFour: row.lastFour, email: row.user.email, revoked: false },
      after: { name: row.name, lastFour: row.lastFour, email: row.user.email, revoked: true },
    });
    return "revoked";
  });
}

export interface AdminTokenListing {
  id: string;
  name: string;
  lastFour: string;
  email: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every admin token, the working ones first, newest first. */
export async function listAdminTokens(): Promise<AdminTokenListing[]> {
  const rows = await db().adminToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      lastFour: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      user: { select: { email: true } },
    },
  });
  const listed = rows.map(({ user, ...row }) => ({ ...row, email: user.email }));
  return [...listed.filter((row) => !row.revokedAt), ...listed.filter((row) => row.revokedAt)];
}

export interface TokenActor extends Actor {
  userId: string;
  via: "mcp";
  tokenId: string;
}

/**
 * The admin a bearer token acts as, or null: unknown, revoked, or its user is no longer an admin or is suspended.
 * Read from the database on every call (an MCP call is a control-plane action, not the data plane's hot path).
 */
export async function authenticateAdminToken(token: string | undefined, now = new Date()): Promise<TokenActor | null> {
  if (!token?.startsWith(ADMIN_TOKEN_PREFIX)) return null;
  const row = await db().adminToken.findUnique({
    where: { tokenHash: hashApiKey(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, isAdmin: true, suspendedAt: true } },
    },
  });
  if (!row || row.revokedAt || !row.user.isAdmin || row.user.suspendedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db().adminToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { userId: row.user.id, email: row.user.email ?? row.user.id, via: "mcp", tokenId: row.id };
}
