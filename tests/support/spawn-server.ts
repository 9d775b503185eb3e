// A second server on the integration run's build, with settings of its own: scripts/server.ts (what `npm start` runs
// once the database is migrated) or any other script, for behaviour the shared app cannot show (a trusted proxy in
// front, a configuration that must refuse to start).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { localSecrets, spawnApp } from "../../scripts/app-process";
import { childEnvironment } from "./test-environment";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface ScriptRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export { localSecrets };

/** The test app's settings and secrets with `overrides` applied (undefined removes a variable). */
export function serverEnvironment(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const environment = childEnvironment({ ...localSecrets(), ...inject("appSettings"), NODE_ENV: "production" });
  // Nothing from the developer's shell decides what is being tested.
  for (const name of ["AUTH_URL", "NEXTAUTH_URL", "EMAIL_SERVER", "TRUST_PROXY", "HOST"]) delete environment[name];
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete environment[name];
    else environment[name] = value;
  }
  return environment;
}

/**
 * Runs `node --import tsx <script>` (or `node <file> <arguments>`) to its end, with its output. A script still running after `timeoutMs` (one that
 * should have refused to start, and did not) is killed with everything it started: it leads its own process group.
 */
export function runScript(
  script: string | readonly string[],
  environment: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const command = typeof script === "string" ? ["--import", "tsx", script] : script;
    const child = spawn(process.execPath, command, {
      cwd: repositoryRoot,
      env: environment,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

export { freePort };

export interface RunningServer {
  origin: string;
  stop(): Promise<void>;
}

/** Starts scripts/server.ts on a free port with `overrides`; resolves once it serves. */
export async function startServer(overrides: Record<string, string | undefined>): Promise<RunningServer> {
  const port = await freePort();
  const app = spawnApp({
    port,
    entry: "server",
    env: serverEnvironment({ ...overrides, HOST: "127.0.0.1" }),
    output: join(repositoryRoot, "tests", `.server-${port}.log`),
  });
  await app.waitUntilServing(60_000);
  return { origin: app.origin, stop: () => app.stop() };
}
