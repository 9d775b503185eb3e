// What the benchmark and the soak share: the mock upstream and the floor in processes of their own, the gateway
// started through the one app-process helper on a fresh database with a minted key, and the request they all send.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { freePort } from "../lib/db/embedded";
import { localSecrets, spawnApp, type AppProcess } from "../scripts/app-process";
import type { RequestSpec } from "./load";

export const benchDirectory = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = dirname(benchDirectory);
export const resultsDirectory = join(benchDirectory, "results");
const appLogPath = join(resultsDirectory, "app.log");
export const upstreamApiKey = "sk-bench-upstream";
export const chatPath = "/v1/chat/completions";
export const requestBody = {
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Say hello" }],
  max_tokens: 64,
};
const gatewayStartTimeoutMs = 10 * 60_000;
const childStartTimeoutMs = 30_000;
export const childStopTimeoutMs = 20_000;

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The mock and the floor run in their own processes so they do not share the load generator's event loop. */
export async function spawnBenchServer(
  script: string,
  args: readonly string[],
  /** Pin it to these CPUs (taskset -c); by default it runs where this process may. */
  cpus?: string,
): Promise<{ url: string; child: ChildProcess }> {
  const command = [process.execPath, "--import", "tsx", join(benchDirectory, script), ...args];
  const [file, ...rest] = cpus ? ["taskset", "-c", cpus, ...command] : command;
  const child = spawn(file, rest, {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within ${childStartTimeoutMs} ms`)),
      childStartTimeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        const announced: unknown = JSON.parse(buffered.slice(0, newline));
        if (
          typeof announced === "object" &&
          announced !== null &&
          "url" in announced &&
          typeof announced.url === "string"
        )
          resolve(announced.url);
        else reject(new Error(`${script} announced ${buffered.slice(0, newline)}`));
      } catch (error) {
        reject(error);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before announcing its URL`));
    });
  });
  return { url, child };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  if (!(await waitForExit(child, childStopTimeoutMs))) {
    child.kill("SIGKILL");
    await waitForExit(child, 5_000);
  }
}

/** A fresh database per run, so seeds, caches and request logs start from the same state every time. */
async function prepareDatabase(): Promise<string> {
  const provided = process.env.BENCH_DATABASE_URL;
  if (provided) return provided;
  const client = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
  await client.connect();
  try {
    await client.query("DROP DATABASE IF EXISTS switchyard_bench WITH (FORCE)");
    await client.query("CREATE DATABASE switchyard_bench");
  } finally {
    await client.end();
  }
  return "postgresql://postgres@127.0.0.1:5432/switchyard_bench";
}

export interface Gateway {
  app: AppProcess;
  origin: string;
  apiKey: string;
  /** What it was started with (its database among it), to start it again. */
  environment: NodeJS.ProcessEnv;
}

/** `cpus`: pin the gateway to these CPUs (taskset -c), so that it does not share a core with the load it is measured by. */
export async function startGateway(mockUrl: string, cpus?: string): Promise<Gateway> {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: await prepareDatabase(),
    OPENAI_API_KEY: upstreamApiKey,
    OPENAI_BASE_URL: `${mockUrl}/v1`,
    NODE_ENV: "production",
  };
  const app = await serve(environment, cpus);
  try {
    return {
      app,
      origin: app.origin,
      apiKey: await mintKey({ ...environment, PORT: new URL(app.origin).port }),
      environment,
    };
  } catch (error) {
    await app.stop(childStopTimeoutMs);
    throw error;
  }
}

async function serve(
  environment: NodeJS.ProcessEnv,
  cpus: string | undefined,
  server?: { nodeFlags: readonly string[] },
): Promise<AppProcess> {
  const app = spawnApp({
    port: await freePort(),
    env: environment,
    output: appLogPath,
    cpus,
    ...(server ? { entry: "server" as const, nodeFlags: server.nodeFlags } : {}),
  });
  try {
    await app.waitUntilServing(gatewayStartTimeoutMs, (seconds) =>
      log(`still waiting for the app (${seconds} s; building on first start can take minutes)`),
    );
    log(`app is up at ${app.origin}`);
    return app;
  } catch (error) {
    await app.stop(childStopTimeoutMs);
    throw error;
  }
}

/**
 * Stops the gateway and starts it again on the same database and build (its key still works): a cold process, ready
 * when this resolves. With `profileDirectory`, the server alone (the database is migrated, the build made) with
 * `--cpu-prof`, which Node refuses in NODE_OPTIONS: its profile is written there when it stops.
 */
export async function restartGateway(
  gateway: Gateway,
  options: { cpus?: string; profileDirectory?: string } = {},
): Promise<Gateway> {
  await gateway.app.stop(childStopTimeoutMs);
  const app = options.profileDirectory
    ? await serve({ ...gateway.environment, ...localSecrets(), NEXT_TELEMETRY_DISABLED: "1" }, options.cpus, {
        nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${options.profileDirectory}`],
      })
    : await serve(gateway.environment, options.cpus);
  return { ...gateway, app, origin: app.origin };
}

function mintKey(environment: NodeJS.ProcessEnv): Promise<string> {
  const args = [
    "--import",
    "tsx",
    "cli/index.ts",
    "key",
    "create",
    "--email",
    "bench@example.com",
    "--credits",
    "1000000",
    "--rpm",
    "100000000",
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: repositoryRoot, env: environment, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`key create failed: ${error.message}\n${stderr}`));
          return;
        }
        const lines = stdout
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== "");
        const key = lines.at(-1);
        if (key === undefined || /\s/.test(key)) reject(new Error(`key create printed no key:\n${stdout}\n${stderr}`));
        else resolve(key);
      },
    );
  });
}

export function requestSpec(origin: string, apiKey: string, stream: boolean): RequestSpec {
  return {
    origin,
    path: chatPath,
    headers: { authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(stream ? { ...requestBody, stream: true } : requestBody),
  };
}

/** A plain request must succeed before a target is worth measuring; a broken stream is reported but still timed. */
/** Resident memory of the whole process group the app leads (start.ts and the server it runs), MB. */
export function groupRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const kilobytes = execFileSync("ps", ["-o", "rss=", "-g", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => Number(line.trim()))
      .filter((value) => Number.isFinite(value) && value > 0);
    return kilobytes.reduce((sum, value) => sum + value, 0) / 1024;
  } catch {
    return Number.NaN;
  }
}
