// Accounts and keys for tests, made the way an operator makes them: through the CLI (CONTRACT.md §3).
// SQL is used only for what the CLI has no command for (IP allow-lists, monthly budgets) and to read
// the money and the request log.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { inject } from "vitest";
import { childEnvironment } from "./test-environment";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run -s cli -- <args>` (without npm in between) against the test database, or with other `settings`. */
export function runCli(args: string[], settings: Record<string, string> = inject("appSettings")): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/index.ts", ...args],
      { cwd: repositoryRoot, env: childEnvironment(settings), timeout: 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

async function runCliOrThrow(args: string[]): Promise<CliResult> {
  const result = await runCli(args);
  if (result.exitCode !== 0) {
    throw new Error(`cli ${args.join(" ")} exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${Date.now()}-${randomBytes(4).toString("hex")}@example.com`;
}

export interface KeyOptions {
  email?: string;
  name?: string;
  /** USD added to the account. */
  credits?: number | string;
  rpm?: number;
  models?: string[];
  /** ISO date-time. */
  expires?: string;
}

export interface MintedKey {
  /** The secret key, as shown once. */
  key: string;
  email: string;
  /** api_keys.id */
  keyId: string;
  /** users.id */
  userId: string;
}

let pool: pg.Pool | undefined;

/** A small pool on the test database, closed with `closeDatabase()`. */
export function database(): pg.Pool {
  pool ??= new pg.Pool({
    connectionString: inject("databaseUrl"),
    max: 3,
    idleTimeoutMillis: 1_000,
    allowExitOnIdle: true,
  });
  return pool;
}

export async function closeDatabase(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.end();
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** `key create`: makes the user when missing, adds the credits, prints the key alone on the last line. */
export async function createKey(options: KeyOptions = {}): Promise<MintedKey> {
  const email = options.email ?? uniqueEmail();
  const args = ["key", "create", "--email", email];
  if (options.name !== undefined) args.push("--name", options.name);
  if (options.credits !== undefined) args.push("--credits", String(options.credits));
  if (options.rpm !== undefined) args.push("--rpm", String(options.rpm));
  if (options.models !== undefined) args.push("--models", options.models.join(","));
  if (options.expires !== undefined) args.push("--expires", options.expires);
  const { stdout } = await runCliOrThrow(args);
  const lines = stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const key = lines.at(-1) ?? "";
  const found = await database().query<{ id: string; user_id: string }>(
    "SELECT id, user_id FROM api_keys WHERE key_hash = $1",
    [hashKey(key)],
  );
  if (found.rowCount !== 1) {
    throw new Error(`key create printed ${JSON.stringify(key)} as its last line, but no api_keys row has its SHA-256`);
  }
  return { key, email, keyId: found.rows[0].id, userId: found.rows[0].user_id };
}

/**
 * A signed-in browser's cookie for `userId`: a session row as Auth.js keeps them (an hour long), and the cookie that
 * names it. Pages and server actions see that user signed in.
 */
export async function sessionCookie(userId: string): Promise<string> {
  const token = randomBytes(24).toString("hex");
  await database().query(
    "INSERT INTO sessions (id, session_token, user_id, expires) VALUES ($1, $2, $3, now() + interval '1 hour')",
    [`test_session_${token.slice(0, 12)}`, token, userId],
  );
  return `authjs.session-token=${token}`;
}

export function addCredits(email: string, usd: number | string): Promise<CliResult> {
  return runCliOrThrow(["credits", "add", "--email", email, "--usd", String(usd)]);
}

export function revokeKey(keyId: string): Promise<CliResult> {
  return runCliOrThrow(["key", "revoke", keyId]);
}

export function listKeys(email: string): Promise<CliResult> {
  return runCliOrThrow(["key", "list", "--email", email]);
}

/** Guardrails the CLI has no flag for. Set them before the key's first use: the app caches keys. */
export async function setKeyGuardrails(
  keyId: string,
  guardrails: { allowedIps?: string[]; monthlyBudgetMicros?: bigint | null; expiresAt?: Date | null },
): Promise<void> {
  if (guardrails.allowedIps !== undefined) {
    await database().query("UPDATE api_keys SET allowed_ips = $2 WHERE id = $1", [keyId, guardrails.allowedIps]);
  }
  if (guardrails.monthlyBudgetMicros !== undefined) {
    await database().query("UPDATE api_keys SET monthly_budget_micros = $2 WHERE id = $1", [
      keyId,
      guardrails.monthlyBudgetMicros === null ? null : guardrails.monthlyBudgetMicros.toString(),
    ]);
  }
  if (guardrails.expiresAt !== undefined) {
    await database().query("UPDATE api_keys SET expires_at = $2 WHERE id = $1", [keyId, guardrails.expiresAt]);
  }
}

export async function balanceMicros(userId: string): Promise<bigint> {
  const result = await database().query<{ balance_micros: string }>("SELECT balance_micros FROM users WHERE id = $1", [
    userId,
  ]);
  if (result.rowCount !== 1) throw new Error(`no user ${userId}`);
  return BigInt(result.rows[0].balance_micros);
}

export interface RequestLogRow {
  id: string;
  model: string;
  providerId: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  errorCode: string | null;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  costMicros: bigint;
  attempts: unknown;
  prompt: unknown;
}

export async function requestLogs(userId: string): Promise<RequestLogRow[]> {
  const result = await database().query<{
    id: string;
    model: string;
    provider_id: string | null;
    upstream_model: string | null;
    stream: boolean;
    status: number;
    error_code: string | null;
    finish_reason: string | null;
    prompt_tokens: number;
    completion_tokens: number;
    cost_micros: string;
    attempts: unknown;
    prompt: unknown;
  }>("SELECT * FROM request_logs WHERE user_id = $1 ORDER BY created_at", [userId]);
  return result.rows.map((row) => ({
    id: row.id,
    model: row.model,
    providerId: row.provider_id,
    upstreamModel: row.upstream_model,
    stream: row.stream,
    status: row.status,
    errorCode: row.error_code,
    finishReason: row.finish_reason,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    costMicros: BigInt(row.cost_micros),
    attempts: row.attempts,
    prompt: row.prompt,
  }));
}

export interface ModelRow {
  id: string;
  status: string;
  kind: string;
  inputPriceMicros: bigint | null;
  cachedInputPriceMicros: bigint | null;
  outputPriceMicros: bigint | null;
  markupBps: number;
}

/** A catalog row as seeded, for tests that size credits from prices or need a model of some status. */
export async function catalogModels(where = "TRUE", parameters: unknown[] = []): Promise<ModelRow[]> {
  const result = await database().query<{
    id: string;
    status: string;
    kind: string;
    input_price_micros: string | null;
    cached_input_price_micros: string | null;
    output_price_micros: string | null;
    markup_bps: number;
  }>(
    `SELECT id, status, kind, input_price_micros, cached_input_price_micros, output_price_micros, markup_bps
       FROM models WHERE ${where} ORDER BY id`,
    parameters,
  );
  const micros = (value: string | null): bigint | null => (value === null ? null : BigInt(value));
  return result.rows.map((row) => ({
    id: row.id,
    status: row.status,
    kind: row.kind,
    inputPriceMicros: micros(row.input_price_micros),
    cachedInputPriceMicros: micros(row.cached_input_price_micros),
    outputPriceMicros: micros(row.output_price_micros),
    markupBps: row.markup_bps,
  }));
}
