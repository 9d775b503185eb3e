// The app as a child process, for everything that drives it from outside (the integration set-up, e2e, the benchmark,
// the crash tests): start `npm start`'s script (or only its server, on an existing build and database) in a process
// group of its own, wait until /api/status answers, and stop the whole group — gently, then for good.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, type WriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { SERVER_NODE_FLAGS } from "./server-flags";

const root = resolve(import.meta.dirname, "..");

/**
 * The secrets an app started by start.ts keeps (AUTH_SECRET, ENCRYPTION_KEY under SWITCHYARD_DATA_DIR, which each
 * integration shard sets to a folder of its own), so a second server, or a test decrypting what the app stored, reads
 * the same.
 */
export function localSecrets(): Record<string, string> {
  const path = join(root, process.env.SWITCHYARD_DATA_DIR ?? ".data", "secrets.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, string>) : {};
}

export interface AppProcessOptions {
  port: number;
  /** The child's whole environment (PORT is set from `port`). */
  env: NodeJS.ProcessEnv;
  /** "start": scripts/start.ts (database, migrations, seed, build, serve); "server": scripts/server.ts alone. */
  entry?: "start" | "server";
  /** A file for the app's output (overwritten), or "inherit" for this process's. */
  output: string | "inherit";
  /**
   * "own" (the default): a process group of its own, stopped as a whole. "parent": stays in this process's group, so
   * that whoever kills that group (Playwright kills its web server's) takes the app with it.
   */
  group?: "own" | "parent";
  /** Pin the app (and what it spawns) to these CPUs with `taskset -c`, e.g. "1": how the benchmark measures it. */
  cpus?: string;
  /** With entry "server": Node flags beside the production server's own (e.g. --cpu-prof). */
  nodeFlags?: readonly string[];
}

export interface AppProcess {
  origin: string;
  child: ChildProcess;
  /** Resolves once GET /api/status answers 200; rejects if the app exits first or `timeoutMs` passes. */
  waitUntilServing(timeoutMs: number, onWait?: (seconds: number) => void): Promise<void>;
  /** SIGINT to the group (what Ctrl-C does), then SIGKILL to whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group at once: a crash. */
  kill(): Promise<void>;
  /** The last lines of the app's output, when it goes to a file. */
  logTail(lines?: number): string;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    // A child in this process's group is signalled alone (start.ts passes signals on to its server).
    if (!groups.has(child)) process.kill(child.pid, signal);
    else process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Children that lead a process group of their own. */
const groups = new WeakSet<ChildProcess>();

const sleep = (milliseconds: number) => new Promise((done) => setTimeout(done, milliseconds));

export function spawnApp(options: AppProcessOptions): AppProcess {
  let log: WriteStream | undefined;
  const command = options.cpus ? "taskset" : process.execPath;
  // The server alone runs with the flags start.ts gives it. Either runs as npm start runs it (scripts/launch.mjs).
  const flags = options.entry === "server" ? [...SERVER_NODE_FLAGS, ...(options.nodeFlags ?? [])] : [];
  const args = [...flags, join(root, "scripts", "launch.mjs"), options.entry ?? "start"];
  const child = spawn(command, options.cpus ? ["-c", options.cpus, process.execPath, ...args] : args, {
    cwd: root,
    env: { ...options.env, PORT: String(options.port) },
    // Its own process group, so that start.ts and the server it spawns are stopped together.
    detached: options.group !== "parent",
    stdio: options.output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  if (options.group !== "parent") groups.add(child);
  if (options.output !== "inherit") {
    log = createWriteStream(options.output, { flags: "w" });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  }
  const killOnExit = () => signalGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  const origin = `http://127.0.0.1:${options.port}`;
  const outputPath = options.output;

  const finish = async () => {
    process.removeListener("exit", killOnExit);
    if (log) await new Promise<void>((done) => log?.end(done));
    log = undefined;
  };

  const app: AppProcess = {
    origin,
    child,
    async waitUntilServing(timeoutMs, onWait) {
      const startedAt = Date.now();
      let lastProblem = "no answer yet";
      let reportedAt = startedAt;
      while (Date.now() - startedAt < timeoutMs) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before serving:\n${app.logTail()}`);
        }
        try {
          const response = await fetch(`${origin}/api/status`, { signal: AbortSignal.timeout(10_000) });
          const text = await response.text();
          if (response.status === 200) return;
          lastProblem = `GET /api/status answered ${response.status}: ${text.slice(0, 300)}`;
        } catch (error) {
          lastProblem = String(error);
        }
        if (onWait && Date.now() - reportedAt > 30_000) {
          reportedAt = Date.now();
          onWait(Math.round((reportedAt - startedAt) / 1000));
        }
        await sleep(500);
      }
      throw new Error(`the app did not serve within ${timeoutMs / 1000} s (${lastProblem}):\n${app.logTail()}`);
    },
    async stop(graceMs = 10_000) {
      signalGroup(child, "SIGINT");
      await exited(child, graceMs);
      // start.ts may be gone while a server it spawned lingers in the group.
      for (let attempt = 0; attempt < 20 && signalGroup(child, 0); attempt += 1) await sleep(100);
      signalGroup(child, "SIGKILL");
      await exited(child, 5_000);
      await finish();
    },
    async kill() {
      signalGroup(child, "SIGKILL");
      await exited(child, 5_000);
      await finish();
    },
    logTail(lines = 40) {
      if (outputPath === "inherit" || !existsSync(outputPath)) return "(no app log)";
      return readFileSync(outputPath, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    },
  };
  return app;
}
