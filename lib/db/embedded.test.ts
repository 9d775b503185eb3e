import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPostgresUrl, startEmbeddedPostgres } from "./embedded";

async function query(url: string, sql: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

// A checkout in a private folder, as under /root: as root, the cluster must run where the postgres user can reach.
const privateFolder = mkdtempSync(join(tmpdir(), "embedded-private-"));
const systemHome = join(mkdtempSync(join(tmpdir(), "embedded-system-")), "switchyard");
afterAll(() => {
  rmSync(privateFolder, { recursive: true, force: true });
  rmSync(join(systemHome, ".."), { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it("starts a cluster for a checkout in a private folder, and a second start reuses its data", async () => {
    chmodSync(join(systemHome, ".."), 0o755);
    const dataDir = join(privateFolder, "checkout", ".data");
    mkdirSync(dataDir, { recursive: true });
    chmodSync(privateFolder, 0o700);

    const first = await startEmbeddedPostgres(dataDir, { database: "switchyard_embedded", systemHome });
    try {
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      if (process.getuid?.() === 0) {
        expect(first.clusterDir.startsWith(systemHome)).toBe(true);
        expect(first.location).toContain("; as root, PostgreSQL runs as the postgres user, who cannot enter");
      } else {
        expect(first.clusterDir).toBe(join(dataDir, "postgres"));
      }
      // The CLI finds the running cluster through the bookkeeping under the data folder, wherever the cluster is.
      const [row] = await query(embeddedPostgresUrl(dataDir, "switchyard_embedded")!, "SELECT current_user AS name");
      expect(row.name).toBe("postgres");
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres(dataDir, { database: "switchyard_embedded", systemHome });
    try {
      expect(second.clusterDir).toBe(first.clusterDir);
      expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    } finally {
      await second.stop();
    }
    expect(existsSync(join(first.clusterDir, "postmaster.pid"))).toBe(false);
  }, 240_000);
});
