// npm test: every test — lint (Biome: format and lint), unit, integration (the built app against PostgreSQL and local stand-ins), and
// Playwright e2e in Chromium. Without DATABASE_URL one embedded PostgreSQL serves the whole run; each suite
// makes its own database on it. With DATABASE_URL, that server is used the same way.
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { startEmbeddedPostgres, type RunningDatabase } from "../lib/db/embedded";

const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

let running: ChildProcess | undefined;
let database: RunningDatabase | undefined;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env });
    running = child;
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

// Interrupted (not only by Ctrl-C, which reaches every process), the run stops its suite, then its cluster: one
// left running would hold the data folder's lock.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, async () => {
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((done) => running?.once("exit", done));
      running.kill(signal);
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
    }
    await database?.stop().catch(() => undefined);
    process.exit(130);
  });
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const suites = [
    // Formatting and lint first: seconds, and a finding fails the run like a test (`npm run format` fixes most).
    { name: "lint", command: bin("biome"), args: ["check", "--error-on-warnings", "."] },
    { name: "unit", command: bin("vitest"), args: ["run", "--project", "unit"] },
    { name: "integration", command: bin("vitest"), args: ["run", "--project", "integration"] },
    { name: "e2e", command: bin("playwright"), args: ["test"] },
  ].filter((suite) => only.length === 0 || only.includes(suite.name));

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!env.DATABASE_URL) {
    process.stdout.write("[test] starting embedded PostgreSQL for the test run…\n");
    const cluster = await startEmbeddedPostgres(join(root, ".data", "test"), { database: "postgres" });
    process.stdout.write(`[test] embedded PostgreSQL ready (data in ${cluster.location})\n`);
    database = cluster;
    env.DATABASE_URL = database.url;
  }
  const failed: string[] = [];
  try {
    for (const suite of suites) {
      process.stdout.write(`\n[test] ${suite.name}\n`);
      const code = await run(suite.command, suite.args, env);
      if (code !== 0) failed.push(suite.name);
    }
  } finally {
    await database?.stop().catch(() => undefined);
  }
  process.stdout.write(
    failed.length
      ? `\n[test] failed: ${failed.join(", ")}\n`
      : `\n[test] all suites passed: ${suites.map((suite) => suite.name).join(", ")}\n`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[test] could not run the tests: ${message.split("\n").find((line) => line.trim())}\n`);
    process.exit(1);
  },
);
