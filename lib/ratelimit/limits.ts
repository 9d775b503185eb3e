// What a limit is, independent of where it is counted. A store (memory-store.ts, upstash-store.ts) only counts,
// atomically and all-or-nothing; the arithmetic that turns counts into limits, headroom and reset times is here, once.
//
// Invariants both stores keep:
// - Windows are fixed and aligned to the epoch (a minute ends on the minute, a day at 00:00 UTC), so every instance
//   and both stores agree on which window a request falls in.
// - A request is admitted only if every check passes; a refused request counts against nothing (a flood refused by
//   the minute limit does not use up the day).
// - Tokens are reserved in the minute of the request and corrected in that same minute when the real usage is known;
//   a correction that arrives after its minute has ended changes nothing (that window is gone).
// - A concurrency slot is a lease: it ends when released or, if its instance died, when the lease runs out; a live
//   request renews it while it lasts (a stream longer than the lease keeps its slot).

export type LimitWindow = "minute" | "day";

export const WINDOW_MS: Record<LimitWindow, number> = { minute: 60_000, day: 86_400_000 };

/** One limit a request must pass. */
export type LimitCheck =
  | { kind: "requests"; window: LimitWindow; max: number }
  /** Tokens per minute: `tokens` is the request's worst case, reserved now and corrected when it ends. */
  | { kind: "tokens"; max: number; tokens: number }
  /** Requests open at once; the slot is held until the request settles (a stream: its last byte). */
  | { kind: "concurrency"; max: number };

export interface CheckResult {
  check: LimitCheck;
  limit: number;
  remaining: number;
  /** Milliseconds until the headroom comes back: the window's end; for concurrency, unknown (0). */
  resetMs: number;
}

/** What an admitted request holds until it settles. */
export interface Hold {
  /** The reserved tokens and the store key of the minute they were counted in. */
  tokens: { key: string; amount: number } | null;
  /** The concurrency slot: its set's key and the slot's own id. */
  slot: { key: string; id: string } | null;
}

export type Decision =
  | { admitted: true; results: CheckResult[]; hold: Hold }
  | { admitted: false; results: CheckResult[]; refused: CheckResult };

/** One counter as a store sees it: a windowed count, or a set of leased slots. */
export type Counter =
  | { type: "count"; key: string; max: number; amount: number; ttlMs: number }
  | { type: "slots"; key: string; max: number; slotId: string; leaseMs: number };

/** Per counter, its value after the operation (before it, when refused); and which counter refused, if any. */
export interface CountOutcome {
  used: number[];
  refusedAt: number | null;
}

/**
 * A store counts several counters in one atomic step (one round trip for a remote store). With `mode: "peek"` it
 * changes nothing (expired slots aside) and reports the counts as they stand.
 */
export interface LimitStore {
  readonly kind: "upstash" | "memory";
  count(counters: Counter[], mode: "admit" | "peek", now: number): Promise<CountOutcome>;
  /** Adds `tokenDelta` to the hold's minute (if that minute is still counted) and frees its slot. */
  release(hold: Hold, tokenDelta: number, now: number): Promise<void>;
  /** Extends the hold's slot to `now + leaseMs`, if it is still held. */
  renew(hold: Hold, leaseMs: number, now: number): Promise<void>;
}

export function windowIndex(window: LimitWindow, now: number): number {
  return Math.floor(now / WINDOW_MS[window]);
}

/** Milliseconds until the current window of this length ends (the next 00:00 UTC for a day). */
export function windowResetMs(window: LimitWindow, now = Date.now()): number {
  const length = WINDOW_MS[window];
  return (windowIndex(window, now) + 1) * length - now;
}

const PREFIX = "switchyard";

/** The store counter behind one check of one identifier at `now`. */
export function counterFor(
  identifier: string,
  check: LimitCheck,
  now: number,
  leaseMs: number,
  slotId: string,
): Counter {
  if (check.kind === "concurrency") {
    return { type: "slots", key: `${PREFIX}:conc:${identifier}`, max: check.max, slotId, leaseMs };
  }
  const window = check.kind === "tokens" ? "minute" : check.window;
  const name = check.kind === "tokens" ? "tpm" : window === "minute" ? "rpm" : "rpd";
  return {
    type: "count",
    key: `${PREFIX}:${name}:${identifier}:${windowIndex(window, now)}`,
    max: check.max,
    amount: check.kind === "tokens" ? check.tokens : 1,
    // The counter outlives its window a little, so a late correction of a just-ended minute still finds it gone
    // rather than recreating it.
    ttlMs: windowResetMs(window, now) + 1_000,
  };
}

export function resultFor(check: LimitCheck, used: number, now: number): CheckResult {
  const resetMs =
    check.kind === "concurrency" ? 0 : windowResetMs(check.kind === "tokens" ? "minute" : check.window, now);
  return { check, limit: check.max, remaining: Math.max(0, check.max - used), resetMs };
}

/** Whole seconds to wait before retrying a refused check (at least 1: a slot may free at any moment). */
export function retryAfterSeconds(result: CheckResult): number {
  return Math.max(1, Math.ceil(result.resetMs / 1000));
}
