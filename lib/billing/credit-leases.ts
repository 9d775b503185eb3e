// Reserving credit without a database round trip per request, and still never overspending.
//
// Each app instance holds a *lease*: part of a user's balance moved, atomically in SQL, into users.held_micros
// and a credit_leases row. Requests reserve their worst case from the lease in memory (synchronously, so two
// requests on one instance can never both take the same micro-dollar); when the lease runs short the instance
// takes more, once, for all waiting requests. Settled usage is charged from the lease by the usage writer
// (lib/gateway/metering/usage-writer.ts) in the same SQL statement that writes the ledger row.
// Leases are renewed while the instance lives, returned when idle, and reclaimed by any instance once
// expired, so a crashed or frozen instance cannot keep a user's money.
import "../server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { sql } from "../db/pool";
import { env } from "../env";
import { log } from "../log";
import { GatewayError } from "../gateway/errors";
import { formatUsd } from "../money";

const LEASE_TTL_SECONDS = 120;
const RENEW_EVERY_MS = 15_000;
/** A lease not confirmed for this long may have been reclaimed (the instance was frozen): confirm before use. */
const TRUST_LEASE_FOR_MS = (LEASE_TTL_SECONDS - 30) * 1000;
const RELEASE_IDLE_AFTER_MS = 20_000;
/** A lease covers this many worst-case requests, so that busy keys rarely go back to the database. */
const LEASE_MULTIPLE = 64n;

interface UserCredit {
  /** Lease money not reserved by requests in flight. */
  available: bigint;
  inFlight: number;
  /** Bumped whenever the lease is lost or returned, so that late settlements do not refill a lease that is gone. */
  generation: number;
  hasLease: boolean;
  confirmedAt: number;
  lastActivity: number;
  pending?: Promise<void>;
}

export interface Reservation {
  userId: string;
  amount: bigint;
  generation: number;
  settled: boolean;
}

export const instanceId = `${hostname()}:${env().PORT}:${randomBytes(6).toString("hex")}`;

const users = new Map<string, UserCredit>();
let timersStarted = false;

function stateOf(userId: string): UserCredit {
  let state = users.get(userId);
  if (!state) {
    state = { available: 0n, inFlight: 0, generation: 0, hasLease: false, confirmedAt: 0, lastActivity: Date.now() };
    users.set(userId, state);
  }
  return state;
}

/** Reserves `amount` micro-USD for one request, or throws 402 insufficient_credits. */
export async function reserveCredit(userId: string, amount: bigint): Promise<Reservation> {
  startTimers();
  const state = stateOf(userId);
  for (let round = 0; round < 4; round++) {
    state.lastActivity = Date.now();
    if (state.hasLease && Date.now() - state.confirmedAt > TRUST_LEASE_FOR_MS && !state.pending) {
      state.pending = confirmLease(userId, state).finally(() => (state.pending = undefined));
    }
    if (state.pending) {
      await state.pending;
      continue;
    }
    if (state.available >= amount) {
      state.available -= amount;
      state.inFlight += 1;
      return { userId, amount, generation: state.generation, settled: false };
    }
    const need = amount - state.available;
    let granted = 0n;
    state.pending = takeLease(userId, need, amount * LEASE_MULTIPLE)
      .then((amountGranted) => {
        granted = amountGranted;
        if (amountGranted > 0n) {
          state.available += amountGranted;
          state.hasLease = true;
          state.confirmedAt = Date.now();
        }
      })
      .finally(() => (state.pending = undefined));
    await state.pending;
    if (granted === 0n) break;
  }
  throw new GatewayError(
    "insufficient_credits",
    `Insufficient credits: this request may cost up to ${formatUsd(amount)} and the balance cannot cover it. Top up, or lower max_tokens.`,
  );
}

/** Gives back what the request did not spend. The spend itself is charged by the usage writer. */
export function settleReservation(reservation: Reservation, costMicros: bigint): void {
  if (reservation.settled) return;
  reservation.settled = true;
  const state = stateOf(reservation.userId);
  state.inFlight -= 1;
  state.lastActivity = Date.now();
  if (reservation.generation === state.generation) state.available += reservation.amount - costMicros;
}

async function takeLease(userId: string, need: bigint, want: bigint): Promise<bigint> {
  // One statement: the free balance is read under the row lock, and at least `need` is held or nothing is.
  const rows = await sql<{ granted: bigint }>(
    `WITH free AS (
       SELECT id, balance_micros - held_micros AS amount FROM users WHERE id = $1 FOR UPDATE
     ), granted AS (
       UPDATE users u SET held_micros = u.held_micros + LEAST(GREATEST($3::bigint, $2::bigint), free.amount)
       FROM free WHERE u.id = free.id AND free.amount >= $2::bigint
       RETURNING LEAST(GREATEST($3::bigint, $2::bigint), free.amount) AS granted
     ), lease AS (
       INSERT INTO credit_leases (id, user_id, instance_id, amount_micros, expires_at)
       SELECT gen_random_uuid()::text, $1, $4, granted, (now() AT TIME ZONE 'UTC') + make_interval(secs => $5)
       FROM granted
       ON CONFLICT (user_id, instance_id) DO UPDATE
         SET amount_micros = credit_leases.amount_micros + excluded.amount_micros, expires_at = excluded.expires_at
     )
     SELECT granted FROM granted`,
    [userId, need, want, instanceId, LEASE_TTL_SECONDS],
  );
  return rows[0]?.granted ?? 0n;
}

/** After a long pause (a frozen serverless instance), make sure the lease was not reclaimed meanwhile. */
async function confirmLease(userId: string, state: UserCredit): Promise<void> {
  const rows = await sql<{ user_id: string }>(
    `UPDATE credit_leases SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3) WHERE user_id = $1 AND instance_id = $2 RETURNING user_id`,
    [userId, instanceId, LEASE_TTL_SECONDS],
  );
  if (rows.length > 0) state.confirmedAt = Date.now();
  else forgetLease(state);
}

function forgetLease(state: UserCredit): void {
  state.hasLease = false;
  state.available = 0n;
  state.generation += 1;
}

async function renewAll(): Promise<void> {
  const held = [...users.entries()].filter(([, state]) => state.hasLease);
  if (held.length === 0) return;
  const rows = await sql<{ user_id: string }>(
    `UPDATE credit_leases SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2) WHERE instance_id = $1 RETURNING user_id`,
    [instanceId, LEASE_TTL_SECONDS],
  );
  const alive = new Set(rows.map((row) => row.user_id));
  const now = Date.now();
  for (const [userId, state] of held) {
    if (alive.has(userId)) state.confirmedAt = now;
    else if (!state.pending) forgetLease(state);
  }
}

async function releaseIdle(force = false): Promise<void> {
  const now = Date.now();
  for (const [userId, state] of users) {
    if (state.inFlight > 0 || state.pending) continue;
    if (!force && now - state.lastActivity < RELEASE_IDLE_AFTER_MS) continue;
    if (state.hasLease) {
      state.pending = releaseLease(userId).finally(() => (state.pending = undefined));
      await state.pending;
    }
    if (state.inFlight === 0 && !state.pending) users.delete(userId);
  }
}

/** Returns the lease to the balance. Usage settled later is charged to the balance directly (see usage-writer). */
async function releaseLease(userId: string): Promise<void> {
  const state = stateOf(userId);
  forgetLease(state);
  await sql(
    `WITH returned AS (DELETE FROM credit_leases WHERE user_id = $1 AND instance_id = $2 RETURNING amount_micros)
     UPDATE users SET held_micros = held_micros - (SELECT COALESCE(SUM(amount_micros), 0) FROM returned) WHERE id = $1`,
    [userId, instanceId],
  );
}

/** Expired leases belong to instances that died or froze: their holds go back to the balance. */
export async function reclaimExpiredLeases(instancePrefix?: string): Promise<void> {
  await sql(
    `WITH expired AS (
       DELETE FROM credit_leases WHERE expires_at < (now() AT TIME ZONE 'UTC') OR ($1::text IS NOT NULL AND instance_id LIKE $1 || '%' AND instance_id <> $2)
       RETURNING user_id, amount_micros
     ), totals AS (SELECT user_id, SUM(amount_micros) AS amount FROM expired GROUP BY user_id)
     UPDATE users u SET held_micros = u.held_micros - totals.amount FROM totals WHERE u.id = totals.user_id`,
    [instancePrefix ?? null, instanceId],
  );
}

/** Leases left by an earlier run of this same host and port (a restart) are returned at once. */
export function previousRunPrefix(): string {
  return instanceId.slice(0, instanceId.lastIndexOf(":") + 1);
}

function startTimers(): void {
  if (timersStarted) return;
  timersStarted = true;
  reclaimExpiredLeases(previousRunPrefix()).catch((error: unknown) => log.error("lease reclaim failed", { error }));
  const renew = setInterval(() => {
    renewAll()
      .then(() => releaseIdle())
      .catch((error: unknown) => log.error("lease renewal failed", { error }));
  }, RENEW_EVERY_MS);
  const reclaim = setInterval(() => {
    reclaimExpiredLeases().catch((error: unknown) => log.error("lease reclaim failed", { error }));
  }, LEASE_TTL_SECONDS * 500);
  renew.unref();
  reclaim.unref();
}

/** On shutdown: give every idle lease back now instead of waiting for it to expire. */
export async function releaseAllLeases(): Promise<void> {
  await releaseIdle(true);
}
