// For test runs: an empty database of the given name on the run's PostgreSQL server (DATABASE_URL as `npm test` sets
// it, else the machine's local server), dropped first if it exists. Returns its URL. TEST_DATABASE_PREFIX, when set,
// goes before every name, so that two checkouts can run their suites on one server at once.
import pg from "pg";

export async function recreateDatabase(baseName: string): Promise<string> {
  const name = `${process.env.TEST_DATABASE_PREFIX ?? ""}${baseName}`;
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
  return url.toString();
}
