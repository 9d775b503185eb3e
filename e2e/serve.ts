// The app as e2e sees it: a fresh database on the run's PostgreSQL server, then `npm start`'s script.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";

const root = resolve(import.meta.dirname, "..");
const server = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
const name = "switchyard_e2e";

const admin = new URL(server);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await client.query(`CREATE DATABASE ${name}`);
await client.end();

const databaseUrl = new URL(server);
databaseUrl.pathname = `/${name}`;
const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl.toString(), PORT: process.env.E2E_PORT ?? "3210", HOST: "127.0.0.1", SWITCHYARD_DATA_DIR: ".data/e2e" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
