// For tests beside the code that need a real PostgreSQL: a fresh, migrated database on the run's server
// (DATABASE_URL as `npm test` sets it, else the machine's local server).
import pg from "pg";
import { migrateDatabase } from "./bootstrap";

export async function createTestDatabase(name: string): Promise<string> {
  const server = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  const admin = new URL(server);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return url.toString();
}
