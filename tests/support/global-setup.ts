import type { TestProject } from "vitest/node";
import { freePort } from "../../lib/db/embedded";
import { recreateDatabase } from "../../lib/db/recreate-database";
import { spawnApp } from "../../scripts/app-process";
import { startAnthropicStandIn } from "./anthropic-stand-in";
import { startGeminiStandIn } from "./gemini-stand-in";
import { startOpenAIStandIn } from "./openai-stand-in";
import { startStripeStandIn, stripeSecretKey, stripeWebhookSecret } from "./stripe-stand-in";
import {
  testAppLogPath,
  childEnvironment,
  requestBodyTimeoutMs,
  upstreamAnthropicKey,
  upstreamDeepSeekKeys,
  upstreamFirstByteTimeoutMs,
  upstreamGeminiKey,
  upstreamOpenAIKey,
  upstreamStreamIdleTimeoutMs,
  upstreamZhipuKey,
  upstreamTimeoutMs,
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

/** The test app's output: one file per integration shard (see appLogPath in app-client.ts). */
const appLogPath = testAppLogPath();
const testDatabaseName = "switchyard_test";
const appStartTimeoutMs = 8 * 60_000;

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
    // The free demo's model (zhipu/glm-4-flash), on the OpenAI stand-in: Zhipu speaks OpenAI's wire format.
    ZHIPU_API_KEY: upstreamZhipuKey,
    ZHIPU_BASE_URL: `${origins.openai}/v1`,
    // Anthropic's and Gemini's SDK base URLs are bare origins: the adapters add /v1/messages and /v1beta/models/….
    ANTHROPIC_API_KEY: upstreamAnthropicKey,
    ANTHROPIC_BASE_URL: origins.anthropic,
    GEMINI_API_KEY: upstreamGeminiKey,
    GEMINI_BASE_URL: origins.gemini,
    UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
    UPSTREAM_FIRST_BYTE_TIMEOUT_MS: String(upstreamFirstByteTimeoutMs),
    UPSTREAM_STREAM_TIMEOUT_MS: String(upstreamStreamIdleTimeoutMs),
    // Keys taken out of service are re-tested within a second, so that a test can watch one come back.
    KEY_RETEST_MS: "500",
    // Bursts on this loaded machine (600 requests at once) must be served, not shed: tests/overload.test.ts starts a
    // server of its own to watch shedding.
    SHED_EVENT_LOOP_DELAY_MS: "0",
    REQUEST_BODY_TIMEOUT_MS: String(requestBodyTimeoutMs),
    // Every test file sends from 127.0.0.1, many with wrong keys on purpose: the failed-authentication throttle is
    // watched on servers of its own (tests/distributed-limits.test.ts).
    AUTH_FAILURES_PER_MINUTE: "100000",
    // Accounts get exactly the credits a test gives them.
    SIGNUP_CREDIT_USD: "0",
    STRIPE_SECRET_KEY: stripeSecretKey,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    STRIPE_API_URL: origins.stripe,
    // Customers' own endpoints (bring your own provider) are played by the local stand-ins; tests/byo-providers.test.ts
    // starts a second app without it to watch private addresses refused.
    BYO_ALLOW_PRIVATE_NETWORKS: "1",
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = await recreateDatabase(testDatabaseName);
  const standIn = await startOpenAIStandIn();
  const anthropicStandIn = await startAnthropicStandIn();
  const geminiStandIn = await startGeminiStandIn();
  const stripeStandIn = await startStripeStandIn();
  const origins = {
    openai: standIn.url,
    anthropic: anthropicStandIn.url,
    gemini: geminiStandIn.url,
    stripe: stripeStandIn.url,
  };
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
  const app = spawnApp({ port, env: childEnvironment(appSettings), output: appLogPath });
  const teardown = async (): Promise<void> => {
    await app.stop(7_000);
    await closeStandIns();
  };
  const baseUrl = app.origin;
  try {
    await app.waitUntilServing(appStartTimeoutMs);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("appSettings", appSettings);
  return teardown;
}
