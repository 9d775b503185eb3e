// Getting a database ready: the configured one, or the embedded cluster under .data/; then migrations and seed.
import { join } from "node:path";
import pg from "pg";
import { embeddedPostgresUrl, startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";
import { PROJECT_ROOT } from "../project-root";

export interface ReadyDatabase {
  url: string;
  embedded: boolean;
  /** Where the embedded cluster's data lives (and, as root, why there), when this process started it. */
  location?: string;
  stop(): Promise<void>;
  /** When this process started the cluster: start it again on the same port after it died. */
  restart?(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded cluster — reusing it when `npm start` already runs it
 * (the CLI), starting it otherwise.
 */
export async function openDatabase(
  dataDir: string,
  databaseUrl: string | undefined,
  log?: (line: string) => void,
): Promise<ReadyDatabase> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => undefined };
  const running = embeddedPostgresUrl(dataDir);
  if (running && (await reachable(running))) return { url: running, embedded: true, stop: async () => undefined };
  let started = await startEmbeddedPostgres(dataDir, { database: "switchyard", log });
  const port = Number(new URL(started.url).port);
  return {
    url: started.url,
    embedded: true,
    location: started.location,
    stop: () => started.stop(),
    async restart() {
      await started.stop().catch(() => undefined);
      started = await startEmbeddedPostgres(dataDir, { database: "switchyard", log, port });
    },
  };
}

export async function migrateDatabase(url: string) {
  return migrate(url, join(PROJECT_ROOT, "prisma", "migrations"));
}
