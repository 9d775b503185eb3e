import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { createTestDatabase } from "./testing";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrator", () => {
  it("applies the project's migrations once, recorded as Prisma records them", async () => {
    const url = await createTestDatabase("switchyard_unit_migrate");
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(url, `SELECT * FROM "_prisma_migrations"`);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(
        (row) => row.finished_at !== null && row.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(row.checksum),
      ),
    ).toBe(true);
    const again = await migrate(url, join(import.meta.dirname, "..", "..", "prisma", "migrations"));
    expect(again.applied).toEqual([]);
    const tables = await query<{ tablename: string }>(
      url,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.map((table) => table.tablename)).toEqual(
      expect.arrayContaining(["users", "api_keys", "models", "ledger_entries", "request_logs", "credit_leases"]),
    );
  });

  it("refuses a migration that was edited after it was applied, and records a failed one", async () => {
    const url = await createTestDatabase("switchyard_unit_migrate_edit");
    const folder = mkdtempSync(join(tmpdir(), "migrations-"));
    mkdirSync(join(folder, "20260101000000_first"));
    writeFileSync(join(folder, "20260101000000_first", "migration.sql"), "CREATE TABLE first_table (id int);");
    expect((await migrate(url, folder)).applied).toEqual(["20260101000000_first"]);
    writeFileSync(join(folder, "20260101000000_first", "migration.sql"), "CREATE TABLE first_table (id bigint);");
    await expect(migrate(url, folder)).rejects.toThrow(/changed after it was applied/);

    writeFileSync(join(folder, "20260101000000_first", "migration.sql"), "CREATE TABLE first_table (id int);");
    mkdirSync(join(folder, "20260102000000_broken"));
    writeFileSync(
      join(folder, "20260102000000_broken", "migration.sql"),
      "CREATE TABLE broken (id int); SELECT no_such_function();",
    );
    await expect(migrate(url, folder)).rejects.toThrow(/20260102000000_broken failed/);
    // The failed migration's statements were rolled back with it.
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'broken'`)).toEqual([]);
    await expect(migrate(url, folder)).rejects.toThrow(/failed earlier/);
  });
});
