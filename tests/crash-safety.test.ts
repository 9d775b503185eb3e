// Nothing served goes uncharged when the process dies: a second instance of the app on the run's database is killed
// (SIGKILL to its process group) while streams are under way, then started again on the same port. The restarted
// instance settles what the dead one had in flight from its open requests: every stream is charged for what it
// delivered, exactly once, the requests answered before the crash are charged, and the dead instance's hold on the
// balance is returned.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../lib/db/embedded";
import { spawnApp, type AppProcess } from "../scripts/app-process";
import { chatBody, eventually, sleep } from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, database, requestLogs, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { childEnvironment } from "./support/test-environment";

const openai = connectStandIn();
const model = "openai/gpt-4o-mini";
const logPath = join(import.meta.dirname, ".crash-app.log");
let port: number;
let app: AppProcess;
let account: MintedKey;

function startInstance(): AppProcess {
  // npm start's script, as an operator runs it: the same database and local secrets (ENCRYPTION_KEY) as the main app.
  return spawnApp({ port, env: childEnvironment({ ...inject("appSettings"), PORT: String(port) }), output: logPath });
}

beforeAll(async () => {
  port = await freePort();
  app = startInstance();
  await app.waitUntilServing(120_000);
  account = await createKey({ credits: 5 });
});

afterAll(async () => {
  await app?.stop();
  await openai.reset();
  await closeDatabase();
});

/** Reads a stream until the connection breaks; resolves with the request id and what arrived. */
async function streamUntilCut(origin: string, text: string): Promise<{ requestId: string; received: string }> {
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
    body: JSON.stringify(chatBody(model, text, { stream: true })),
  });
  expect(response.status).toBe(200);
  const requestId = response.headers.get("x-request-id") ?? "";
  let received = "";
  const decoder = new TextDecoder();
  try {
    for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>)
      received += decoder.decode(bytes, { stream: true });
  } catch {
    // The instance died: the connection broke mid-stream.
  }
  return { requestId, received };
}

describe("an instance killed mid-stream", () => {
  it("is settled by its next start: every stream charged for what it delivered, once, and its hold returned", async () => {
    const initial = await balanceMicros(account.userId);
    const answered: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(`${app.origin}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
        body: JSON.stringify(chatBody(model, `answered before the crash ${index}`)),
      });
      expect(response.status).toBe(200);
      answered.push(response.headers.get("x-request-id") ?? "");
    }

    const streams = 8;
    const content = "word ".repeat(400);
    await openai.enqueue(...Array.from({ length: streams }, () => ({ content, chunkIntervalMs: 40 })));
    const running = Array.from({ length: streams }, (_, index) => streamUntilCut(app.origin, `a long answer ${index}`));
    // Long enough for the open rows to be written and checkpointed at least once.
    await sleep(2_500);
    await app.kill();
    const cut = await Promise.all(running);
    for (const stream of cut)
      expect(stream.received, "each stream delivered something before the crash").toMatch(/data: /);
    await openai.reset();

    app = startInstance();
    await app.waitUntilServing(120_000);
    const rows = await eventually(
      async () => {
        const logged = await requestLogs(account.userId);
        const ids = new Set(logged.map((row) => row.id));
        return [...answered, ...cut.map((stream) => stream.requestId)].every((id) => ids.has(id)) ? logged : undefined;
      },
      30_000,
      "every request of the dead instance to be logged",
    );
    expect(rows, "each request logged once").toHaveLength(answered.length + streams);
    for (const stream of cut) {
      const row = rows.find((candidate) => candidate.id === stream.requestId);
      expect(row, stream.requestId).toMatchObject({ status: 500, errorCode: "interrupted" });
      expect(row?.completionTokens, "what was delivered is counted").toBeGreaterThan(0);
      expect(row?.costMicros, "and charged").toBeGreaterThan(0n);
    }
    const spent = rows.reduce((total, row) => total + row.costMicros, 0n);
    expect(await balanceMicros(account.userId), "charged exactly what the log says").toBe(initial - spent);
    const held = await database().query<{ held_micros: string }>("SELECT held_micros FROM users WHERE id = $1", [
      account.userId,
    ]);
    // The new instance may hold a lease of its own only once a request of this account reaches it.
    expect(BigInt(held.rows[0].held_micros), "the dead instance's hold is returned").toBe(0n);
    const open = await database().query("SELECT 1 FROM open_requests WHERE user_id = $1", [account.userId]);
    expect(open.rowCount).toBe(0);
  }, 240_000);
});
