// Settling the requests of an instance that died (kill -9, a crash, a host gone): any instance, at start-up and then
// every SETTLE_EVERY_MS, finds instances that stopped (lib/instance.ts: a process of this machine that no longer runs,
// or any instance silent too long) and,
// in one transaction, returns their leases to the balance, then writes each of their open requests' last snapshot as
// its log row with the charge for what was delivered (usage-writer.ts keeps the snapshots current). Spool files
// such an instance left on this disk are written the same way. Every write is idempotent: a request whose real row
// made it after all is charged once.
import "../../server-only";
import type pg from "pg";
import { instanceId, isGoneLocalInstance, localInstancePrefix } from "../../instance";
import { sql, withTransaction } from "../../db/pool";
import { log } from "../../log";
import { type UsageRecord, usageRecordFromJson } from "./usage-record";
import { otherSpoolFiles, removeSpoolFile, spoolFileName } from "./usage-spool";
import { HEARTBEAT_EVERY_MS, writeRecords } from "./usage-writer";

/** An instance silent this long is dead: long enough to ride out a database pause, short enough to settle soon. */
export const DEAD_AFTER_MS = 6 * HEARTBEAT_EVERY_MS;

type OrphanJson = Parameters<typeof usageRecordFromJson>[0];

/**
 * The instances that stopped: this machine's processes that no longer run (at once, on a restart), and any instance
 * silent for DEAD_AFTER_MS (another machine, or one that never heartbeat but left open requests).
 */
async function stoppedInstances(client: Pick<pg.PoolClient, "query">): Promise<string[]> {
  const candidates = await client.query<{ instance_id: string; silent: boolean }>(
    `SELECT instance_id, bool_and(silent) AS silent FROM (
       SELECT instance_id, heartbeat_at < (now() AT TIME ZONE 'UTC') - make_interval(secs => $2::double precision / 1000) AS silent
       FROM gateway_instances
       UNION ALL
       SELECT DISTINCT o.instance_id, true FROM open_requests o
       WHERE o.updated_at < (now() AT TIME ZONE 'UTC') - make_interval(secs => $2::double precision / 1000)
         AND NOT EXISTS (SELECT 1 FROM gateway_instances g WHERE g.instance_id = o.instance_id)
       UNION ALL
       SELECT DISTINCT instance_id, false FROM open_requests WHERE instance_id LIKE $3 || '%'
     ) AS seen
     WHERE instance_id <> $1
     GROUP BY instance_id`,
    [instanceId, DEAD_AFTER_MS, localInstancePrefix],
  );
  return candidates.rows
    .filter((row) => row.silent || isGoneLocalInstance(row.instance_id))
    .map((row) => row.instance_id);
}

/** Settles every open request of stopped instances; returns how many (and the spooled records written). */
export async function settleOrphans(): Promise<number> {
  const settled = await withTransaction(async (client) => {
    const stopped = await stoppedInstances(client);
    if (stopped.length === 0) return [];
    await client.query(`DELETE FROM gateway_instances WHERE instance_id = ANY($1::text[])`, [stopped]);
    const orphans = await client.query<{ record: OrphanJson }>(
      `DELETE FROM open_requests WHERE instance_id = ANY($1::text[]) RETURNING record`,
      [stopped],
    );
    // What they held for requests in flight goes back to the balance before what those requests used is charged.
    await client.query(
      `WITH returned AS (DELETE FROM credit_leases WHERE instance_id = ANY($1::text[]) RETURNING user_id, amount_micros),
         totals AS (SELECT user_id, SUM(amount_micros) AS amount FROM returned GROUP BY user_id)
       UPDATE users u SET held_micros = u.held_micros - totals.amount FROM totals WHERE u.id = totals.user_id`,
      [stopped],
    );
    const records = orphans.rows.map((row) => usageRecordFromJson(row.record));
    await writeRecords(client, records, { closing: [], chargeLease: "none" });
    return records;
  });
  if (settled.length > 0) {
    const charged = settled.reduce((total, record) => total + record.costMicros, 0n);
    log.warn("settled the requests of an instance that stopped", { requests: settled.length, chargedMicros: charged });
  }
  return settled.length + (await replaySpools());
}

/** Spool files of instances that are not alive: written (idempotently), then removed. */
async function replaySpools(): Promise<number> {
  const files = await otherSpoolFiles();
  if (files.length === 0) return 0;
  const alive = await sql<{ instance_id: string }>(
    `SELECT instance_id FROM gateway_instances
     WHERE heartbeat_at >= (now() AT TIME ZONE 'UTC') - make_interval(secs => $1::double precision / 1000)`,
    [DEAD_AFTER_MS],
  );
  const aliveOwners = new Set(
    alive
      .filter((row) => !isGoneLocalInstance(row.instance_id))
      .map((row) => spoolFileName(row.instance_id).slice(0, -".jsonl".length)),
  );
  let replayed = 0;
  for (const file of files) {
    if (aliveOwners.has(file.owner)) continue;
    await writeSpooled(file.records);
    await removeSpoolFile(file.path);
    replayed += file.records.length;
    log.warn("wrote the usage another run left in its spool", { file: file.path, records: file.records.length });
  }
  return replayed;
}

async function writeSpooled(records: UsageRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += 250) {
    const batch = records.slice(start, start + 250);
    await withTransaction((client) =>
      writeRecords(client, batch, { closing: batch.map((record) => record.requestId), chargeLease: "none" }),
    );
  }
}
