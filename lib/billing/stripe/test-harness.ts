// For the Stripe unit tests beside this file: the Stripe stand-in (the real client talks to it) and a fresh migrated
// database, made before a file's tests; the stand-in reset and the app pointed at it before each test. Modules that
// read DATABASE_URL are imported after it is set, through `load`.
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  startStripeStandIn,
  stripeSecretKey,
  stripeWebhookSecret,
  type StripeStandIn,
} from "../../../tests/support/stripe-stand-in";
import { createTestDatabase } from "../../db/testing";
import { setEnvForTests } from "../../env";

export interface StripeHarness<Modules> {
  standIn: () => StripeStandIn;
  /** The modules `load` imported, once the database exists. */
  modules: () => Modules & { db: typeof import("../../db/client").db };
  /** A new user with a unique email; its id. */
  makeUser: () => Promise<string>;
}

/** Call at the top level of a test file. `env` is set before each test on top of the Stripe settings. */
export function useStripeHarness<Modules extends object>(
  databaseName: string,
  load: () => Promise<Modules>,
  env: Record<string, string | undefined> = {},
): StripeHarness<Modules> {
  let standIn: StripeStandIn | undefined;
  let modules: (Modules & { db: typeof import("../../db/client").db }) | undefined;
  beforeAll(async () => {
    standIn = await startStripeStandIn();
    process.env.DATABASE_URL = await createTestDatabase(databaseName);
    modules = { db: (await import("../../db/client")).db, ...(await load()) };
  });
  afterAll(async () => {
    await standIn?.close();
  });
  beforeEach(() => {
    standIn?.reset();
    setEnvForTests({
      STRIPE_SECRET_KEY: stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      STRIPE_API_URL: standIn?.url,
      ...env,
    });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the Stripe harness is made in beforeAll: use it inside tests and hooks");
    return value;
  };
  return {
    standIn: () => ready(standIn),
    modules: () => ready(modules),
    makeUser: async () =>
      (
        await ready(modules)
          .db()
          .user.create({ data: { email: `${crypto.randomUUID()}@example.com` } })
      ).id,
  };
}
