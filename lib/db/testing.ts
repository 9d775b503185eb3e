// For tests beside the code that need a real PostgreSQL: a fresh, migrated database on the run's server
// (DATABASE_URL as `npm test` sets it, else the machine's local server).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { migrateDatabase } from "./bootstrap";
import { PrismaClient } from "./generated/client";

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

/**
 * For a test file: a Prisma client on a fresh database made before its tests and disconnected after them.
 * Call at the top level of the file; the returned function gives the client inside tests and hooks.
 */
export function useTestPrisma(name: string): () => PrismaClient {
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: await createTestDatabase(name) }) });
  }, 120_000);
  afterAll(async () => {
    await prisma?.$disconnect();
  });
  return () => {
    if (!prisma) throw new Error("the test database is made in beforeAll: use it inside tests and hooks");
    return prisma;
  };
}
