// What a data-plane instance does on its own, whether or not requests come: say it is alive, settle the requests of
// instances that died, return expired credit leases, write usage other runs left on disk, re-test provider keys out
// of service, and load the tokenizer. Started once per process, by Next's register() at start-up and, where that
// does not run, by the first request; every piece survives a database that is down and tries again on its timer.
import "../server-only";
import { reclaimExpiredLeases, previousRunPrefix, releaseAllLeases } from "../billing/credit-leases";
import { sqlPool } from "../db/pool";
import { log } from "../log";
import { DEAD_AFTER_MS, settleOrphans } from "./metering/orphan-settlement";
import { preloadTokenizer } from "./metering/token-estimate";
import { flushUsage, HEARTBEAT_EVERY_MS, heartbeatNow } from "./metering/usage-writer";
import { retestKeysWhenDue } from "./routing/key-recovery";

const SETTLE_EVERY_MS = DEAD_AFTER_MS / 2;
const RECLAIM_EVERY_MS = 60_000;

let started = false;

function every(milliseconds: number, what: string, work: () => Promise<unknown>): void {
  const run = () => void Promise.resolve().then(work).catch((error: unknown) => log.warn(`${what} failed; retrying on its timer`, { error }));
  run();
  setInterval(run, milliseconds).unref();
}

export function startBackgroundWork(): void {
  if (started) return;
  started = true;
  void preloadTokenizer();
  every(HEARTBEAT_EVERY_MS, "instance heartbeat", () => heartbeatNow(sqlPool()));
  // At start-up, first the leases of this host and port's previous run (a restart), then every expired one.
  every(RECLAIM_EVERY_MS, "returning expired credit leases", async () => {
    await reclaimExpiredLeases(previousRunPrefix());
  });
  every(SETTLE_EVERY_MS, "settling the requests of stopped instances", settleOrphans);
  retestKeysWhenDue(() => undefined);
  registerShutdown();
}

/**
 * What `npm start`'s server (scripts/server.ts) calls on SIGTERM/SIGINT before it exits: write every queued record
 * and give the leases back. It lives on globalThis because that server and Next's bundle load separate copies of lib/.
 */
function registerShutdown(): void {
  (globalThis as { [key: symbol]: unknown })[Symbol.for("switchyard.shutdown")] = async () => {
    await flushUsage();
    await releaseAllLeases();
  };
}
