// Request logs and their charges, written after the response is under way, in batches: one transaction per batch
// inserts the log rows and ledger rows and moves each user's balance (and lease) in SQL. Nothing here may lose a
// charge or invent one:
// - A request in flight is written as an open_requests row soon after it starts (OPEN_AFTER_MS, off the critical
//   path; a request over by then never needs one) and kept current while it streams (CHECKPOINT_MS): if this process
//   dies, another instance settles it from that row (orphan-settlement.ts), charging what was delivered.
// - Writing a record is idempotent: its log row's primary key decides, in the same transaction, whether its charge is
//   booked, so a record written twice (a retry, a replayed spool, a settled orphan whose instance came back) is
//   charged once.
// - A batch the database refuses for its data is written record by record, and a record that still fails is written
//   without the text a client or an upstream put in it. A batch that fails because the database is unreachable is
//   kept, retried with back-off and spooled to disk (usage-spool.ts) until it lands.
import "../../server-only";
import type pg from "pg";
import { instanceId } from "../../instance";
import { isDatabaseUnreachable } from "../../db/database-errors";
import { utc, valuesPlaceholders, withTransaction } from "../../db/pool";
import { postgresJson, postgresText, postgresTextOrNull } from "../../db/postgres-text";
import { log } from "../../log";
import { usageRollupStatement } from "../../usage/rollup-statement";
import { type UsageRecord, usageRecordToJson } from "./usage-record";
import { spoolRecords, unspoolAll } from "./usage-spool";

export type { AttemptRecord, ErrorClass, UsageRecord, UsageSource } from "./usage-record";

const FLUSH_EVERY_MS = 25;
const MAX_BATCH = 250;
const LAST_USED_DEBOUNCE_MS = 60_000;
/** A request still going after this long gets its open_requests row. */
const OPEN_AFTER_MS = 200;
/** How often a streaming request's open row is brought up to date: at most this much output goes unrecorded. */
const CHECKPOINT_MS = 1_000;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;
/** While this instance has open rows, it says it is alive at least this often (orphan-settlement.ts). */
export const HEARTBEAT_EVERY_MS = 10_000;

interface Pending {
  record: UsageRecord;
  resolve: () => void;
  spooled: boolean;
}

interface OpenEntry {
  userId: string;
  openedAt: number;
  /** The record the request would be logged with if this instance died now. */
  snapshot: () => UsageRecord;
  /** Streams change as they go; others are written once. */
  changes: boolean;
  state: "pending" | "written";
  lastWrittenJson?: string;
  checkpointAt: number;
}

let queue: Pending[] = [];
const open = new Map<string, OpenEntry>();
/** Finished requests whose open row is (or may be) in the database and must go with their log row. */
const closeRows = new Set<string>();
let timer: NodeJS.Timeout | undefined;
let timerDueAt = 0;
let flushing: Promise<void> = Promise.resolve();
let retryDelayMs = 0;
let lastHeartbeatAt = 0;
const lastUsedWritten = new Map<string, number>();

/**
 * Registers a request in flight. `changes`: its snapshot moves as it goes (a stream), so it is checkpointed.
 * Returns nothing: `recordUsage` with the same request id closes it.
 */
export function openRequest(requestId: string, userId: string, snapshot: () => UsageRecord, changes: boolean): void {
  const now = Date.now();
  open.set(requestId, { userId, openedAt: now, snapshot, changes, state: "pending", checkpointAt: now });
  flushAt(now + OPEN_AFTER_MS);
}

/** Queues a finished request's record; the promise settles once it is in the database (it never rejects). */
export function recordUsage(record: UsageRecord): Promise<void> {
  const entry = open.get(record.requestId);
  if (entry) {
    open.delete(record.requestId);
    if (entry.state === "written") closeRows.add(record.requestId);
  }
  return new Promise((resolve) => {
    queue.push({ record, resolve, spooled: false });
    // While the database is out of reach, the retry's back-off decides when the next attempt is.
    flushAt(Date.now() + (retryDelayMs > 0 ? retryDelayMs : queue.length >= MAX_BATCH ? 0 : FLUSH_EVERY_MS));
  });
}

function flushAt(dueAt: number): void {
  if (timer && timerDueAt <= dueAt) return;
  if (timer) clearTimeout(timer);
  timerDueAt = dueAt;
  timer = setTimeout(
    () => {
      timer = undefined;
      flushing = flushing.then(flush);
    },
    Math.max(0, dueAt - Date.now()),
  );
}

/** Writes everything queued now; for tests, shutdown and the endpoints that read the log back. */
export async function flushUsage(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
  }
  flushing = flushing.then(flush);
  await flushing;
}

async function flush(): Promise<void> {
  try {
    do {
      const batch = queue.slice(0, MAX_BATCH);
      const openWork = dueOpenWork(Date.now());
      if (batch.length === 0 && openWork.length === 0) break;
      const written = await writeOrKeep(batch, openWork);
      if (!written) return;
      queue = queue.slice(batch.length);
      for (const pending of batch) pending.resolve();
    } while (queue.length > 0);
    retryDelayMs = 0;
    if (queue.length === 0)
      await unspoolAll().catch((error: unknown) => log.warn("could not clear the usage spool", { error }));
  } finally {
    scheduleNext();
  }
}

/** The next flush: a retry after a failure, or when the next open row or checkpoint falls due. */
function scheduleNext(): void {
  if (retryDelayMs > 0 || queue.length > 0) {
    flushAt(Date.now() + (retryDelayMs > 0 ? retryDelayMs : FLUSH_EVERY_MS));
    return;
  }
  let due = Number.POSITIVE_INFINITY;
  for (const entry of open.values()) {
    if (entry.state === "pending") due = Math.min(due, entry.openedAt + OPEN_AFTER_MS);
    else if (entry.changes) due = Math.min(due, entry.checkpointAt + CHECKPOINT_MS);
  }
  if (Number.isFinite(due)) flushAt(due);
}

interface OpenWrite {
  requestId: string;
  entry: OpenEntry;
  json: string;
}

/** Open rows to insert (requests older than OPEN_AFTER_MS) and to bring up to date (streams due a checkpoint). */
function dueOpenWork(now: number): OpenWrite[] {
  const work: OpenWrite[] = [];
  for (const [requestId, entry] of open) {
    const due =
      entry.state === "pending"
        ? now - entry.openedAt >= OPEN_AFTER_MS
        : entry.changes && now - entry.checkpointAt >= CHECKPOINT_MS;
    if (!due) continue;
    const json = postgresJson(usageRecordToJson(entry.snapshot())) ?? "{}";
    entry.checkpointAt = now;
    if (json !== entry.lastWrittenJson) work.push({ requestId, entry, json });
  }
  return work;
}

/**
 * One transaction for the batch and the open rows; true once written. A transient failure keeps everything for a
 * retry (and spools the finished records to disk); a refusal of the data falls back to one record at a time.
 */
async function writeOrKeep(batch: Pending[], openWork: OpenWrite[]): Promise<boolean> {
  const closing = batch.map((pending) => pending.record.requestId).filter((requestId) => closeRows.has(requestId));
  try {
    await withTransaction(async (client) => {
      await writeOpenRows(client, openWork);
      if (batch.length > 0)
        await writeRecords(
          client,
          batch.map((pending) => pending.record),
          { closing },
        );
    });
  } catch (error) {
    if (isDatabaseUnreachable(error)) {
      retryDelayMs = Math.min(RETRY_MAX_MS, retryDelayMs === 0 ? RETRY_FIRST_MS : retryDelayMs * 2);
      log.error("usage could not be written; keeping it and retrying", {
        error,
        queued: queue.length,
        retryInMs: retryDelayMs,
      });
      await spoolPending(batch);
      return false;
    }
    log.error("usage batch refused; writing records one by one", { error, size: batch.length });
    for (const pending of batch) await writeAlone(pending.record, closeRows.has(pending.record.requestId));
    const openWritten = await withTransaction((client) => writeOpenRows(client, openWork)).then(
      () => true,
      (openError: unknown) => {
        log.error("open request rows could not be written", { error: openError, size: openWork.length });
        return false;
      },
    );
    if (!openWritten) openWork.length = 0;
  }
  for (const work of openWork) {
    work.entry.lastWrittenJson = work.json;
    // A request that finished meanwhile was queued before its row existed: its log row's transaction must delete it.
    if (work.entry.state === "pending" && !open.has(work.requestId)) closeRows.add(work.requestId);
    work.entry.state = "written";
  }
  for (const requestId of closing) closeRows.delete(requestId);
  return true;
}

async function spoolPending(batch: Pending[]): Promise<void> {
  const fresh = batch.filter((pending) => !pending.spooled);
  if (fresh.length === 0) return;
  try {
    await spoolRecords(fresh.map((pending) => pending.record));
    for (const pending of fresh) pending.spooled = true;
  } catch (error) {
    log.error("usage could not be spooled to disk either; it is kept in memory", { error, size: fresh.length });
  }
}

async function writeOpenRows(client: pg.PoolClient, work: OpenWrite[]): Promise<void> {
  if (work.length === 0) return;
  const values: unknown[] = [];
  const rows = work.map((item, index) => {
    values.push(item.requestId, instanceId, item.entry.userId, item.json);
    const base = index * 4;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}::jsonb, now() AT TIME ZONE 'UTC')`;
  });
  await client.query(
    `INSERT INTO open_requests (request_id, instance_id, user_id, record, updated_at) VALUES ${rows.join(", ")}
     ON CONFLICT (request_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
    values,
  );
  await heartbeat(client);
}

/** Says this instance is alive, at most every few seconds, with the open rows that depend on it. */
async function heartbeat(client: Pick<pg.PoolClient, "query">): Promise<void> {
  const now = Date.now();
  if (now - lastHeartbeatAt < HEARTBEAT_EVERY_MS / 2) return;
  await client.query(
    `INSERT INTO gateway_instances (instance_id, started_at, heartbeat_at) VALUES ($1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
     ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
    [instanceId],
  );
  lastHeartbeatAt = now;
}

/** For the heartbeat timer (orphan-settlement.ts). */
export async function heartbeatNow(client: Pick<pg.PoolClient, "query">): Promise<void> {
  lastHeartbeatAt = 0;
  await heartbeat(client);
}

/**
 * One record; if even that fails, the same record without what a client or an upstream wrote into it (the prompt,
 * the attempts' error texts, the finish reason), so that the log row and its charge land whatever those held.
 */
async function writeAlone(record: UsageRecord, closing: boolean): Promise<void> {
  const options = { closing: closing ? [record.requestId] : [] };
  try {
    await withTransaction((client) => writeRecords(client, [record], options));
    return;
  } catch (error) {
    log.error("usage record could not be written; writing it without its free-text fields", {
      requestId: record.requestId,
      error,
    });
  }
  const attempts = record.attempts.map(({ error: _error, ...attempt }) => attempt);
  await withTransaction((client) =>
    writeRecords(client, [{ ...record, prompt: null, attempts, finishReason: null }], options),
  ).catch((error: unknown) =>
    log.error("usage record could not be written", {
      requestId: record.requestId,
      costMicros: record.costMicros,
      error,
    }),
  );
}

const LOG_COLUMNS = [
  "id",
  "user_id",
  "api_key_id",
  "endpoint",
  "model",
  "provider_id",
  "upstream_model",
  "stream",
  "status",
  "error_code",
  "finish_reason",
  "prompt_tokens",
  "completion_tokens",
  "cached_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "usage_source",
  "cost_micros",
  "reserved_micros",
  "latency_ms",
  "ttft_ms",
  "attempts",
  "prompt",
  "created_at",
] as const;

export interface WriteOptions {
  /** Requests whose open_requests row goes with their log row. */
  closing: string[];
  /**
   * Whose lease the spend comes out of: this instance's (the default), or none when settling a dead instance's
   * requests after its leases were returned to the balance.
   */
  chargeLease?: "own" | "none";
}

/**
 * Writes records inside the caller's transaction. The log insert reports which rows are new; only those get their
 * roll-up, ledger row and balance change, so a record written twice is charged once.
 */
export async function writeRecords(
  client: Pick<pg.PoolClient, "query">,
  records: UsageRecord[],
  options: WriteOptions,
): Promise<void> {
  if (options.closing.length > 0)
    await client.query(`DELETE FROM open_requests WHERE request_id = ANY($1::text[])`, [options.closing]);
  if (records.length === 0) return;
  const logValues: unknown[] = [];
  for (const record of records) {
    // Every text that came from outside goes through postgresText/postgresJson: a NUL must not cost a row or a charge.
    logValues.push(
      record.requestId,
      record.userId,
      record.apiKeyId,
      postgresText(record.endpoint),
      postgresText(record.model),
      record.providerId,
      postgresTextOrNull(record.upstreamModel),
      record.stream,
      record.status,
      postgresTextOrNull(record.errorCode),
      postgresTextOrNull(record.finishReason),
      record.promptTokens,
      record.completionTokens,
      record.cachedTokens,
      record.cacheWriteTokens,
      record.reasoningTokens,
      record.usageSource,
      record.costMicros,
      record.reservedMicros,
      record.latencyMs,
      record.ttftMs,
      postgresJson(record.attempts) ?? "[]",
      postgresJson(record.prompt),
      utc(record.createdAt),
    );
  }
  const casts = { [LOG_COLUMNS.indexOf("attempts")]: "::jsonb", [LOG_COLUMNS.indexOf("prompt")]: "::jsonb" };
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO request_logs (${LOG_COLUMNS.join(", ")}) VALUES ${valuesPlaceholders(records.length, LOG_COLUMNS.length, casts)}
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    logValues,
  );
  // One record per new row, even when a batch holds the same request twice.
  const fresh = new Set(inserted.rows.map((row) => row.id));
  const written = records.filter((record) => fresh.delete(record.requestId));
  if (written.length === 0) return;

  // The daily roll-up moves in the same transaction as the log rows it counts, so the charts can never drift from the log.
  const rollup = usageRollupStatement(written);
  if (rollup) await client.query(rollup.text, rollup.values);

  const charged = written.filter((record) => record.costMicros !== 0n);
  if (charged.length > 0) {
    const ledgerValues: unknown[] = [];
    for (const record of charged) {
      ledgerValues.push(
        record.userId,
        "settle",
        -record.costMicros,
        record.requestId,
        postgresText(`${record.model} ${record.endpoint}`),
        utc(record.createdAt),
      );
    }
    await client.query(
      `INSERT INTO ledger_entries (user_id, kind, amount_micros, request_id, description, created_at)
       VALUES ${valuesPlaceholders(charged.length, 6, { 1: '::"LedgerKind"', 2: "::bigint" })}`,
      ledgerValues,
    );
    const perUser = new Map<string, bigint>();
    for (const record of charged) perUser.set(record.userId, (perUser.get(record.userId) ?? 0n) + record.costMicros);
    for (const [userId, spent] of perUser) {
      // Spend comes out of this instance's lease when it still has one; otherwise straight from the balance.
      const leaseOwner = options.chargeLease === "none" ? null : instanceId;
      await client.query(
        `WITH lease AS (
           UPDATE credit_leases SET amount_micros = amount_micros - $2::bigint
           WHERE user_id = $1 AND instance_id = $3::text RETURNING 1
         )
         UPDATE users SET balance_micros = balance_micros - $2::bigint,
           held_micros = held_micros - CASE WHEN EXISTS (SELECT 1 FROM lease) THEN $2::bigint ELSE 0 END
         WHERE id = $1`,
        [userId, spent, leaseOwner],
      );
    }
  }

  const now = Date.now();
  const keysToTouch = [...new Set(written.map((record) => record.apiKeyId))].filter(
    (keyId) => now - (lastUsedWritten.get(keyId) ?? 0) > LAST_USED_DEBOUNCE_MS,
  );
  if (keysToTouch.length > 0) {
    for (const keyId of keysToTouch) lastUsedWritten.set(keyId, now);
    await client.query(`UPDATE api_keys SET last_used_at = now() AT TIME ZONE 'UTC' WHERE id = ANY($1::text[])`, [
      keysToTouch,
    ]);
  }
}

/** Requests in flight on this instance, for shutdown and tests. */
export function openRequestCount(): number {
  return open.size;
}
