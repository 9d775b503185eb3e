// Reserving credit without a database round trip per request, never overspending, and never refusing a request
// the account can pay for.
//
// Each app instance holds a *lease*: part of a user's balance moved, atomically in SQL, into users.held_micros
// and a credit_leases row. Requests reserve their worst case from the lease in memory (synchronously, so two
// requests on one instance can never both take the same micro-dollar). Requests the lease cannot cover queue, and
// one worker per user serves the queue: it tops the lease up for all of them at once, asks the other instances
// to give back what their requests do not need when the account's free balance runs out, and refuses a request
// only when the account cannot pay it. Settled usage is charged from the lease by the usage writer
// (lib/gateway/metering/usage-writer.ts) in the same SQL statement that writes the ledger row.
// Leases are renewed while the instance lives, returned when idle, and reclaimed by any instance once
// expired, so a crashed or frozen instance cannot keep a user's money.
//
// Invariants:
// 1. Never overspend. Money enters a lease only under the users row lock and only out of balance − held; in memory,
//    `available` + the reserves of the lease's requests in flight + their settled costs not yet written never
//    exceed the lease row's amount. So all requests of all instances together never reserve more than the balance.
// 2. A lease row shrinks only by money that is `available` (taken out of memory before the statement, put back if
//    it fails), or is deleted with no request of it in flight: a row never falls below what its requests need.
// 3. A request is refused for credit (402) only after a top-up round that started after it queued found the
//    account's free balance plus this instance's available lease smaller than its reserve, and no other instance
//    can give anything back: none holds an unexpired lease, or every one asked has answered (or RETURN_WAIT_MS
//    passed). A slow or unreachable database is never a 402: the request waits, then gets a 503 to retry.
// 4. Top-ups are sized to the demand of everyone waiting; each one that grants anything serves at least one
//    waiter (it grants at least what the smallest needs), and the worker keeps going while top-ups grant.
// 5. Waiting is cheap: a request that a warm lease covers costs no database round trip; those that wait share one
//    worker and one statement per round; nothing spins (retries sleep, return requests are polled per instance).
import "../server-only";
import { sql } from "../db/pool";
import { instanceId, isGoneLocalInstance, localInstancePrefix } from "../instance";
import { log } from "../log";
import { GatewayError } from "../gateway/errors";
import { formatUsd } from "../money";

const LEASE_TTL_SECONDS = 120;
const RENEW_EVERY_MS = 15_000;
/** A lease not confirmed for this long may have been reclaimed (the instance was frozen): confirm before use. */
const TRUST_LEASE_FOR_MS = (LEASE_TTL_SECONDS - 30) * 1000;
const RELEASE_IDLE_AFTER_MS = 20_000;
/** Beyond what the waiting requests need, a top-up takes room for this many more of the largest, so that busy
 * keys rarely go back to the database (except while the account is shared out thinly: see LEAN_FOR_MS). */
const HEADROOM_REQUESTS = 64n;
/** How often an instance holding leases looks for other instances' requests to give back their unused part. */
const RETURN_POLL_MS = 500;
/** How long requests that the free balance cannot cover wait for the other instances to answer a return request. */
const RETURN_WAIT_MS = 3_000;
/** After giving back or asking for a return, top-ups take only what is waiting, for this long: while several
 * instances share an account that is running low, none should hoard headroom that another one needs. */
const LEAN_FOR_MS = 30_000;
/** The longest a request waits for credit while the database is slow or unreachable, before a 503. */
const DATABASE_WAIT_MS = 5_000;
const RETRY_AFTER_SECONDS = 2;
const LOG_FAILURES_EVERY_MS = 30_000;

/** This instance's view of its lease for one user. While `releasing`, the worker waits for `done`. */
type Lease = { kind: "none" } | { kind: "held"; confirmedAt: number } | { kind: "releasing"; done: Promise<void> };

interface Waiter {
  amount: bigint;
  /** The number of top-up rounds started when it queued: only the answer of a later round may refuse it. */
  queuedAfterRound: number;
  resolve: (reservation: Reservation) => void;
  reject: (error: GatewayError) => void;
  /** Gives up with a 503 when the database keeps the request waiting too long. */
  deadline: NodeJS.Timeout;
}

interface UserCredit {
  /** Lease money not reserved by requests in flight. */
  available: bigint;
  inFlight: number;
  /** Bumped whenever the lease is lost or returned, so that late settlements do not refill a lease that is gone. */
  generation: number;
  lease: Lease;
  /** Requests the lease could not cover when they came, oldest first. */
  waiters: Waiter[];
  /** Top-up rounds started (see Waiter.queuedAfterRound); a renewal that overlapped one must not forget the lease. */
  rounds: number;
  /** Another instance asked for the unused part of this lease; the worker gives it back. */
  returnRequested: boolean;
  /** Until then, top-ups take no headroom. */
  leanUntil: number;
  lastActivity: number;
  /** The one task that talks to the database about this user's lease for requests: top-ups, confirmations, returns. */
  worker?: Promise<void>;
}

export interface Reservation {
  userId: string;
  amount: bigint;
  generation: number;
  settled: boolean;
}

export { instanceId };

const users = new Map<string, UserCredit>();
let timersStarted = false;

function stateOf(userId: string): UserCredit {
  let state = users.get(userId);
  if (!state) {
    state = {
      available: 0n,
      inFlight: 0,
      generation: 0,
      lease: { kind: "none" },
      waiters: [],
      rounds: 0,
      returnRequested: false,
      leanUntil: 0,
      lastActivity: Date.now(),
    };
    users.set(userId, state);
  }
  return state;
}

function trusted(lease: Lease): boolean {
  return lease.kind === "held" && Date.now() - lease.confirmedAt <= TRUST_LEASE_FOR_MS;
}

function take(userId: string, state: UserCredit, amount: bigint): Reservation {
  state.available -= amount;
  state.inFlight += 1;
  return { userId, amount, generation: state.generation, settled: false };
}

/**
 * Reserves `amount` micro-USD for one request. Throws 402 insufficient_credits when the account cannot pay it,
 * 503 overloaded when the database does not answer in time.
 */
export async function reserveCredit(userId: string, amount: bigint): Promise<Reservation> {
  startTimers();
  const state = stateOf(userId);
  state.lastActivity = Date.now();
  // A free request needs no lease; a warm lease covers a paid one with no database round trip.
  if (amount <= 0n || (trusted(state.lease) && state.available >= amount)) return take(userId, state, amount);
  return new Promise<Reservation>((resolve, reject) => {
    const waiter: Waiter = {
      amount,
      queuedAfterRound: state.rounds,
      resolve,
      reject,
      deadline: setTimeout(() => giveUp(state, waiter), DATABASE_WAIT_MS),
    };
    state.waiters.push(waiter);
    startWorker(userId, state);
  });
}

/** Gives back what the request did not spend. The spend itself is charged by the usage writer. */
export function settleReservation(reservation: Reservation, costMicros: bigint): void {
  if (reservation.settled) return;
  reservation.settled = true;
  const state = stateOf(reservation.userId);
  state.inFlight -= 1;
  state.lastActivity = Date.now();
  if (reservation.generation !== state.generation) return;
  state.available += reservation.amount - costMicros;
  // What this request did not spend may be enough for one that is waiting.
  serveWhatFits(reservation.userId, state);
}

/** Serves, oldest first, every waiting request that the available lease covers. */
function serveWhatFits(userId: string, state: UserCredit): void {
  if (state.waiters.length === 0 || !trusted(state.lease)) return;
  const stillWaiting: Waiter[] = [];
  for (const waiter of state.waiters) {
    if (waiter.amount > state.available) {
      stillWaiting.push(waiter);
      continue;
    }
    clearTimeout(waiter.deadline);
    waiter.resolve(take(userId, state, waiter.amount));
  }
  state.waiters = stillWaiting;
}

function giveUp(state: UserCredit, waiter: Waiter): void {
  const index = state.waiters.indexOf(waiter);
  if (index < 0) return;
  state.waiters.splice(index, 1);
  waiter.reject(
    new GatewayError(
      "overloaded",
      "Credit for this request could not be reserved in time: the billing database is not answering. Retry shortly.",
      { retryAfter: RETRY_AFTER_SECONDS },
    ),
  );
}

function startWorker(userId: string, state: UserCredit): void {
  if (state.worker) return;
  state.worker = work(userId, state).finally(() => {
    state.worker = undefined;
    // A request may have queued, or a return been asked for, after the worker's last look.
    if (state.waiters.length > 0 || state.returnRequested) startWorker(userId, state);
  });
}

/** While a round finds the account short and other instances were asked to give back: when to stop waiting. */
interface Shortage {
  until: number;
  retries: number;
}

/** Serves the queue and answers return requests, one database statement at a time; never rejects. */
async function work(userId: string, state: UserCredit): Promise<void> {
  let shortage: Shortage | undefined;
  let failures = 0;
  for (;;) {
    serveWhatFits(userId, state);
    if (state.waiters.length === 0 && !state.returnRequested) return;
    try {
      if (state.lease.kind === "releasing") {
        await state.lease.done;
      } else if (state.returnRequested) {
        state.returnRequested = false;
        await giveBackUnused(userId, state);
      } else if (state.lease.kind === "held" && !trusted(state.lease)) {
        await confirmLease(userId, state);
      } else {
        shortage = await topUpRound(userId, state, shortage);
        // The other instances answer on their next poll; until then, look again now and then, not in a loop.
        if (shortage) await sleep(Math.min(50 * 2 ** shortage.retries, 250));
      }
      failures = 0;
    } catch (error) {
      failures += 1;
      noteFailure("credit lease: database call failed; requests wait for it", error, { userId, failures });
      await sleep(Math.min(100 * 2 ** (failures - 1), 1_000));
    }
  }
}

/**
 * One top-up for every request waiting. Returns the shortage to keep waiting in, or undefined when the round
 * granted something or refused those it could not serve.
 */
async function topUpRound(
  userId: string,
  state: UserCredit,
  shortage: Shortage | undefined,
): Promise<Shortage | undefined> {
  state.rounds += 1;
  const round = state.rounds;
  const { need, want } = demandOf(state);
  const outcome = await takeLease(userId, need, want);
  if (outcome.granted > 0n) {
    state.available += outcome.granted;
    state.lease = { kind: "held", confirmedAt: Date.now() };
    serveWhatFits(userId, state);
    return undefined;
  }
  serveWhatFits(userId, state);
  const spendable = state.available + outcome.free;
  const now = Date.now();
  const othersMayGiveBack = outcome.othersHeld > 0n && (!shortage || (outcome.unanswered > 0 && now < shortage.until));
  if (!othersMayGiveBack) {
    refuse(state, round, spendable, outcome.balance);
    return undefined;
  }
  if (shortage) return { ...shortage, retries: shortage.retries + 1 };
  await askForReturns(userId);
  state.leanUntil = now + LEAN_FOR_MS;
  return { until: now + RETURN_WAIT_MS, retries: 0 };
}

/** `need`: the least that serves one more waiter; `want`: what serves them all, plus headroom unless lean. */
function demandOf(state: UserCredit): { need: bigint; want: bigint } {
  let smallest = state.waiters[0].amount;
  let largest = smallest;
  let total = 0n;
  for (const { amount } of state.waiters) {
    if (amount < smallest) smallest = amount;
    if (amount > largest) largest = amount;
    total += amount;
  }
  const headroom = Date.now() < state.leanUntil ? 0n : largest * HEADROOM_REQUESTS;
  const need = smallest > state.available ? smallest - state.available : 1n;
  const want = total - state.available + headroom;
  return { need, want: want > need ? want : need };
}

/** Refuses the waiters that queued before `round` and that the account cannot cover. */
function refuse(state: UserCredit, round: number, spendable: bigint, balance: bigint): void {
  const stillWaiting: Waiter[] = [];
  for (const waiter of state.waiters) {
    if (waiter.queuedAfterRound >= round || waiter.amount <= spendable) {
      stillWaiting.push(waiter);
      continue;
    }
    clearTimeout(waiter.deadline);
    waiter.reject(
      new GatewayError(
        "insufficient_credits",
        `Insufficient credits: this request may cost up to ${formatUsd(waiter.amount)}, and the account's balance is ` +
          `${formatUsd(balance)}, of which ${formatUsd(spendable)} is not held for requests in flight. ` +
          "Top up, or lower max_tokens.",
      ),
    );
  }
  state.waiters = stillWaiting;
}

interface TopUpOutcome {
  granted: bigint;
  /** The account's free balance (balance − held) after this grant. */
  free: bigint;
  balance: bigint;
  /** What other instances' leases hold (expired ones too, until reclaimed). */
  othersHeld: bigint;
  /** Other instances' leases with a return asked for and not yet answered. */
  unanswered: number;
}

async function takeLease(userId: string, need: bigint, want: bigint): Promise<TopUpOutcome> {
  // One statement: the free balance is read under the users row lock, and at least `need` is held or nothing is.
  // (Lock order: the users row, then this instance's lease row.) What other instances hold is the locked row's
  // held_micros less this lease: the statement's snapshot, taken before the lock wait, may miss a lease that a
  // concurrent top-up just made. Return requests only need to be seen once set by this instance's earlier statement.
  const rows = await sql<{ granted: bigint; free: bigint; balance: bigint; others_held: bigint; unanswered: number }>(
    `WITH account AS (
       SELECT id, balance_micros, held_micros, balance_micros - held_micros AS free FROM users WHERE id = $1 FOR UPDATE
     ), decision AS (
       SELECT id, balance_micros, held_micros, free,
         CASE WHEN free >= $2::bigint THEN LEAST($3::bigint, free) ELSE 0::bigint END AS granted
       FROM account
     ), hold AS (
       UPDATE users u SET held_micros = u.held_micros + decision.granted
       FROM decision WHERE u.id = decision.id AND decision.granted > 0
       RETURNING decision.granted
     ), lease AS (
       INSERT INTO credit_leases (id, user_id, instance_id, amount_micros, expires_at)
       SELECT gen_random_uuid()::text, $1, $4, granted, (now() AT TIME ZONE 'UTC') + make_interval(secs => $5)
       FROM hold
       ON CONFLICT (user_id, instance_id) DO UPDATE
         SET amount_micros = credit_leases.amount_micros + excluded.amount_micros, expires_at = excluded.expires_at
     ), own AS (
       SELECT COALESCE(SUM(amount_micros), 0)::bigint AS amount FROM credit_leases
       WHERE user_id = $1 AND instance_id = $4
     ), asked AS (
       SELECT COUNT(*)::int AS unanswered FROM credit_leases
       WHERE user_id = $1 AND instance_id <> $4 AND amount_micros > 0 AND return_requested_at IS NOT NULL
         AND expires_at > (now() AT TIME ZONE 'UTC')
     )
     SELECT decision.granted, decision.free - decision.granted AS free, decision.balance_micros AS balance,
       decision.held_micros - own.amount AS others_held, asked.unanswered
     FROM decision CROSS JOIN own CROSS JOIN asked`,
    [userId, need, want, instanceId, LEASE_TTL_SECONDS],
  );
  const row = rows[0];
  if (!row) return { granted: 0n, free: 0n, balance: 0n, othersHeld: 0n, unanswered: 0 };
  const { granted, free, balance, others_held: othersHeld, unanswered } = row;
  return { granted, free, balance, othersHeld, unanswered };
}

/** Asks every other instance holding part of this account to give back what its requests in flight do not need. */
async function askForReturns(userId: string): Promise<void> {
  await sql(
    `UPDATE credit_leases SET return_requested_at = now() AT TIME ZONE 'UTC'
     WHERE user_id = $1 AND instance_id <> $2 AND amount_micros > 0 AND return_requested_at IS NULL
       AND expires_at > (now() AT TIME ZONE 'UTC')`,
    [userId, instanceId],
  );
}

/**
 * Answers a return request: the lease shrinks to what this instance's requests in flight need, and the rest goes
 * back to the account's free balance, where the instance that asked can take it.
 */
async function giveBackUnused(userId: string, state: UserCredit): Promise<void> {
  state.leanUntil = Date.now() + LEAN_FOR_MS;
  if (state.lease.kind !== "held") {
    // A row this instance does not count as its lease (see renewAll): nothing of it is in memory, give it all back.
    await deleteLease(userId);
    return;
  }
  // A request that cost more than its reserve leaves `available` below zero: there is nothing to give back then.
  const amount = state.available > 0n ? state.available : 0n;
  const generation = state.generation;
  // Out of reach of new reservations before the statement runs (invariant 2); put back if it fails.
  state.available -= amount;
  let rows: Array<{ id: string }>;
  try {
    rows = await sql<{ id: string }>(
      `WITH shrunk AS (
         UPDATE credit_leases SET amount_micros = amount_micros - $3::bigint, return_requested_at = NULL
         WHERE user_id = $1 AND instance_id = $2 RETURNING user_id
       )
       UPDATE users SET held_micros = held_micros - $3::bigint FROM shrunk WHERE users.id = shrunk.user_id
       RETURNING users.id`,
      [userId, instanceId, amount],
    );
  } catch (error) {
    if (state.generation === generation) state.available += amount;
    throw error;
  }
  // No row: the lease expired and was reclaimed meanwhile; its money is already back in the balance.
  if (rows.length === 0 && state.generation === generation) forgetLease(state);
}

/** After a long pause (a frozen serverless instance), make sure the lease was not reclaimed meanwhile. */
async function confirmLease(userId: string, state: UserCredit): Promise<void> {
  const rows = await sql<{ user_id: string }>(
    `UPDATE credit_leases SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3)
     WHERE user_id = $1 AND instance_id = $2 RETURNING user_id`,
    [userId, instanceId, LEASE_TTL_SECONDS],
  );
  if (rows.length > 0) state.lease = { kind: "held", confirmedAt: Date.now() };
  else forgetLease(state);
}

function forgetLease(state: UserCredit): void {
  state.lease = { kind: "none" };
  state.available = 0n;
  state.generation += 1;
}

async function renewAll(): Promise<void> {
  const held = [...users.entries()].filter(([, state]) => state.lease.kind === "held");
  if (held.length === 0) return;
  const roundsBefore = new Map(held.map(([userId, state]) => [userId, state.rounds]));
  const rows = await sql<{ user_id: string }>(
    `UPDATE credit_leases SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2)
     WHERE instance_id = $1 RETURNING user_id`,
    [instanceId, LEASE_TTL_SECONDS],
  );
  const alive = new Set(rows.map((row) => row.user_id));
  const now = Date.now();
  for (const [userId, state] of held) {
    if (state.lease.kind !== "held") continue;
    if (alive.has(userId)) state.lease = { kind: "held", confirmedAt: now };
    // A top-up that overlapped this statement may have made the row after the statement looked.
    else if (!state.worker && state.rounds === roundsBefore.get(userId)) forgetLease(state);
  }
  // A row of this instance that it does not count as a lease would be renewed forever: give it back.
  for (const userId of alive) {
    const state = users.get(userId);
    if (state && (state.lease.kind !== "none" || state.worker)) continue;
    const orphan = stateOf(userId);
    orphan.returnRequested = true;
    startWorker(userId, orphan);
  }
}

/** Other instances asked, through the lease rows, for what this instance's leases hold unused. */
async function answerReturnRequests(): Promise<void> {
  if (![...users.values()].some((state) => state.lease.kind === "held")) return;
  const rows = await sql<{ user_id: string }>(
    `SELECT user_id FROM credit_leases WHERE instance_id = $1 AND return_requested_at IS NOT NULL`,
    [instanceId],
  );
  for (const { user_id: userId } of rows) {
    const state = stateOf(userId);
    state.returnRequested = true;
    startWorker(userId, state);
  }
}

async function releaseIdle(force = false): Promise<void> {
  const now = Date.now();
  for (const [userId, state] of users) {
    if (force && state.worker) await state.worker;
    if (state.inFlight > 0 || state.worker || state.waiters.length > 0) continue;
    if (!force && now - state.lastActivity < RELEASE_IDLE_AFTER_MS) continue;
    try {
      await releaseLease(userId, state);
    } catch (error) {
      log.error("lease release failed", { userId, error });
      continue;
    }
    if (state.inFlight === 0 && !state.worker && state.waiters.length === 0 && state.lease.kind === "none") {
      users.delete(userId);
    }
  }
}

/** Returns the whole lease to the balance. Usage settled later is charged to the balance directly (usage-writer). */
async function releaseLease(userId: string, state: UserCredit): Promise<void> {
  const held = state.lease;
  if (held.kind !== "held") return;
  let finished!: () => void;
  state.lease = { kind: "releasing", done: new Promise<void>((resolve) => (finished = resolve)) };
  try {
    await deleteLease(userId);
    state.lease = { kind: "none" };
    state.available = 0n;
    state.generation += 1;
  } catch (error) {
    // Nothing changed in the database, and no request could reserve meanwhile: the lease is as it was.
    state.lease = held;
    throw error;
  } finally {
    finished();
  }
}

async function deleteLease(userId: string): Promise<void> {
  await sql(
    `WITH returned AS (DELETE FROM credit_leases WHERE user_id = $1 AND instance_id = $2 RETURNING amount_micros)
     UPDATE users SET held_micros = held_micros - (SELECT COALESCE(SUM(amount_micros), 0) FROM returned)
     WHERE id = $1`,
    [userId, instanceId],
  );
}

/** Expired leases belong to instances that died or froze: their holds go back to the balance. */
export async function reclaimExpiredLeases(): Promise<void> {
  await returnLeases(`expires_at < (now() AT TIME ZONE 'UTC')`, []);
}

/**
 * Leases of processes on this machine that no longer run (a restart, a crash) go back at once, without waiting for
 * them to expire; the leases of a live process here (a second start on the same port, say) are left alone.
 */
export async function reclaimLeasesOfGoneLocalInstances(): Promise<void> {
  const holders = await sql<{ instance_id: string }>(
    `SELECT DISTINCT instance_id FROM credit_leases WHERE instance_id LIKE $1 || '%' AND instance_id <> $2`,
    [localInstancePrefix, instanceId],
  );
  const gone = holders.map((row) => row.instance_id).filter(isGoneLocalInstance);
  if (gone.length > 0) await returnLeases(`instance_id = ANY($1::text[])`, [gone]);
}

async function returnLeases(condition: string, values: unknown[]): Promise<void> {
  await sql(
    `WITH returned AS (DELETE FROM credit_leases WHERE ${condition} RETURNING user_id, amount_micros),
       totals AS (SELECT user_id, SUM(amount_micros) AS amount FROM returned GROUP BY user_id)
     UPDATE users u SET held_micros = u.held_micros - totals.amount FROM totals WHERE u.id = totals.user_id`,
    values,
  );
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

const lastLogged = new Map<string, number>();

/** Logs a failure at most every LOG_FAILURES_EVERY_MS per message: an outage must not flood the log. */
function noteFailure(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  const now = Date.now();
  if (now - (lastLogged.get(message) ?? 0) < LOG_FAILURES_EVERY_MS) return;
  lastLogged.set(message, now);
  log.error(message, { ...fields, error });
}

/** Runs `task` every `milliseconds`, never two at once (a slow database must not pile them up). */
function every(milliseconds: number, task: () => Promise<void>, failure: string): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => noteFailure(failure, error))
      .finally(() => (running = false));
  }, milliseconds);
  timer.unref();
}

function startTimers(): void {
  if (timersStarted) return;
  timersStarted = true;
  reclaimLeasesOfGoneLocalInstances()
    .then(() => reclaimExpiredLeases())
    .catch((error: unknown) => log.error("lease reclaim failed", { error }));
  every(RENEW_EVERY_MS, () => renewAll().then(() => releaseIdle()), "lease renewal failed");
  every(RETURN_POLL_MS, answerReturnRequests, "lease return poll failed");
  every(LEASE_TTL_SECONDS * 500, () => reclaimExpiredLeases(), "lease reclaim failed");
}

/** On shutdown: give every idle lease back now instead of waiting for it to expire. */
export async function releaseAllLeases(): Promise<void> {
  await releaseIdle(true);
}
