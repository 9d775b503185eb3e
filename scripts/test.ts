// npm test: every test — lint (Biome: format and lint), unit, integration (the built app against PostgreSQL and local stand-ins), and
// Playwright e2e in Chromium. Without DATABASE_URL one embedded PostgreSQL serves the whole run; each suite
// makes its own database on it. With DATABASE_URL, that server is used the same way.
// Integration (in two shards, see integrationShards) and e2e run side by side: each drives its own app processes,
// stand-ins (on ports of their own) and databases. They share one build: scripts/start.ts lets one process build while
// the others wait for it. Their output is interleaved line by line, each line marked with its suite.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { join, resolve } from "node:path";
import { startEmbeddedPostgres, type RunningDatabase } from "../lib/db/embedded";
import { isOn } from "../lib/env";

const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

const running = new Set<ChildProcess>();
let database: RunningDatabase | undefined;

/** Runs one suite; with a `label`, its output goes through line by line, each line starting with the label. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, label?: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: label ? ["inherit", "pipe", "pipe"] : "inherit", env });
    running.add(child);
    if (label) {
      for (const [stream, sink] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ] as const) {
        if (stream) createInterface({ input: stream }).on("line", (line) => sink.write(`[${label}] ${line}\n`));
      }
    }
    child.on("exit", (code, signal) => {
      running.delete(child);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

// Interrupted (not only by Ctrl-C, which reaches every process), the run stops its suite, then its cluster: one
// left running would hold the data folder's lock.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, async () => {
    const exited = [...running].map((child) => new Promise((done) => child.once("exit", done)));
    for (const child of running) child.kill(signal);
    await Promise.race([Promise.all(exited), new Promise((done) => setTimeout(done, 10_000))]);
    await database?.stop().catch(() => undefined);
    process.exit(130);
  });
}

interface Suite {
  name: string;
  /** The name `npm test -- <name>` also selects it by (the integration shards: "integration"). */
  group?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * The integration files in `count` shards run side by side. Most of their time is waiting (on timeouts they provoke,
 * on servers they start, on a second instance to see a change), so two shards take little more CPU than one but about
 * half the time (three were measured: the machine saturates and timing-sensitive tests fail). Each shard starts its own app and stand-ins, and keeps its own databases (TEST_DATABASE_PREFIX),
 * secrets (SWITCHYARD_DATA_DIR) and app log (TEST_SHARD).
 */
function integrationShards(count: number): Suite[] {
  return Array.from({ length: count }, (_, index) => {
    const shard = index + 1;
    return integrationRun(`integration ${shard}/${count}`, String(shard), [`--shard=${shard}/${count}`]);
  });
}

/**
 * One run of integration files with its own app, databases, secrets and log (`tag` names them: the shard's number,
 * or "next"), the files `args` select, and `env` on top.
 */
function integrationRun(name: string, tag: string, args: string[], env: Record<string, string> = {}): Suite {
  const prefix = /^\d+$/.test(tag) ? `shard${tag}_` : `${tag}_`;
  return {
    name,
    group: "integration",
    command: bin("vitest"),
    args: ["run", "--project", "integration", ...args],
    env: {
      TEST_SHARD: tag,
      TEST_DATABASE_PREFIX: `${process.env.TEST_DATABASE_PREFIX ?? ""}${prefix}`,
      SWITCHYARD_DATA_DIR: join(".data", `integration-${tag}`),
      ...env,
    },
  };
}

/**
 * npm start's server answers /v1 itself (lib/gateway/direct-v1.ts); Next's route files answer it on Vercel and with
 * SWITCHYARD_V1_VIA_NEXT=1, from the same handlers. The whole suite runs on the direct path; these files, which hold
 * the API's wire behaviour (headers, edge answers, streams, disconnects, every endpoint's shape), run again through
 * Next, so that neither path can drift. `npm run test:via-next` runs every integration file through Next.
 */
const VIA_NEXT_FILES = [
  "tests/api-edge-answers.test.ts",
  "tests/chat-completions.test.ts",
  "tests/client-disconnect.test.ts",
  "tests/endpoints.test.ts",
  "tests/hostile-requests.test.ts",
  "tests/messages-api.test.ts",
  "tests/responses-api.test.ts",
  "tests/security-headers.test.ts",
  "tests/slow-body.test.ts",
];

function integrationViaNext(): Suite {
  return integrationRun("integration via Next", "next", VIA_NEXT_FILES, { SWITCHYARD_V1_VIA_NEXT: "1" });
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  // Each stage's suites run at once; stages run in order.
  const stages: Suite[][] = [
    // Formatting and lint first: seconds, and a finding fails the run like a test (`npm run format` fixes most).
    [{ name: "lint", command: bin("biome"), args: ["check", "--error-on-warnings", "."] }],
    [
      { name: "unit", command: bin("vitest"), args: ["run", "--project", "unit"] },
      // The type check, here rather than in the build that integration and e2e wait for (see next.config.ts).
      { name: "typecheck", command: bin("tsc"), args: ["--noEmit", "-p", "."] },
    ],
    [...integrationShards(2), { name: "e2e", command: bin("playwright"), args: ["test"] }],
    // Already the path of every suite when the whole run goes through Next.
    isOn(process.env.SWITCHYARD_V1_VIA_NEXT) ? [] : [integrationViaNext()],
  ]
    .map((stage) =>
      stage.filter((suite) => only.length === 0 || only.includes(suite.name) || only.includes(suite.group ?? "")),
    )
    .filter((stage) => stage.length > 0);
  const suites = stages.flat();

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  // The typecheck suite checks the types; the test builds skip it (next.config.ts). Only when that suite runs.
  if (suites.some((suite) => suite.name === "typecheck")) env.SWITCHYARD_TYPECHECKED = "1";
  if (!env.DATABASE_URL) {
    process.stdout.write("[test] starting embedded PostgreSQL for the test run…\n");
    const cluster = await startEmbeddedPostgres(join(root, ".data", "test"), { database: "postgres" });
    process.stdout.write(`[test] embedded PostgreSQL ready (data in ${cluster.location})\n`);
    database = cluster;
    env.DATABASE_URL = database.url;
  }
  const failed: string[] = [];
  try {
    for (const stage of stages) {
      const together = stage.length > 1;
      process.stdout.write(
        `\n[test] ${stage.map((suite) => suite.name).join(" and ")}${together ? " (side by side)" : ""}\n`,
      );
      const codes = await Promise.all(
        stage.map(async (suite) => {
          const started = Date.now();
          const code = await run(
            suite.command,
            suite.args,
            { ...env, ...suite.env },
            together ? suite.name : undefined,
          );
          process.stdout.write(
            `[test] ${suite.name}: ${code === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - started) / 1000)} s\n`,
          );
          return code;
        }),
      );
      stage.forEach((suite, index) => {
        if (codes[index] !== 0) failed.push(suite.name);
      });
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
