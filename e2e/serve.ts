// The product as e2e sees it: the OpenAI and Stripe stand-ins (with hosted Checkout and signed webhook deliveries),
// and `npm start`'s script twice, each on a fresh database of the run's PostgreSQL server: the app with both, and
// then the same build with no provider or Stripe keys, for the "not configured" states. (Not one database: start-up
// makes the stored provider keys match the environment's.)
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { recreateDatabase } from "../lib/db/recreate-database";
import { startOpenAIStandIn } from "../tests/support/openai-stand-in";
import { startStripeStandIn, stripeSecretKey, stripeWebhookSecret } from "../tests/support/stripe-stand-in";
import { childEnvironment, upstreamOpenAIKey } from "../tests/support/test-environment";
import { origins, ports } from "./ports";

const root = resolve(import.meta.dirname, "..");

const openai = await startOpenAIStandIn({ port: ports.openai });
// The webhook comes a moment after the customer is back on the billing page, as it often does from Stripe.
const stripe = await startStripeStandIn({ port: ports.stripe, checkout: { webhookUrl: `${origins.app}/api/stripe/webhook`, deliveryDelayMs: 1_500 } });

const common = { HOST: "127.0.0.1", SWITCHYARD_DATA_DIR: ".data/e2e" };
const apps: ChildProcess[] = [];

function startApp(port: number, settings: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    stdio: "inherit",
    env: childEnvironment({ ...common, ...settings, PORT: String(port) }),
  });
  child.on("exit", (code) => shutDown(code ?? 1));
  apps.push(child);
  return child;
}

let stopping = false;
function shutDown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const app of apps) if (app.exitCode === null) app.kill("SIGTERM");
  void Promise.all([openai.close(), stripe.close()]).finally(() => process.exit(code));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => shutDown(0));

async function waitUntilServing(origin: string): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${origin}/api/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}

startApp(ports.app, {
  DATABASE_URL: await recreateDatabase("switchyard_e2e"),
  OPENAI_API_KEY: upstreamOpenAIKey,
  OPENAI_BASE_URL: `${origins.openai}/v1`,
  STRIPE_SECRET_KEY: stripeSecretKey,
  STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
  STRIPE_API_URL: origins.stripe,
});
// The second app starts once the first has built, and reuses the build.
await waitUntilServing(origins.app);
startApp(ports.appWithoutStripe, { DATABASE_URL: await recreateDatabase("switchyard_e2e_bare") });
