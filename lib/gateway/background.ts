// What a data-plane instance does on its own, whether or not requests come: say it is alive, settle the requests of
// instances that died, return expired credit leases, write usage other runs left on disk, re-test provider keys out
// of service. Started by Next's register() at start-up and by the first request — once per
// copy of lib/ that Next loads (its instrumentation and its routes are bundled apart, and each copy has its own
// instance id, writer and leases to keep alive); every piece is safe to run from several copies at once, survives a
// database that is down and tries again on its timer.
import "../server-only";
import { reclaimExpiredLeases, reclaimLeasesOfGoneLocalInstances, releaseAllLeases } from "../billing/credit-leases";
import { settings } from "../admin/settings";
import { startWatchingControlChanges } from "../control-plane/changes";
import { sqlPool } from "../db/pool";
import { log } from "../log";
import { DEAD_AFTER_MS, settleOrphans } from "./metering/orphan-settlement";
import { flushUsage, HEARTBEAT_EVERY_MS, heartbeatNow } from "./metering/usage-writer";
import { retestKeysWhenDue } from "./routing/key-recovery";

const SETTLE_EVERY_MS = DEAD_AFTER_MS / 2;
const RECLAIM_EVERY_MS = 60_000;

let started = false;

function every(milliseconds: number, what: string, work: () => Promise<unknown>): void {
  const run = () =>
    void Promise.resolve()
      .then(work)
      .catch((error: unknown) => log.warn(`${what} failed; retrying on its timer`, { error }));
  run();
  setInterval(run, milliseconds).unref();
}

export function startBackgroundWork(): void {
  if (started) return;
  started = true;
  // Changes made on any instance (prices, routes, keys, suspensions, settings) reach this one within a second.
  startWatchingControlChanges();
  settings();
  every(HEARTBEAT_EVERY_MS, "instance heartbeat", () => heartbeatNow(sqlPool()));
  // At start-up (and on a timer, traffic or not): the leases of this machine's processes that are gone (a restart),
  // then every expired one.
  every(RECLAIM_EVERY_MS, "returning expired credit leases", async () => {
    await reclaimLeasesOfGoneLocalInstances();
    await reclaimExpiredLeases();
  });
  every(SETTLE_EVERY_MS, "settling the requests of stopped instances", settleOrphans);
  retestKeysWhenDue(() => undefined);
  registerShutdown();
}

/**
 * What `npm start`'s server (scripts/server.ts) runs on SIGTERM/SIGINT before it exits: write every queued record and
 * give the leases back. A list on globalThis, because that server and Next load lib/ apart, and Next itself may load it
 * more than once (its instrumentation and its routes are bundled apart): each copy adds its own.
 */
function registerShutdown(): void {
  const shared = globalThis as { [key: symbol]: Array<() => Promise<void>> | undefined };
  const key = Symbol.for("switchyard.shutdown");
  shared[key] ??= [];
  const hooks = shared[key];
  hooks.push(async () => {
    await flushUsage();
    await releaseAllLeases();
  });
}
