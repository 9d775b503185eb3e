// For tests beside the code that need a real PostgreSQL: a fresh, migrated database on the run's server
// (DATABASE_URL as `npm test` sets it, else the machine's local server).
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll } from "vitest";
import { migrateDatabase } from "./bootstrap";
import { PrismaClient } from "./generated/client";
import { recreateDatabase } from "./recreate-database";

export async function createTestDatabase(name: string): Promise<string> {
  const url = await recreateDatabase(name);
  await migrateDatabase(url);
  return url;
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
