// The free demo's requests are logged under a system account of their own, so that they show as demo traffic and
// never as a customer's: a user no one can sign in as (it has no email), never an admin (lib/auth/on-user-created.ts
// leaves it out of "the first user"), and never billed (its principal's billing is "never"). Its key has no secret:
// the stored hash is not a SHA-256, so no key anyone can send matches it.
import "../server-only";
import { db } from "../db/client";
import type { Principal } from "../gateway/auth";
import { NO_LIMITS } from "../plans/key-limits";

export const DEMO_USER_ID = "system_free_demo";
export const DEMO_KEY_ID = "system_free_demo_key";

let ready: Promise<void> | undefined;

/** Creates the account and its key once (idempotent across instances and restarts); retried after a failure. */
export function ensureDemoAccount(): Promise<void> {
  ready ??= createDemoAccount().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

async function createDemoAccount(): Promise<void> {
  const prisma = db();
  await prisma.user.upsert({
    where: { id: DEMO_USER_ID },
    create: { id: DEMO_USER_ID, name: "Free demo (system account)" },
    update: {},
  });
  await prisma.apiKey.upsert({
    where: { id: DEMO_KEY_ID },
    create: {
      id: DEMO_KEY_ID,
      userId: DEMO_USER_ID,
      name: "Free demo",
      keyHash: "system:free-demo",
      prefix: "demo",
      lastFour: "demo",
    },
    update: {},
  });
}

/** Who a demo request acts for. Its limits are the demo's own (demo-admission.ts), not a key's. */
export const DEMO_PRINCIPAL: Principal = Object.freeze({
  keyId: DEMO_KEY_ID,
  userId: DEMO_USER_ID,
  keyName: "Free demo",
  expiresAt: null,
  limits: NO_LIMITS,
  planName: "Free demo",
  monthlyBudgetMicros: null,
  budgetPeriod: "month",
  allowedModels: null,
  allowedIps: null,
  promptLogging: false,
  suspension: null,
  spendingLimitMicros: null,
  spendingAlerts: false,
  billing: "never",
});
