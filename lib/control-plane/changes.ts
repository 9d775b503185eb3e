// How a change made on one instance reaches every instance within a second. A change bumps its scope's counter in
// control_versions in the same transaction as the change; each data-plane instance reads the (few-row) table four times
// a second (a primary-key scan of a handful of rows: nothing next to one request) and, for each scope whose counter moved, runs what that scope's caches registered: the catalog reloads, key
// lookups are asked again, settings are read again. A poll rather than LISTEN/NOTIFY: it needs no dedicated
// connection, so it works the same on one machine and on serverless functions, and a missed notification cannot
// leave an instance stale. Listeners and the poll live on globalThis: Next bundles lib/ more than once (instrumentation
// and routes apart), and one poll serves every copy's caches.
import "../server-only";
import type { Prisma } from "../db/generated/client";
import { sql } from "../db/pool";
import { log } from "../log";

export type ControlScope = "catalog" | "accounts" | "settings" | "byo";

type Listener = () => void;

// A quarter second: the change is read within 250 ms, which leaves the rest of the second for the reload even on a
// loaded machine (with a one-second poll, a reload that took a few hundred ms under load missed the second).
const POLL_EVERY_MS = 250;

const state = globalThis as unknown as {
  switchyardControl?: {
    listeners: Map<ControlScope, Set<Listener>>;
    seen: Map<string, string>;
    polling: boolean;
    lastPollAt: number;
    inFlight?: Promise<void>;
  };
};

function control() {
  state.switchyardControl ??= { listeners: new Map(), seen: new Map(), polling: false, lastPollAt: 0 };
  return state.switchyardControl;
}

/** Runs `listener` whenever another (or this) instance announces a change of `scope`. Returns an unsubscribe. */
export function onControlChange(scope: ControlScope, listener: Listener): () => void {
  const { listeners } = control();
  let set = listeners.get(scope);
  if (!set) {
    set = new Set();
    listeners.set(scope, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

type VersionWriter = Pick<Prisma.TransactionClient, "controlVersion">;

/** Announces a change of `scope`; call it inside the transaction that makes the change. */
export async function announceChange(tx: VersionWriter, scope: ControlScope): Promise<void> {
  await tx.controlVersion.upsert({
    where: { scope },
    create: { scope, version: 1 },
    update: { version: { increment: 1 }, changedAt: new Date() },
  });
}

function notify(scope: ControlScope): void {
  for (const listener of control().listeners.get(scope as ControlScope) ?? []) {
    try {
      listener();
    } catch (error) {
      log.error("a control-plane change listener failed", { scope, error });
    }
  }
}

/** Reads the counters once; scopes that moved since the last read have their listeners run (not on the first read). */
export async function pollControlChanges(): Promise<void> {
  const current = control();
  current.inFlight ??= (async () => {
    try {
      const rows = await sql<{ scope: string; version: string }>(
        "SELECT scope, version::text AS version FROM control_versions",
      );
      const first = current.seen.size === 0;
      for (const row of rows) {
        const before = current.seen.get(row.scope);
        current.seen.set(row.scope, row.version);
        if (!first && before !== row.version) notify(row.scope as ControlScope);
      }
      current.lastPollAt = Date.now();
    } finally {
      current.inFlight = undefined;
    }
  })();
  return current.inFlight;
}

/** Starts the poll (a long-running server). Safe to call more than once. */
export function startWatchingControlChanges(): void {
  const current = control();
  if (current.polling) return;
  current.polling = true;
  // While the database is away every poll fails: one line every few seconds says so, not four a second.
  let warnedAt = 0;
  const poll = () =>
    void pollControlChanges().catch((error: unknown) => {
      if (Date.now() - warnedAt < 5_000) return;
      warnedAt = Date.now();
      log.warn("reading control-plane changes failed; retrying", { error });
    });
  poll();
  setInterval(poll, POLL_EVERY_MS).unref();
}
