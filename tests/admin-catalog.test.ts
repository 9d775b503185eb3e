// The catalog as operators change it (lib/admin/catalog, what the console, the CLI and MCP call), against the real
// database and two app instances on it: a price, a route and a provider key changed while requests flow are honoured
// by both instances within a second (every request sent a second after the change sees it), every change audited without its secret, and "test connection" shows
// the upstream's models or its exact error without the key.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "../lib/admin/audit";
import { CatalogInputError } from "../lib/admin/catalog/catalog-input";
import { updateDeployment } from "../lib/admin/catalog/deployments";
import { createModel, importModels, updateModel } from "../lib/admin/catalog/models";
import { addProviderKey, removeProviderKey, setProviderKeyEnabled } from "../lib/admin/catalog/provider-keys";
import { createCustomProvider } from "../lib/admin/catalog/providers";
import { testProviderConnection } from "../lib/admin/catalog/test-connection";
import { updateSetting } from "../lib/admin/settings";
import { disconnectDatabase } from "../lib/db/client";
import { setEnvForTests } from "../lib/env";
import { expectedCostMicros, sleep } from "./support/app-client";
import { closeDatabase, createKey, database, hashKey, type MintedKey } from "./support/keys";
import { startServer, type RunningServer, localSecrets } from "./support/spawn-server";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
const actor: Actor = { userId: null, email: "test:admin-catalog", via: "cli" };
const run = randomBytes(3).toString("hex");
const providerId = `lab-${run}`;
const modelId = `${providerId}/chat`;
const secretA = `sk-lab-a-${randomBytes(12).toString("hex")}`;
const secretB = `sk-lab-b-${randomBytes(12).toString("hex")}`;
/**
 * A change is honoured within a second: every request *sent* a second after it sees it. Judged by when a request was
 * sent, not when its answer came back, so a loaded machine's slow answers do not count against the mechanism.
 */
const HONOURED_WITHIN_MS = 1_000;

let second: RunningServer;
let origins: string[];
let account: MintedKey;
let keyA: string;
let deploymentId: string;

const modelForm = {
  displayName: "Lab chat",
  kind: "chat",
  providerId,
  upstreamModel: "gpt-4o-mini",
  status: "live",
  markup: "0",
  capabilities: ["streaming"],
};

interface Served {
  status: number;
  costUsd: number;
  usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: { cached_tokens?: number } };
  /** What the upstream received for this request: its model and its key. */
  upstreamModel: string;
  upstreamKey: string;
}

let sequence = 0;

/** One chat request to `origin`, matched to the stand-in request it caused by a marker in the prompt. */
async function serve(origin: string): Promise<Served> {
  const marker = `catalog-${run}-${sequence++}`;
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: modelId, messages: [{ role: "user", content: marker }], max_tokens: 16 }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${origin} answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { usage: Served["usage"] };
  const received = (await standIn.chatRequests()).find((request) => JSON.stringify(request.body).includes(marker));
  if (!received) throw new Error(`the stand-in never received ${marker}`);
  return {
    status: response.status,
    costUsd: Number(response.headers.get("x-switchyard-cost-usd")),
    usage: body.usage,
    upstreamModel: String((received.body as { model: string }).model),
    upstreamKey: (received.headers.authorization ?? "").replace(/^Bearer /, ""),
  };
}

/**
 * Polls every instance with real requests until one satisfies `honoured`; fails when a request sent more than
 * HONOURED_WITHIN_MS after the change still got the old answer.
 */
async function untilHonouredWithinASecond(changedAt: number, honoured: (served: Served) => boolean): Promise<void> {
  await Promise.all(
    origins.map(async (origin) => {
      for (;;) {
        const sentAfter = Date.now() - changedAt;
        const served = await serve(origin);
        if (honoured(served)) return;
        if (sentAfter > HONOURED_WITHIN_MS)
          throw new Error(`${origin} served the old catalog to a request sent ${sentAfter} ms after the change`);
        await sleep(50);
      }
    }),
  );
}

/** Requests flowing to both instances for the length of a test; every one must succeed. */
function backgroundTraffic(): { stop: () => Promise<number[]> } {
  let running = true;
  const statuses: number[] = [];
  const loops = origins.map(async (origin) => {
    while (running) {
      const response = await fetch(`${origin}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: modelId, messages: [{ role: "user", content: "background" }], max_tokens: 8 }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
      await sleep(20);
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return statuses;
    },
  };
}

beforeAll(async () => {
  // The service layer runs in this process, on the test database, with the app's ENCRYPTION_KEY (made by npm start).
  const secrets = localSecrets();
  setEnvForTests({ DATABASE_URL: inject("databaseUrl"), ENCRYPTION_KEY: secrets.ENCRYPTION_KEY });

  await createCustomProvider(actor, { id: providerId, name: `Lab ${run}`, baseUrl: `${standIn.url}/v1` });
  // Key A takes (almost) every request while it is in service, so that disabling it shows at once.
  keyA = (await addProviderKey(actor, providerId, { label: "lab A", secret: secretA, weight: "1000" })).id;
  await addProviderKey(actor, providerId, { label: "lab B", secret: secretB, weight: "1" });
  await createModel(actor, { ...modelForm, id: modelId, inputPrice: "1", outputPrice: "2" });
  const deployment = await database().query<{ id: string }>("SELECT id FROM deployments WHERE model_id = $1", [
    modelId,
  ]);
  deploymentId = deployment.rows[0].id;
  account = await createKey({ credits: 50, rpm: 100_000 });
  second = await startServer({});
  origins = [inject("baseUrl"), second.origin];
  // Both instances serve the new model (it was added before the second one started, or within a second).
  const ready = Date.now();
  for (const origin of origins) {
    for (;;) {
      try {
        await serve(origin);
        break;
      } catch (error) {
        if (Date.now() - ready > 5_000) throw error;
        await sleep(100);
      }
    }
  }
}, 240_000);

afterAll(async () => {
  await second?.stop();
  await disconnectDatabase();
  await closeDatabase();
});

describe("catalog changes reach every instance within a second", () => {
  it("a new price is what the next requests cost, on both instances", async () => {
    const traffic = backgroundTraffic();
    const changedAt = Date.now();
    await updateModel(actor, modelId, { ...modelForm, inputPrice: "40", outputPrice: "80" });
    const prices = { input: 40_000_000n, cachedInput: 40_000_000n, cacheWrite: 40_000_000n, output: 80_000_000n };
    await untilHonouredWithinASecond(changedAt, (served) => {
      const cached = served.usage.prompt_tokens_details?.cached_tokens ?? 0;
      const expected = expectedCostMicros(
        { ...prices, markupBps: 0 },
        { input: served.usage.prompt_tokens - cached, cacheRead: cached, output: served.usage.completion_tokens },
      );
      return Math.round(served.costUsd * 1_000_000) === Number(expected);
    });
    expect((await traffic.stop()).filter((status) => status !== 200)).toEqual([]);
  });

  it("a changed route sends the next requests to the new upstream model, on both instances", async () => {
    const traffic = backgroundTraffic();
    const changedAt = Date.now();
    await updateDeployment(actor, deploymentId, { upstreamModel: "gpt-4o", priority: "0", weight: "1", enabled: "on" });
    await untilHonouredWithinASecond(changedAt, (served) => served.upstreamModel === "gpt-4o");
    expect((await traffic.stop()).filter((status) => status !== 200)).toEqual([]);
  });

  it("a disabled provider key gets no more requests, on both instances, and the others carry them", async () => {
    expect((await serve(origins[0])).upstreamKey).toBe(secretA);
    const traffic = backgroundTraffic();
    const changedAt = Date.now();
    await setProviderKeyEnabled(actor, keyA, false);
    await untilHonouredWithinASecond(changedAt, (served) => served.upstreamKey === secretB);
    expect((await traffic.stop()).filter((status) => status !== 200)).toEqual([]);
    for (const origin of origins) {
      for (let index = 0; index < 5; index += 1) expect((await serve(origin)).upstreamKey).toBe(secretB);
    }
  });
});

describe("what operators see and cannot do", () => {
  it("audits each change by label and last four, never the secret", async () => {
    const rows = await database().query<{ action: string; target_id: string; before: unknown; after: unknown }>(
      "SELECT action, target_id, before, after FROM audit_log WHERE actor_email = $1 ORDER BY created_at",
      [actor.email],
    );
    const actions = rows.rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "provider.create",
        "provider_key.create",
        "model.create",
        "model.update",
        "route.update",
      ]),
    );
    const disabled = rows.rows.find((row) => row.action === "provider_key.disable" && row.target_id === keyA);
    expect(disabled?.after).toMatchObject({ label: "lab A", lastFour: secretA.slice(-4), enabled: false });
    const everything = JSON.stringify(rows.rows);
    expect(everything).not.toContain(secretA);
    expect(everything).not.toContain(secretB);
    expect(everything).not.toContain(hashKey(secretA));
  });

  it("stores the secret encrypted, not as typed", async () => {
    const stored = await database().query<{ encrypted_key: string; last_four: string }>(
      "SELECT encrypted_key, last_four FROM provider_keys WHERE id = $1",
      [keyA],
    );
    expect(stored.rows[0].last_four).toBe(secretA.slice(-4));
    expect(stored.rows[0].encrypted_key).not.toContain(secretA);
    expect(Buffer.from(stored.rows[0].encrypted_key, "base64").toString("utf8")).not.toContain(secretA);
  });

  it("tests a connection: the upstream's models with a good key, its own error without the key with a bad one", async () => {
    const works = await testProviderConnection(providerId, keyA);
    expect(works).toEqual({ ok: true, models: expect.arrayContaining(["gpt-4o-mini", "gpt-4o"]) });
    const revoked = `sk-lab-revoked-${randomBytes(12).toString("hex")}`;
    const revokedId = (await addProviderKey(actor, providerId, { label: "revoked", secret: revoked })).id;
    await setProviderKeyEnabled(actor, revokedId, false);
    await standIn.revokeKeys([revoked]);
    const refused = await testProviderConnection(providerId, revokedId);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.status).toBe(401);
    expect(refused.message).toContain("invalid_api_key");
    expect(refused.message).not.toContain(revoked);
    const unreachable = await createCustomProvider(actor, {
      id: `gone-${run}`,
      name: "Gone",
      baseUrl: "http://127.0.0.1:9/v1",
    });
    const failed = await testProviderConnection(unreachable.id, null);
    expect(failed).toMatchObject({ ok: false, status: null });
  });

  it("refuses a live model without a price, a taken id, and deleting a key the environment would add again", async () => {
    await expect(createModel(actor, { ...modelForm, id: `${providerId}/unpriced` })).rejects.toMatchObject({
      issues: [{ field: "status", code: "live_without_price" }],
    });
    await expect(
      createModel(actor, { ...modelForm, id: modelId, inputPrice: "1", outputPrice: "1" }),
    ).rejects.toMatchObject({
      issues: [{ field: "id", code: "taken" }],
    });
    await expect(
      createCustomProvider(actor, { id: "openai", name: "x", baseUrl: "http://x/v1" }),
    ).rejects.toBeInstanceOf(CatalogInputError);
    const environmentKey = await database().query<{ id: string }>(
      "SELECT id FROM provider_keys WHERE provider_id = 'openai' AND source = 'env' LIMIT 1",
    );
    await expect(removeProviderKey(actor, environmentKey.rows[0].id)).rejects.toMatchObject({
      issues: [{ field: "", code: "env_key" }],
    });
  });

  it("gives a new model the default markup setting when none is typed", async () => {
    await updateSetting(actor, "defaultMarkupBps", 750);
    try {
      await createModel(actor, { ...modelForm, id: `${providerId}/marked-up`, markup: "", status: "soon" });
      const row = await database().query<{ markup_bps: number; status: string }>(
        "SELECT markup_bps, status FROM models WHERE id = $1",
        [`${providerId}/marked-up`],
      );
      expect(row.rows[0]).toEqual({ markup_bps: 750, status: "soon" });
    } finally {
      await updateSetting(actor, "defaultMarkupBps", null);
    }
  });

  it("imports picked upstream models as soon entries: listed, routed, not callable until priced and live", async () => {
    const added = await importModels(actor, { providerId, upstreamModels: ["gpt-4o", "text-embedding-3-small"] });
    expect(added.sort()).toEqual([`${providerId}/gpt-4o`, `${providerId}/text-embedding-3-small`]);
    expect(await importModels(actor, { providerId, upstreamModels: ["gpt-4o"] })).toEqual([]);
    const rows = await database().query<{ id: string; kind: string; status: string; routes: number }>(
      `SELECT m.id, m.kind, m.status, (SELECT count(*)::int FROM deployments d WHERE d.model_id = m.id) AS routes
       FROM models m WHERE m.id = ANY($1) ORDER BY m.id`,
      [added],
    );
    expect(rows.rows).toEqual([
      { id: `${providerId}/gpt-4o`, kind: "chat", status: "soon", routes: 1 },
      { id: `${providerId}/text-embedding-3-small`, kind: "embedding", status: "soon", routes: 1 },
    ]);
    // Known to the gateway within a second (404 before that), and refused as "coming soon".
    const importedAt = Date.now();
    let status = 404;
    while (status === 404 && Date.now() - importedAt < HONOURED_WITHIN_MS) {
      const response = await fetch(`${origins[0]}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: `${providerId}/gpt-4o`, messages: [{ role: "user", content: "hi" }] }),
      });
      await response.arrayBuffer();
      status = response.status;
    }
    expect(status).toBe(501);
  });
});
