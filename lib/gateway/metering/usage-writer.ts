// Request logs and their charges are written after the response is under way, in batches: one transaction
// per batch inserts the log rows and ledger rows and moves each user's balance (and lease) in SQL.
import "../../server-only";
import { inTransaction, utc } from "../../db/pool";
import { postgresJson, postgresText, postgresTextOrNull } from "../../db/postgres-text";
import { instanceId } from "../../billing/credit-leases";
import { log } from "../../log";
import { usageRollupStatement } from "../../usage/rollup-statement";

/** How an attempt failed, for the request record and for routing decisions. */
export type ErrorClass = "timeout" | "connection" | "rate_limited" | "auth" | "server" | "request" | "not_served" | "internal";

export interface AttemptRecord {
  provider: string;
  keyId: string | null;
  status: number | null;
  latencyMs: number;
  errorClass?: ErrorClass;
  error?: string;
}

export interface UsageRecord {
  requestId: string;
  userId: string;
  apiKeyId: string;
  endpoint: string;
  model: string;
  providerId: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  errorCode: string | null;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costMicros: bigint;
  reservedMicros: bigint;
  latencyMs: number;
  ttftMs: number | null;
  attempts: AttemptRecord[];
  prompt: unknown;
  createdAt: Date;
}

const FLUSH_EVERY_MS = 25;
const MAX_BATCH = 250;
const LAST_USED_DEBOUNCE_MS = 60_000;

interface Pending {
  record: UsageRecord;
  resolve: () => void;
}

let queue: Pending[] = [];
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();
const lastUsedWritten = new Map<string, number>();

/** Queues a record; the promise settles once it is in the database (never rejects: failures are logged). */
export function recordUsage(record: UsageRecord): Promise<void> {
  return new Promise((resolve) => {
    queue.push({ record, resolve });
    if (queue.length >= MAX_BATCH) flushSoon(0);
    else flushSoon(FLUSH_EVERY_MS);
  });
}

function flushSoon(delay: number): void {
  if (timer && delay > 0) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    flushing = flushing.then(flush);
  }, delay);
}

export async function flushUsage(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
  }
  flushing = flushing.then(flush);
  await flushing;
}

async function flush(): Promise<void> {
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(batch.length);
    try {
      await writeBatch(batch.map((pending) => pending.record));
    } catch (error) {
      // The money must not be lost with the batch: write the records one by one so one bad row cannot sink the rest.
      log.error("usage batch failed; writing records one by one", { error, size: batch.length });
      for (const pending of batch) await writeAlone(pending.record);
    }
    for (const pending of batch) pending.resolve();
  }
}

/**
 * One record; if even that fails, the same record without what a client or an upstream wrote into it (the prompt,
 * the attempts' error texts, the finish reason), so that the log row and its charge land whatever those held.
 */
async function writeAlone(record: UsageRecord): Promise<void> {
  try {
    await writeBatch([record]);
    return;
  } catch (error) {
    log.error("usage record could not be written; writing it without its free-text fields", { requestId: record.requestId, error });
  }
  const attempts = record.attempts.map(({ error: _error, ...attempt }) => attempt);
  await writeBatch([{ ...record, prompt: null, attempts, finishReason: null }]).catch((error: unknown) =>
    log.error("usage record could not be written", { requestId: record.requestId, costMicros: record.costMicros, error }),
  );
}

const LOG_COLUMNS = [
  "id", "user_id", "api_key_id", "endpoint", "model", "provider_id", "upstream_model", "stream", "status", "error_code",
  "finish_reason", "prompt_tokens", "completion_tokens", "cached_tokens", "cache_write_tokens", "reasoning_tokens", "cost_micros",
  "reserved_micros", "latency_ms", "ttft_ms", "attempts", "prompt", "created_at",
] as const;

function placeholders(rowCount: number, columnCount: number, casts: Record<number, string> = {}): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    const cells: string[] = [];
    for (let column = 0; column < columnCount; column++) cells.push(`$${row * columnCount + column + 1}${casts[column] ?? ""}`);
    rows.push(`(${cells.join(", ")})`);
  }
  return rows.join(", ");
}

async function writeBatch(records: UsageRecord[]): Promise<void> {
  const logValues: unknown[] = [];
  for (const record of records) {
    // Every text that came from outside goes through postgresText/postgresJson: a NUL must not cost a row or a charge.
    logValues.push(
      record.requestId, record.userId, record.apiKeyId, postgresText(record.endpoint), postgresText(record.model),
      record.providerId, postgresTextOrNull(record.upstreamModel), record.stream, record.status,
      postgresTextOrNull(record.errorCode), postgresTextOrNull(record.finishReason), record.promptTokens, record.completionTokens,
      record.cachedTokens, record.cacheWriteTokens, record.reasoningTokens, record.costMicros, record.reservedMicros, record.latencyMs,
      record.ttftMs, postgresJson(record.attempts), postgresJson(record.prompt), utc(record.createdAt),
    );
  }
  const statements = [
    {
      text: `INSERT INTO request_logs (${LOG_COLUMNS.join(", ")}) VALUES ${placeholders(records.length, LOG_COLUMNS.length, { [LOG_COLUMNS.indexOf("attempts")]: "::jsonb", [LOG_COLUMNS.indexOf("prompt")]: "::jsonb" })}
       ON CONFLICT (id) DO NOTHING`,
      values: logValues,
    },
  ];
  // The daily roll-up moves in the same transaction as the log rows it counts, so the charts can never drift from the log.
  const rollup = usageRollupStatement(records);
  if (rollup) statements.push(rollup);

  const charged = records.filter((record) => record.costMicros !== 0n);
  if (charged.length > 0) {
    const ledgerValues: unknown[] = [];
    for (const record of charged) {
      ledgerValues.push(record.userId, -record.costMicros, record.requestId, postgresText(`${record.model} ${record.endpoint}`), utc(record.createdAt));
    }
    statements.push({
      text: `INSERT INTO ledger_entries (user_id, kind, amount_micros, request_id, description, created_at)
         VALUES ${charged.map((_, row) => `($${row * 5 + 1}, 'settle', $${row * 5 + 2}::bigint, $${row * 5 + 3}, $${row * 5 + 4}, $${row * 5 + 5})`).join(", ")}`,
      values: ledgerValues,
    });
    const perUser = new Map<string, bigint>();
    for (const record of charged) perUser.set(record.userId, (perUser.get(record.userId) ?? 0n) + record.costMicros);
    for (const [userId, spent] of perUser) {
      // Spend comes out of this instance's lease when it still has one; otherwise straight from the balance.
      statements.push({
        text: `WITH lease AS (
             UPDATE credit_leases SET amount_micros = amount_micros - $2::bigint WHERE user_id = $1 AND instance_id = $3 RETURNING 1
           )
           UPDATE users SET balance_micros = balance_micros - $2::bigint,
             held_micros = held_micros - CASE WHEN EXISTS (SELECT 1 FROM lease) THEN $2::bigint ELSE 0 END
           WHERE id = $1`,
        values: [userId, spent, instanceId],
      });
    }
  }

  const now = Date.now();
  const keysToTouch = [...new Set(records.map((record) => record.apiKeyId))].filter((keyId) => now - (lastUsedWritten.get(keyId) ?? 0) > LAST_USED_DEBOUNCE_MS);
  if (keysToTouch.length > 0) {
    for (const keyId of keysToTouch) lastUsedWritten.set(keyId, now);
    statements.push({ text: `UPDATE api_keys SET last_used_at = now() AT TIME ZONE 'UTC' WHERE id = ANY($1::text[])`, values: [keysToTouch] });
  }
  await inTransaction(statements);
}
