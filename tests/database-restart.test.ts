// The gateway survives its database: `npm start` on its own embedded PostgreSQL, whose server is then killed. While
// it is down no request gets a 500 (a key seen recently is served from the instance's lease, anything that needs the
// database gets 503 with Retry-After); npm start brings the cluster back by itself; and every request answered
// 200 — before, during and after — is logged and charged once it is back.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../lib/db/embedded";
import { spawnApp, type AppProcess } from "../scripts/app-process";
import { chatBody, eventually, sleep } from "./support/app-client";
import { hashKey, runCli, uniqueEmail } from "./support/keys";
import { childEnvironment, upstreamOpenAIKey } from "./support/test-environment";

const model = "openai/gpt-4o-mini";
let dataDir: string;
let settings: Record<string, string>;
let app: AppProcess;
let key: string;
let database: pg.Client;

function clusterPid(): number {
  return Number(readFileSync(join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

async function post(
  text: string,
): Promise<{ status: number; requestId: string; retryAfter: string | null; body: string }> {
  const response = await fetch(`${app.origin}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(chatBody(model, text)),
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    requestId: response.headers.get("x-request-id") ?? "",
    retryAfter: response.headers.get("retry-after"),
    body: await response.text(),
  };
}

async function connect(): Promise<pg.Client> {
  const { port, password } = JSON.parse(readFileSync(join(dataDir, "postgres.json"), "utf8")) as {
    port: number;
    password: string;
  };
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "switchyard" });
  await client.connect();
  return client;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchyard-restart-"));
  // Open to the postgres user, so that as root the cluster stays in this folder rather than under /var/lib.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  settings = {
    SWITCHYARD_DATA_DIR: dataDir,
    DATABASE_URL: "",
    OPENAI_API_KEY: upstreamOpenAIKey,
    OPENAI_BASE_URL: `${inject("standInUrl")}/v1`,
    SIGNUP_CREDIT_USD: "0",
    PORT: String(port),
  };
  app = spawnApp({ port, env: childEnvironment(settings), output: join(import.meta.dirname, ".restart-app.log") });
  await app.waitUntilServing(240_000);
  const minted = await runCli(["key", "create", "--email", uniqueEmail("restart"), "--credits", "5"], settings);
  expect(minted.exitCode, minted.stderr).toBe(0);
  key = minted.stdout.trim().split("\n").at(-1) ?? "";
}, 300_000);

afterAll(async () => {
  await database?.end().catch(() => undefined);
  await app?.stop(15_000);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a database killed under the gateway", () => {
  it("costs no 500s and no charges, and comes back by itself", async () => {
    const served: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const answer = await post(`before ${index}`);
      expect(answer.status, answer.body).toBe(200);
      served.push(answer.requestId);
    }
    process.kill(clusterPid(), "SIGKILL");

    const during: Array<{ status: number; retryAfter: string | null; body: string }> = [];
    for (let index = 0; index < 6; index += 1) {
      const answer = await post(`during ${index}`);
      during.push(answer);
      if (answer.status === 200) served.push(answer.requestId);
      await sleep(300);
    }
    for (const answer of during) {
      expect([200, 503], answer.body).toContain(answer.status);
      if (answer.status === 503) {
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "overloaded" } });
      }
    }

    database = await eventually(() => connect(), 90_000, "npm start to bring PostgreSQL back");
    await eventually(
      async () => {
        const answer = await post("after");
        if (answer.status !== 200) return undefined;
        served.push(answer.requestId);
        return true;
      },
      60_000,
      "the gateway to serve again",
    );
    await eventually(
      async () => {
        const logged = await database.query<{ id: string }>("SELECT id FROM request_logs WHERE id = ANY($1::text[])", [
          served,
        ]);
        return logged.rowCount === served.length ? true : undefined;
      },
      60_000,
      "every request answered 200 to be logged",
    );
    const money = await database.query<{ balance: string; spent: string; ledger: string }>(
      `SELECT u.balance_micros AS balance,
         (SELECT COALESCE(SUM(cost_micros), 0) FROM request_logs r WHERE r.user_id = u.id) AS spent,
         (SELECT COALESCE(SUM(amount_micros), 0) FROM ledger_entries l WHERE l.user_id = u.id) AS ledger
       FROM users u JOIN api_keys k ON k.user_id = u.id WHERE k.key_hash = $1`,
      [hashKey(key)],
    );
    const { balance, spent, ledger } = money.rows[0];
    expect(BigInt(spent)).toBeGreaterThan(0n);
    expect(BigInt(balance), "charged exactly what was logged").toBe(5_000_000n - BigInt(spent));
    expect(BigInt(ledger), "the ledger equals the balance").toBe(BigInt(balance));
  }, 240_000);
});
