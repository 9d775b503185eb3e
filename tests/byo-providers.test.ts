// Bring your own provider: a customer's own OpenAI-compatible endpoint (lib/byo, what /providers calls), called as
// byo/<name>/<model> with that account's keys only. The shared app runs with BYO_ALLOW_PRIVATE_NETWORKS=1 so that the
// local stand-in can play the customer's endpoint; the refusal of private addresses is proven in this process (the
// same connector the app uses) and by a second app started without the flag.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Actor } from "../lib/admin/audit";
import { CatalogInputError } from "../lib/admin/catalog/catalog-input";
import { updateSetting } from "../lib/admin/settings";
import { addByoKey, createByoProvider, setByoModels, testByoConnection } from "../lib/byo/byo-providers";
import { disconnectDatabase } from "../lib/db/client";
import { setEnvForTests } from "../lib/env";
import {
  chatBody,
  chargedRow,
  eventually,
  expectOpenAIError,
  parseJson,
  postChat,
  send,
  sleep,
  sseData,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, database, type MintedKey, requestLogs } from "./support/keys";
import { startServer, type RunningServer, localSecrets } from "./support/spawn-server";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
const actor: Actor = { userId: null, email: "test:byo", via: "cli" };
const run = randomBytes(3).toString("hex");
const name = `lab-${run}`;
const modelId = `byo/${name}/gpt-4o-mini`;
const goodSecret = `sk-byo-good-${randomBytes(10).toString("hex")}`;
const badSecret = `sk-byo-bad-${randomBytes(10).toString("hex")}`;
/** Every change through lib/byo reaches the app within a second (control_versions poll); a little more to be sure. */
const PROPAGATION_MS = 1_500;

let owner: MintedKey;
/** The same stand-in through a name ("localhost") rather than an IP literal: the resolver's answer is what is checked. */
let byNameId: string;
const byNameModel = `byo/${name}-by-name/gpt-4o-mini`;
let stranger: MintedKey;
let providerId: string;

function allowPrivateNetworks(allowed: boolean): void {
  setEnvForTests({ BYO_ALLOW_PRIVATE_NETWORKS: allowed ? "1" : undefined });
}

beforeAll(async () => {
  // lib/ runs in this process on the test database, with the app's ENCRYPTION_KEY (made by npm start).
  const secrets = localSecrets();
  setEnvForTests({ DATABASE_URL: inject("databaseUrl"), ENCRYPTION_KEY: secrets.ENCRYPTION_KEY });
  allowPrivateNetworks(true);
  owner = await createKey({ credits: 5, rpm: 100_000 });
  stranger = await createKey({ credits: 5, rpm: 100_000 });
  // The bad key is added first: failover has to be what brings the requests to the good one.
  ({ id: providerId } = await createByoProvider(owner.userId, {
    name,
    baseUrl: `${standIn.url}/v1`,
    label: "bad",
    secret: badSecret,
  }));
  await addByoKey(owner.userId, providerId, { label: "good", secret: goodSecret });
  await setByoModels(owner.userId, providerId, { models: ["gpt-4o-mini"], typedModels: "my-finetune" });
  ({ id: byNameId } = await createByoProvider(owner.userId, {
    name: `${name}-by-name`,
    baseUrl: `${standIn.url.replace("127.0.0.1", "localhost")}/v1`,
    secret: goodSecret,
  }));
  await setByoModels(owner.userId, byNameId, { models: "gpt-4o-mini" });
  await standIn.revokeKeys([badSecret]);
  await sleep(PROPAGATION_MS);
}, 60_000);

afterAll(async () => {
  await updateSetting(actor, "byoRequestFeeUsd", null);
  await updateSetting(actor, "byoMillionTokensFeeUsd", null);
  await standIn.reset();
  await disconnectDatabase();
  await closeDatabase();
});

describe("a customer's own endpoint", () => {
  it("tests the connection: the endpoint's models, or its exact error without the key", async () => {
    const listed = await testByoConnection(owner.userId, providerId, null);
    // The first key is the revoked one: the endpoint's own 401, with the key cut to its last four.
    expect(listed).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(listed)).not.toContain(badSecret);
    const keys = await database().query<{ id: string }>(
      "SELECT id FROM byo_provider_keys WHERE provider_id = $1 AND label = 'good'",
      [providerId],
    );
    const good = await testByoConnection(owner.userId, providerId, keys.rows[0].id);
    expect(good).toMatchObject({ ok: true, models: expect.arrayContaining(["gpt-4o-mini", "gpt-4o"]) });
    // Another account's session cannot test (or learn of) this provider.
    expect(await testByoConnection(stranger.userId, providerId, null)).toMatchObject({ ok: false, status: null });
  });

  it("is listed in the owner's GET /v1/models only", async () => {
    const mine = parseJson(await send("/v1/models", { apiKey: owner.key })) as { data: Array<{ id: string }> };
    expect(mine.data.map((model) => model.id)).toEqual(
      expect.arrayContaining([modelId, `byo/${name}/my-finetune`, "openai/gpt-4o-mini"]),
    );
    const theirs = parseJson(await send("/v1/models", { apiKey: stranger.key })) as { data: Array<{ id: string }> };
    expect(theirs.data.map((model) => model.id).filter((id) => id.startsWith("byo/"))).toEqual([]);
    expect((await send(`/v1/models/${modelId}`, { apiKey: owner.key })).status).toBe(200);
  });

  it("answers another account's key with the unknown model's 404, word for word", async () => {
    const unknown = `byo/${name}/no-such-model`;
    const theirs = await postChat(stranger.key, chatBody(modelId));
    const error = expectOpenAIError(theirs, 404, "model_not_found");
    const control = expectOpenAIError(await postChat(stranger.key, chatBody(unknown)), 404, "model_not_found");
    expect(error.message.replace(modelId, "X")).toBe(control.message.replace(unknown, "X"));
    expect((await send(`/v1/models/${modelId}`, { apiKey: stranger.key })).status).toBe(404);
  });

  it("serves the owner, failing over from its refused key to its good one, logged under the byo id", async () => {
    await standIn.reset();
    await standIn.revokeKeys([badSecret]);
    const before = await balanceMicros(owner.userId);
    // Both keys have the same weight, so either comes first: ask until one request has had to fail over.
    let response = await postChat(owner.key, chatBody(modelId, `byo-failover-${run}`));
    for (let tries = 1; tries < 12 && response.headers.get("x-switchyard-attempts") !== "2"; tries++) {
      expect(response.status, response.text).toBe(200);
      response = await postChat(owner.key, chatBody(modelId, `byo-failover-${run}`));
    }
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(response.headers.get("x-switchyard-provider")).toBe(`byo/${name}`);
    expect(response.headers.get("x-switchyard-model")).toBe(modelId);
    expect(parseJson(response).model).toBe(modelId);
    const received = (await standIn.chatRequests()).filter((request) =>
      JSON.stringify(request.body).includes(`byo-failover-${run}`),
    );
    // The upstream saw the customer's model name and, in the end, the customer's good key.
    const last = received.at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${goodSecret}`);
    expect((last?.body as { model: string } | undefined)?.model).toBe("gpt-4o-mini");
    // The default fee is $0: nothing is charged, whatever the tokens.
    const row = await chargedRow(owner.userId, before, response.headers.get("x-request-id"));
    expect(row).toMatchObject({ model: modelId, providerId: `byo/${name}`, status: 200, costMicros: 0n });
    expect(await balanceMicros(owner.userId)).toBe(before);
  });

  it("streams, with the operator's fee per request and per 1M tokens as the cost", async () => {
    await updateSetting(actor, "byoRequestFeeUsd", 0.01);
    await updateSetting(actor, "byoMillionTokensFeeUsd", 2);
    await sleep(PROPAGATION_MS);
    const before = await balanceMicros(owner.userId);
    const response = await postChat(
      owner.key,
      chatBody(modelId, "stream please", { stream: true, stream_options: { include_usage: true } }),
    );
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const frames = sseData(response.text);
    expect(frames.at(-1)).toBe("[DONE]");
    const last = JSON.parse(frames.at(-2) ?? "{}") as {
      usage: { prompt_tokens: number; completion_tokens: number; cost: number };
    };
    const tokens = last.usage.prompt_tokens + last.usage.completion_tokens;
    // $0.01 a request plus $2 per 1M tokens, in micro-USD: 10_000 + 2 × tokens.
    const expected = 10_000n + 2n * BigInt(tokens);
    expect(BigInt(Math.round(last.usage.cost * 1_000_000))).toBe(expected);
    const row = await chargedRow(owner.userId, before, response.headers.get("x-request-id"));
    expect(row).toMatchObject({ model: modelId, stream: true, costMicros: expected });
  });

  it("is refused clearly when asked for on the wrong endpoint", async () => {
    const response = await send("/v1/embeddings", { apiKey: owner.key, body: { model: modelId, input: "hi" } });
    expectOpenAIError(response, 400, "invalid_value");
  });
});

describe("no server-side request forgery", () => {
  it("refuses a private base URL when it is saved", async () => {
    allowPrivateNetworks(false);
    try {
      for (const baseUrl of ["http://localhost:9/v1", "http://169.254.169.254/v1", "http://[::ffff:127.0.0.1]:9/v1"]) {
        const attempt = createByoProvider(owner.userId, { name: `x-${run}`, baseUrl, secret: "sk-x" });
        await expect(attempt).rejects.toBeInstanceOf(CatalogInputError);
        await expect(attempt).rejects.toMatchObject({ issues: [{ field: "baseUrl", code: "private_address" }] });
      }
    } finally {
      allowPrivateNetworks(true);
    }
  });

  it("refuses at connect time: the connection test of endpoints saved while they were allowed", async () => {
    allowPrivateNetworks(false);
    try {
      await standIn.reset();
      // By name ("localhost"), the resolver's answer is checked, as for a public name rebound to a private address
      // after it was saved; by IP literal, the address itself.
      for (const id of [byNameId, providerId]) {
        const result = await testByoConnection(owner.userId, id, null);
        expect(result).toMatchObject({ ok: false, status: null });
        expect(result.ok ? "" : result.message).toMatch(/loopback, private or link-local/);
      }
      expect(await standIn.modelListRequests()).toEqual([]);
    } finally {
      allowPrivateNetworks(true);
    }
  });

  it("does not follow a redirect to a private address", async () => {
    let reached = 0;
    const target: Server = createServer((_request, response) => {
      reached += 1;
      response.end("{}");
    });
    const redirector: Server = createServer((_request, response) => {
      const { port } = target.address() as AddressInfo;
      response.writeHead(302, { location: `http://127.0.0.1:${port}/v1/models` }).end();
    });
    await Promise.all(
      [target, redirector].map((server) => new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()))),
    );
    try {
      const { port } = redirector.address() as AddressInfo;
      const redirecting = await createByoProvider(owner.userId, {
        name: `redirect-${run}`,
        baseUrl: `http://127.0.0.1:${port}/v1`,
        secret: "sk-redirect-test",
      });
      const result = await testByoConnection(owner.userId, redirecting.id, null);
      expect(result).toMatchObject({ ok: false, status: 302 });
      expect(reached).toBe(0);
    } finally {
      await Promise.all([target, redirector].map((server) => new Promise<void>((done) => server.close(() => done()))));
    }
  });

  describe("an app without BYO_ALLOW_PRIVATE_NETWORKS", () => {
    let guarded: RunningServer;
    beforeAll(async () => {
      guarded = await startServer({ BYO_ALLOW_PRIVATE_NETWORKS: undefined });
    }, 120_000);
    afterAll(async () => {
      await guarded?.stop();
    });

    it("never sends the customer's request to the private address it was saved with", async () => {
      await standIn.reset();
      for (const model of [modelId, byNameModel]) {
        const response = await fetch(`${guarded.origin}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${owner.key}`, "content-type": "application/json" },
          body: JSON.stringify(chatBody(model, `byo-ssrf-${run}`)),
        });
        const text = await response.text();
        expect(response.status, text).toBe(502);
        const body = JSON.parse(text) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("upstream_error");
        expect(body.error.message).toMatch(/loopback, private or link-local/);
        expect(text).not.toContain(goodSecret);
      }
      const received = (await standIn.chatRequests()).filter((request) =>
        JSON.stringify(request.body).includes(`byo-ssrf-${run}`),
      );
      expect(received).toEqual([]);
      // The operator's own providers on the same private address are not the guard's business.
      const operator = await fetch(`${guarded.origin}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner.key}`, "content-type": "application/json" },
        body: JSON.stringify(chatBody("openai/gpt-4o-mini")),
      });
      expect(operator.status).toBe(200);
      await eventually(
        async () => ((await requestLogs(owner.userId)).some((row) => row.status === 502) ? true : undefined),
        10_000,
        "the refused request logged",
      );
    });
  });
});
