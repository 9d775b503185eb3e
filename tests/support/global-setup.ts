// Integration set-up, once per run: a fresh PostgreSQL database, the OpenAI stand-in, and the real app
// (scripts/start.ts: migrate, seed, build when needed, serve) pointed at both.
// SKIP_APP=1 starts only the database and the stand-in, for working on the stand-in itself.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { recreateDatabase } from "../../lib/db/recreate-database";
import { startAnthropicStandIn } from "./anthropic-stand-in";
import { startGeminiStandIn } from "./gemini-stand-in";
import { startOpenAIStandIn } from "./openai-stand-in";
import { startStripeStandIn, stripeSecretKey, stripeWebhookSecret } from "./stripe-stand-in";
import {
  childEnvironment, requestBodyTimeoutMs, upstreamAnthropicKey, upstreamDeepSeekKeys, upstreamGeminiKey,
  upstreamOpenAIKey, upstreamTimeoutMs,
} from "./test-environment";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the app, e.g. "http://127.0.0.1:43121"; empty when SKIP_APP=1. */
    baseUrl: string;
    databaseUrl: string;
    standInUrl: string;
    /** The settings the app was started with (on top of this shell's environment), for CLI runs. */
    appSettings: Record<string, string>;
  }
}

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const appLogPath = fileURLToPath(new URL("../.app.log", import.meta.url));
const testDatabaseName = "switchyard_test";
const appStartTimeoutMs = 8 * 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function logTail(): string {
  try {
    return readFileSync(appLogPath, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no app log)";
  }
}

async function waitForApp(baseUrl: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + appStartTimeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (app.exitCode !== null || app.signalCode !== null) {
      throw new Error(`the app exited (${app.exitCode ?? app.signalCode}) before serving; tests/.app.log ends:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/status`, { signal: AbortSignal.timeout(10_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/status answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      lastProblem = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the app did not serve within ${appStartTimeoutMs / 1000} s (${lastProblem}); tests/.app.log ends:\n${logTail()}`);
}

/** SIGINT lets start.ts stop Next and itself; if that hangs, the whole process group it leads is killed. */
function stopApp(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => killGroup(app), 7_000);
    app.once("exit", () => {
      clearTimeout(forceTimer);
      resolve();
    });
    app.kill("SIGINT");
  });
}

function killGroup(app: ChildProcess): void {
  if (app.pid === undefined) return;
  try {
    process.kill(-app.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

interface StandInOrigins {
  openai: string;
  anthropic: string;
  gemini: string;
  stripe: string;
}

function appSettingsFor(origins: StandInOrigins, databaseUrl: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    OPENAI_API_KEY: upstreamOpenAIKey,
    OPENAI_BASE_URL: `${origins.openai}/v1`,
    DEEPSEEK_API_KEY: upstreamDeepSeekKeys.join(","),
    DEEPSEEK_BASE_URL: `${origins.openai}/v1`,
    // Anthropic's and Gemini's SDK base URLs are bare origins: the adapters add /v1/messages and /v1beta/models/….
    ANTHROPIC_API_KEY: upstreamAnthropicKey,
    ANTHROPIC_BASE_URL: origins.anthropic,
    GEMINI_API_KEY: upstreamGeminiKey,
    GEMINI_BASE_URL: origins.gemini,
    UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
    REQUEST_BODY_TIMEOUT_MS: String(requestBodyTimeoutMs),
    // Accounts get exactly the credits a test gives them.
    SIGNUP_CREDIT_USD: "0",
    STRIPE_SECRET_KEY: stripeSecretKey,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    STRIPE_API_URL: origins.stripe,
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = await recreateDatabase(testDatabaseName);
  const standIn = await startOpenAIStandIn();
  const anthropicStandIn = await startAnthropicStandIn();
  const geminiStandIn = await startGeminiStandIn();
  const stripeStandIn = await startStripeStandIn();
  const origins = { openai: standIn.url, anthropic: anthropicStandIn.url, gemini: geminiStandIn.url, stripe: stripeStandIn.url };
  const closeStandIns = async (): Promise<void> => {
    await Promise.all([standIn.close(), anthropicStandIn.close(), geminiStandIn.close(), stripeStandIn.close()]);
  };
  project.provide("databaseUrl", databaseUrl);
  project.provide("standInUrl", standIn.url);
  project.provide("anthropicStandInUrl", anthropicStandIn.url);
  project.provide("geminiStandInUrl", geminiStandIn.url);
  project.provide("stripeStandInUrl", stripeStandIn.url);

  if (process.env.SKIP_APP === "1") {
    project.provide("baseUrl", "");
    project.provide("appSettings", appSettingsFor(origins, databaseUrl, 0));
    return closeStandIns;
  }

  const port = await freePort();
  const appSettings = appSettingsFor(origins, databaseUrl, port);
  const log: WriteStream = createWriteStream(appLogPath, { flags: "w" });
  const app = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: repositoryRoot,
    env: childEnvironment(appSettings),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that start.ts and the Next server it spawns can be stopped together.
    detached: true,
  });
  app.stdout?.pipe(log, { end: false });
  app.stderr?.pipe(log, { end: false });
  const killOnExit = (): void => killGroup(app);
  process.once("exit", killOnExit);

  const teardown = async (): Promise<void> => {
    await stopApp(app);
    process.removeListener("exit", killOnExit);
    log.end();
    await closeStandIns();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForApp(baseUrl, app);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("appSettings", appSettings);
  return teardown;
}
