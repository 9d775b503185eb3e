// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the database from the schema of the
// last migration (kept as prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma.
// The Prisma 7 CLI needs a native schema engine that cannot be installed offline, so the diff is made by
// Prisma 6.19's wasm engine ("engine: js"), which produces the same Prisma-format SQL without a database.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const migrationsDir = join(root, "prisma", "migrations");
const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

// Prisma 6 wants a url in the datasource and has no use for the Prisma 7 generator block.
function forPrisma6(schema: string): string {
  return schema
    .replace(/generator\s+\w+\s*{[^}]*}/g, "")
    .replace(
      /datasource\s+db\s*{[^}]*}/,
      'datasource db {\n  provider = "postgresql"\n  url = "postgresql://localhost/unused"\n}',
    );
}

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const work = mkdtempSync(join(tmpdir(), "switchyard-migration-"));
try {
  symlinkSync(join(root, "node_modules"), join(work, "node_modules"));
  writeFileSync(join(work, "to.prisma"), forPrisma6(readFileSync(join(root, "prisma", "schema.prisma"), "utf8")));
  const from = existsSync(snapshotPath) ? ["--from-schema-datamodel", "from.prisma"] : ["--from-empty"];
  if (existsSync(snapshotPath))
    writeFileSync(join(work, "from.prisma"), forPrisma6(readFileSync(snapshotPath, "utf8")));
  writeFileSync(
    join(work, "prisma.config.ts"),
    // The js engine insists on a live connection even for a schema-to-schema diff; it reads nothing from it.
    [
      'import { defineConfig } from "prisma6/config";',
      'import { PrismaPg } from "@prisma/adapter-pg";',
      'export default defineConfig({ engine: "js", experimental: { adapter: true }, schema: "to.prisma",',
      `  adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(databaseUrl)} }) });`,
    ].join("\n"),
  );
  // Both engine variables only need to name an existing file: nothing is downloaded or run from them.
  const env = {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    CHECKPOINT_DISABLE: "1",
  };
  const cli = join(root, "node_modules", "prisma6", "build", "index.js");
  const result = spawnSync(
    process.execPath,
    [cli, "migrate", "diff", ...from, "--to-schema-datamodel", "to.prisma", "--script"],
    { cwd: work, env, encoding: "utf8" },
  );
  if (result.status !== 0) {
    console.error(result.stderr || result.stdout);
    console.error(
      `(the diff needs a reachable PostgreSQL, read but not changed: ${databaseUrl.replace(/\/\/[^@]*@/, "//")}; set DATABASE_URL)`,
    );
    process.exit(1);
  }
  const sql = result.stdout.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, "");
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("The schema has not changed since the last migration; nothing written.");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  copyFileSync(join(root, "prisma", "schema.prisma"), snapshotPath);
  console.log(`Wrote ${folder}/migration.sql`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
