// Finished requests' records the database could not take, kept on local disk until it can, so that a process that
// dies during a database outage loses none of them: one append-only JSON-lines file per instance run under
// <SWITCHYARD_DATA_DIR>/spool, fsync'd on every append (appends come at most once per retry of a batch). Another
// instance (or the next run) replays a dead instance's file; writes are idempotent, so a record in a file and in the
// database is charged once. Serverless hosts without a writable disk keep the records in memory only.
import "../../server-only";
import { mkdir, open, readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { instanceId } from "../../instance";
import { env } from "../../env";
import { type UsageRecord, usageRecordFromJson, usageRecordToJson } from "./usage-record";

let spooled = false;

function spoolDirectory(): string {
  return join(resolve(env().SWITCHYARD_DATA_DIR), "spool");
}

/** File names carry the instance id; ':' is not welcome in every file system. */
export function spoolFileName(instance: string): string {
  return `${instance.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonl`;
}

export async function spoolRecords(records: UsageRecord[]): Promise<void> {
  const directory = spoolDirectory();
  await mkdir(directory, { recursive: true });
  const file = await open(join(directory, spoolFileName(instanceId)), "a", 0o600);
  try {
    await file.appendFile(records.map((record) => `${JSON.stringify(usageRecordToJson(record))}\n`).join(""));
    await file.sync();
    spooled = true;
  } finally {
    await file.close();
  }
}

/** Everything this instance spooled is in the database now: its file goes. */
export async function unspoolAll(): Promise<void> {
  if (!spooled) return;
  await rm(join(spoolDirectory(), spoolFileName(instanceId)), { force: true });
  spooled = false;
}

export interface SpoolFile {
  path: string;
  /** The file name without .jsonl, as spoolFileName made it. */
  owner: string;
  records: UsageRecord[];
}

/** Other instances' spool files (a torn last line, from a crash mid-append, is skipped). */
export async function otherSpoolFiles(): Promise<SpoolFile[]> {
  const directory = spoolDirectory();
  const names = await readdir(directory).catch(() => [] as string[]);
  const own = spoolFileName(instanceId);
  const files: SpoolFile[] = [];
  for (const name of names) {
    if (!name.endsWith(".jsonl") || name === own) continue;
    const path = join(directory, name);
    const records: UsageRecord[] = [];
    for (const line of (await readFile(path, "utf8")).split("\n")) {
      if (!line.trim()) continue;
      try {
        records.push(usageRecordFromJson(JSON.parse(line)));
      } catch {
        // The line a crash cut short: everything before it was fsync'd whole.
      }
    }
    files.push({ path, owner: name.slice(0, -".jsonl".length), records });
  }
  return files;
}

export async function removeSpoolFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
