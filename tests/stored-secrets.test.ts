// An instance that cannot decrypt the provider keys stored in the database (another ENCRYPTION_KEY than the one that
// stored them) must not report ready and then fail every call: `npm start` refuses to start, with one line saying
// why; a running instance reports it on /api/status; and keys from the environment keep working either way.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../lib/db/embedded";
import { spawnApp } from "../scripts/app-process";
import { chatBody, eventually, parseJson, postChat, send } from "./support/app-client";
import { closeDatabase, createKey, database, type MintedKey } from "./support/keys";
import { childEnvironment } from "./support/test-environment";

let account: MintedKey;
const unreadableId = `unreadable-${crypto.randomUUID()}`;

beforeAll(async () => {
  account = await createKey({ credits: 1 });
  // A key an operator stored under another ENCRYPTION_KEY: its ciphertext opens with no key this app has.
  await database().query(
    `INSERT INTO provider_keys (id, provider_id, label, encrypted_key, fingerprint, last_four, source)
     VALUES ($1, 'openai', 'stored elsewhere', $2, $3, 'zzzz', 'console')`,
    [unreadableId, Buffer.alloc(48, 7).toString("base64"), `fp-${unreadableId}`],
  );
});

afterAll(async () => {
  await database().query("DELETE FROM provider_keys WHERE id = $1", [unreadableId]);
  await closeDatabase();
});

describe("stored provider keys this instance cannot decrypt", () => {
  it("make npm start refuse to start, in one line that says what to do", async () => {
    const port = await freePort();
    const app = spawnApp({
      port,
      env: childEnvironment({ ...inject("appSettings"), PORT: String(port) }),
      output: join(import.meta.dirname, ".secrets-app.log"),
    });
    const code = await new Promise<number | null>((resolve) => app.child.once("exit", (exitCode) => resolve(exitCode)));
    const output = app.logTail(20);
    await app.stop();
    expect(code).toBe(1);
    expect(output).toMatch(
      /ENCRYPTION_KEY cannot decrypt 1 provider key\(s\) stored in the database \(openai: stored elsewhere\)/,
    );
    expect(output, "no stack trace").not.toMatch(/\n\s+at /);
  }, 180_000);

  it("show as degraded on /api/status of a running instance, whose environment's keys still serve", async () => {
    const status = await eventually(
      async () => {
        const body = parseJson(await send("/api/status")) as { status: string; provider_keys_unreadable?: number };
        return body.provider_keys_unreadable === 1 ? body : undefined;
      },
      15_000,
      "the catalog to notice the unreadable key",
    );
    expect(status.status).toBe("degraded");
    const served = await postChat(account.key, chatBody("openai/gpt-4o-mini", "still served"));
    expect(served.status, served.text).toBe(200);
  });
});
