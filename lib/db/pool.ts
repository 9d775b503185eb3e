// The data plane's raw SQL (credit leases, batched usage writes) goes straight to node-postgres: measured, Prisma's
// raw-query path cost ~3% of a request's CPU at load for the same statements. The control plane uses Prisma.
import "../server-only";
import pg from "pg";
import { log } from "../log";
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
/**
 * The VALUES rows of a multi-row INSERT: `($1, $2::bigint), ($3, $4::bigint)` for 2 rows of 2 columns with
 * casts `{ 1: "::bigint" }`. The values go in row by row.
 */
export function valuesPlaceholders(rowCount: number, columnCount: number, casts: Record<number, string> = {}): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    const cells: string[] = [];
    for (let column = 0; column < columnCount; column++)
      cells.push(`$${row * columnCount + column + 1}${casts[column] ?? ""}`);
    rows.push(`(${cells.join(", ")})`);
  }
  return rows.join(", ");
}

export function utc(date: Date | null): string | null {
  return date ? date.toISOString().replace("Z", "") : null;
}

const globalForPool = globalThis as unknown as { switchyardPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  if (!globalForPool.switchyardPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 10, idleTimeoutMillis: 30_000, types });
    // An idle connection the server dropped (a restart) is reported here; without a listener it would end the process.
    pool.on("error", (error) =>
      log.warn("an idle database connection failed; it will be replaced", { error: error.message }),
    );
    globalForPool.switchyardPool = pool;
  }
  return globalForPool.switchyardPool;
}

export async function sql<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
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
