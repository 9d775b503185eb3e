// The direct /v1 path's half inside Next's copy of lib/: at start-up (instrumentation.ts, in npm start's server only)
// the API's route table is published for scripts/server.ts, which then answers /v1 without Next's request handling
// (node-adapter.ts), and what the first requests would otherwise load on their way (the catalog, the database pool,
// settings) is loaded before the server reports ready. The tokenizer is not: only a request that ends without the
// upstream's usage needs it, and it waits for it then (token-estimate.ts).
import "../server-only";
import { loadedSettings } from "../admin/settings";
import { getCatalog } from "../catalog/catalog";
import { sqlPool } from "../db/pool";
import { log } from "../log";
import { within } from "../within";
import { startBackgroundWork } from "./background";
import { publishDirectV1 } from "./node-adapter";
import { shareKeyHealth } from "./routing/key-health";
import { databaseHealthStore } from "./routing/key-health-store";
import { v1Dispatcher } from "./routes";

/** How long start-up waits for the warm-up; past it (a database out of reach), the server starts anyway. */
const WARM_UP_MS = 10_000;

export async function startDirectV1(): Promise<void> {
  // The work after each response (metering), as Next's after() would hold it: awaited on shutdown before the usage
  // writer's last flush, so that no record is still being made when it runs.
  const pending = new Set<Promise<unknown>>();
  const schedule = (work: Promise<unknown>) => {
    const tracked: Promise<unknown> = work
      .catch((error: unknown) => log.error("work after a response failed", { error }))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  await warmUp();
  publishDirectV1({
    route: v1Dispatcher(schedule),
    async settle(withinMs) {
      await within(Promise.allSettled([...pending]), withinMs);
    },
  });
}

/** What the first request would load on its way, loaded now; a failure is the first request's to report. */
async function warmUp(): Promise<void> {
  shareKeyHealth(databaseHealthStore);
  startBackgroundWork();
  const started = performance.now();
  const work = Promise.allSettled([
    getCatalog(),
    loadedSettings(),
    // A few connections open, so that the first concurrent requests do not each wait for one.
    Promise.all(Array.from({ length: 4 }, () => sqlPool().query("select 1"))),
  ]);
  const outcome = await within(work, WARM_UP_MS);
  const failure = outcome
    ? outcome.find((result): result is PromiseRejectedResult => result.status === "rejected")?.reason
    : "timed out";
  if (failure !== undefined) {
    log.warn("the data plane could not load everything before serving; the first requests load the rest", {
      ms: Math.round(performance.now() - started),
      error: failure,
    });
  }
}
