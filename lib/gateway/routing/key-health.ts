// Health of each (provider key, model): a cool-down after 429 (Retry-After, or an exponential default), and a
// circuit that opens after repeated 5xx/timeouts and half-opens to a single probe. Routing reads it from memory;
// every change is also written to provider_key_health, and each instance merges what the others wrote every
// two seconds, so that one instance's 429 or outage spares the others the same failures.
import "../../server-only";
import { log } from "../../log";

const FAILURES_TO_OPEN = 3;
const OPEN_FIRST_MS = 10_000;
const OPEN_MAX_MS = 5 * 60_000;
const COOL_DEFAULT_MS = 1_000;
const COOL_MAX_MS = 60_000;
const SYNC_EVERY_MS = 2_000;

export type Availability = "ready" | "cooling" | "open";

interface Health {
  coolingUntil: number;
  /** 429s in a row, for the default cool-down's growth. */
  rateLimits: number;
  circuitOpenUntil: number;
  consecutiveFailures: number;
  openings: number;
  /** A half-open circuit lets one probe through; the others wait for its outcome. */
  probing: boolean;
  lastError: string | null;
  dirty: boolean;
}

export type FailureKind = "rate_limited" | "server" | "timeout" | "connection";

export interface HealthStore {
  /** Writes the states that changed. */
  save(
    states: Array<{
      keyId: string;
      modelId: string;
      coolingUntil: Date | null;
      circuitOpenUntil: Date | null;
      consecutiveFailures: number;
      openings: number;
      lastError: string | null;
    }>,
  ): Promise<void>;
  /** States written by any instance since `since`. */
  load(since: Date): Promise<
    Array<{
      keyId: string;
      modelId: string;
      coolingUntil: Date | null;
      circuitOpenUntil: Date | null;
      consecutiveFailures: number;
      openings: number;
    }>
  >;
}

const states = new Map<string, Health>();
let store: HealthStore | undefined;
let syncTimer: NodeJS.Timeout | undefined;
let lastSync = new Date(0);

const keyOf = (keyId: string, modelId: string) => `${keyId}|${modelId}`;

function stateOf(keyId: string, modelId: string): Health {
  const key = keyOf(keyId, modelId);
  let state = states.get(key);
  if (!state) {
    state = {
      coolingUntil: 0,
      rateLimits: 0,
      circuitOpenUntil: 0,
      consecutiveFailures: 0,
      openings: 0,
      probing: false,
      lastError: null,
      dirty: false,
    };
    states.set(key, state);
  }
  return state;
}

/** Routing order: ready first; cooling and open last, still tried when nothing else is left. */
export function availability(keyId: string, modelId: string): Availability {
  const state = states.get(keyOf(keyId, modelId));
  if (!state) return "ready";
  const now = Date.now();
  if (state.circuitOpenUntil > now) return "open";
  // Past its open time the circuit is half-open: one probe at a time.
  if (state.circuitOpenUntil > 0 && state.probing) return "open";
  if (state.coolingUntil > now) return "cooling";
  return "ready";
}

/** Called just before an attempt: a half-open circuit's attempt is its probe. */
export function beginAttempt(keyId: string, modelId: string): void {
  const state = states.get(keyOf(keyId, modelId));
  if (state && state.circuitOpenUntil > 0 && state.circuitOpenUntil <= Date.now()) state.probing = true;
}

export function recordSuccess(keyId: string, modelId: string): void {
  const state = states.get(keyOf(keyId, modelId));
  if (!state) return;
  const changed = state.consecutiveFailures > 0 || state.circuitOpenUntil > 0 || state.rateLimits > 0;
  state.consecutiveFailures = 0;
  state.rateLimits = 0;
  state.circuitOpenUntil = 0;
  state.openings = 0;
  state.probing = false;
  if (changed) markDirty(state);
}

export function recordFailure(
  keyId: string,
  modelId: string,
  kind: FailureKind,
  detail: { retryAfterMs?: number; message?: string } = {},
): void {
  const state = stateOf(keyId, modelId);
  const now = Date.now();
  state.lastError = detail.message?.slice(0, 300) ?? kind;
  if (kind === "rate_limited") {
    state.rateLimits += 1;
    const wait = detail.retryAfterMs ?? Math.min(COOL_MAX_MS, COOL_DEFAULT_MS * 2 ** (state.rateLimits - 1));
    state.coolingUntil = Math.max(state.coolingUntil, now + wait);
  } else {
    state.consecutiveFailures += 1;
    const halfOpen = state.circuitOpenUntil > 0 && state.circuitOpenUntil <= now;
    if (halfOpen || state.consecutiveFailures >= FAILURES_TO_OPEN) {
      // A failed probe, or the threshold reached: open (again), each time for longer.
      state.circuitOpenUntil = now + Math.min(OPEN_MAX_MS, OPEN_FIRST_MS * 2 ** state.openings);
      state.openings += 1;
      log.warn("circuit opened for a provider key", {
        keyId,
        modelId,
        openings: state.openings,
        lastError: state.lastError,
      });
    }
  }
  state.probing = false;
  markDirty(state);
}

function markDirty(state: Health): void {
  state.dirty = true;
  if (store) scheduleSync();
}

function scheduleSync(): void {
  if (syncTimer) return;
  syncTimer = setTimeout(() => {
    syncTimer = undefined;
    void sync();
  }, 250);
  syncTimer.unref();
}

async function sync(): Promise<void> {
  if (!store) return;
  const changed = [...states.entries()].filter(([, state]) => state.dirty);
  for (const [, state] of changed) state.dirty = false;
  try {
    if (changed.length > 0) {
      await store.save(
        changed.map(([key, state]) => {
          const [keyId, modelId] = key.split("|");
          return {
            keyId,
            modelId,
            coolingUntil: state.coolingUntil ? new Date(state.coolingUntil) : null,
            circuitOpenUntil: state.circuitOpenUntil ? new Date(state.circuitOpenUntil) : null,
            consecutiveFailures: state.consecutiveFailures,
            openings: state.openings,
            lastError: state.lastError,
          };
        }),
      );
    }
    const since = lastSync;
    lastSync = new Date(Date.now() - SYNC_EVERY_MS);
    for (const row of await store.load(since)) {
      const state = stateOf(row.keyId, row.modelId);
      // Another instance's view adds to ours: the later deadline and the longer failure run win.
      state.coolingUntil = Math.max(state.coolingUntil, row.coolingUntil?.getTime() ?? 0);
      const circuitOpenUntil = row.circuitOpenUntil?.getTime() ?? 0;
      if (circuitOpenUntil > state.circuitOpenUntil) {
        state.circuitOpenUntil = circuitOpenUntil;
        state.openings = Math.max(state.openings, row.openings);
      }
      if (
        row.consecutiveFailures === 0 &&
        row.circuitOpenUntil === null &&
        state.consecutiveFailures > 0 &&
        !state.dirty
      ) {
        // Another instance saw this key succeed: the run of failures is over.
        state.consecutiveFailures = 0;
        state.circuitOpenUntil = 0;
        state.openings = 0;
      } else {
        state.consecutiveFailures = Math.max(state.consecutiveFailures, row.consecutiveFailures);
      }
    }
  } catch (error) {
    for (const [, state] of changed) state.dirty = true;
    log.warn("key health sync failed", { error });
  }
}

/** Connects the in-memory health to the shared store and keeps them in step. */
export function shareKeyHealth(sharedStore: HealthStore): void {
  if (store) return;
  store = sharedStore;
  const timer = setInterval(() => void sync(), SYNC_EVERY_MS);
  timer.unref();
  void sync();
}

/** For tests: write pending changes and read the others' now. */
export async function syncKeyHealthNow(): Promise<void> {
  await sync();
}

export function resetKeyHealthForTests(): void {
  states.clear();
  lastSync = new Date(0);
}
