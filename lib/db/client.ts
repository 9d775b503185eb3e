// One Prisma client per process, over node-postgres (Prisma 7 needs a driver adapter).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

export type Database = PrismaClient;

const globalForPrisma = globalThis as unknown as { switchyardPrisma?: PrismaClient };

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a local database");
  return url;
}

export function db(): PrismaClient {
  globalForPrisma.switchyardPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl(), max: 20, idleTimeoutMillis: 30_000 }),
  });
  return globalForPrisma.switchyardPrisma;
}

export async function disconnectDatabase(): Promise<void> {
  await globalForPrisma.switchyardPrisma?.$disconnect();
  globalForPrisma.switchyardPrisma = undefined;
}
