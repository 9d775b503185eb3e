// The product as e2e sees it: the OpenAI and Stripe stand-ins (with hosted Checkout and signed webhook deliveries),
// and `npm start`'s script twice, each on a fresh database of the run's PostgreSQL server: the app with both, and
// then the same build with no provider or Stripe keys, for the "not configured" states. (Not one database: start-up
// makes the stored provider keys match the environment's.)
import { recreateDatabase } from "../lib/db/recreate-database";
import { spawnApp, type AppProcess } from "../scripts/app-process";
import { startOpenAIStandIn } from "../tests/support/openai-stand-in";
import { startStripeStandIn, stripeSecretKey, stripeWebhookSecret } from "../tests/support/stripe-stand-in";
import { childEnvironment, upstreamOpenAIKey, upstreamZhipuKey } from "../tests/support/test-environment";
import { origins, ports } from "./ports";

const openai = await startOpenAIStandIn({ port: ports.openai });
// The webhook comes a moment after the customer is back on the billing page, as it often does from Stripe.
const stripe = await startStripeStandIn({
  port: ports.stripe,
  checkout: { webhookUrl: `${origins.app}/api/stripe/webhook`, deliveryDelayMs: 1_500 },
});

// The operator console's specs sign in as this address, an admin from its first sign-in (e2e/support.ts ADMIN_EMAIL).
const common = {
  HOST: "127.0.0.1",
  SWITCHYARD_DATA_DIR: ".data/e2e",
  ADMIN_EMAILS: "e2e-admin@example.test",
  // No load shedding: on a 2-core machine that also runs the integration suite, the event loop lags past the
  // shedder's threshold, and a browser's request answered 503 is not what these tests are about
  // (tests/overload.test.ts checks shedding on a server of its own).
  SHED_EVENT_LOOP_DELAY_MS: "0",
  // A customer's own provider (/providers) is played by the local OpenAI stand-in.
  BYO_ALLOW_PRIVATE_NETWORKS: "1",
};
const apps: AppProcess[] = [];
const appStartTimeoutMs = 8 * 60_000;

function startApp(port: number, settings: Record<string, string>): AppProcess {
  // In this process's group: Playwright stops its web server by killing that group.
  const app = spawnApp({ port, env: childEnvironment({ ...common, ...settings }), output: "inherit", group: "parent" });
  app.child.on("exit", (code) => shutDown(code ?? 1));
  apps.push(app);
  return app;
}

let stopping = false;
function shutDown(code: number): void {
  if (stopping) return;
  stopping = true;
  void Promise.all([...apps.map((app) => app.stop()), openai.close(), stripe.close()]).finally(() =>
    process.exit(code),
  );
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => shutDown(0));

const app = startApp(ports.app, {
  DATABASE_URL: await recreateDatabase("switchyard_e2e"),
  OPENAI_API_KEY: upstreamOpenAIKey,
  OPENAI_BASE_URL: `${origins.openai}/v1`,
  // The free demo's model (zhipu/glm-4-flash), on the OpenAI stand-in.
  ZHIPU_API_KEY: upstreamZhipuKey,
  ZHIPU_BASE_URL: `${origins.openai}/v1`,
  STRIPE_SECRET_KEY: stripeSecretKey,
  STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
  STRIPE_API_URL: origins.stripe,
});
// The second app starts once the first has built, and reuses the build.
await app.waitUntilServing(appStartTimeoutMs);
startApp(ports.appWithoutStripe, { DATABASE_URL: await recreateDatabase("switchyard_e2e_bare") });
