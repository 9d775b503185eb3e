// The data plane's raw SQL (credit leases, batched usage writes) goes straight to node-postgres: measured, Prisma's
// raw-query path cost ~3% of a request's CPU at load for the same statements. The control plane uses Prisma.
import "../server-only";
import pg from "pg";
import { databaseUrl } from "./client";

// Scoped to this pool (pg's global parsers are shared with Prisma's adapter, which expects its own):
// BIGINT columns hold micro-USD, read as BigInt, never a lossy Number; TIMESTAMP columns hold UTC, as Prisma writes them.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === pg.types.builtins.INT8) return (value: string) => BigInt(value);
    if (oid === pg.types.builtins.TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A Date as the UTC text a TIMESTAMP column stores (pg would send local time, whose offset Postgres ignores). */
export function utc(date: Date | null): string | null {
  return date ? date.toISOString().replace("Z", "") : null;
}

const globalForPool = globalThis as unknown as { switchyardPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  globalForPool.switchyardPool ??= new pg.Pool({ connectionString: databaseUrl(), max: 10, idleTimeoutMillis: 30_000, types });
  return globalForPool.switchyardPool;
}

export async function sql<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  return (await sqlPool().query<Row>(text, values)).rows;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Whether a failed statement says the database is unreachable or busy (worth retrying the same work later), as opposed
 * to refusing the data itself (SQLSTATE classes 22 data exception, 23 integrity, 42 syntax or access).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return !["22", "23", "42", "2B", "44"].includes(code.slice(0, 2));
  // Node's socket errors (ECONNREFUSED, ECONNRESET, …) and pg's own words for a connection that went away.
  if (typeof code === "string" && code.startsWith("E")) return true;
  const message = error instanceof Error ? error.message : "";
  return /connection terminated|connection (?:is )?closed|timeout|Client has encountered a connection error/i.test(message);
}

/** Runs the statements in one transaction, in order. */
export async function inTransaction(statements: Array<{ text: string; values: unknown[] }>): Promise<void> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    for (const statement of statements) await client.query(statement.text, statement.values);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function closeSqlPool(): Promise<void> {
  await globalForPool.switchyardPool?.end();
  globalForPool.switchyardPool = undefined;
}
