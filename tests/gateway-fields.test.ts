// Gateway fields are the gateway's: OpenRouter's `provider` object steers which deployment serves (order, only,
// ignore, allow_fallbacks) and never reaches an upstream; fields a first-party API does not document are dropped and
// named in x-switchyard-dropped-params (the OpenAI stand-in refuses unknown arguments as OpenAI does), while a
// vLLM-style server (a customer's own endpoint) gets them all. A refused `provider` costs nothing and changes nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, inject } from "vitest";
import { createByoProvider, setByoModels } from "../lib/byo/byo-providers";
import { disconnectDatabase } from "../lib/db/client";
import { setEnvForTests } from "../lib/env";
import {
  chargedRow,
  chatBody,
  expectOpenAIError,
  parseJson,
  postChat,
  send,
  sleep,
  sseData,
  settledBalance,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, database, requestLogs, type MintedKey } from "./support/keys";
import { localSecrets } from "./support/spawn-server";
import { connectAnthropicStandIn, connectStandIn, type RecordedRequest } from "./support/stand-in-client";
import { upstreamDeepSeekKeys, upstreamOpenAIKey } from "./support/test-environment";

const openai = connectStandIn();
const anthropic = connectAnthropicStandIn();
const run = randomBytes(3).toString("hex");
const shared = "deepseek/deepseek-chat";
/** A second deployment of DeepSeek's model, on the OpenAI provider (the same stand-in, told apart by the key). */
const extraDeploymentId = `test-gateway-fields-${run}`;
const byoName = `vllm-${run}`;
let account: MintedKey;
/** The balance the account started with: chargedRow checks it against every logged cost. */
let initialMicros: bigint;

const keyOf = (request: RecordedRequest) => (request.headers.authorization ?? "").replace(/^Bearer /, "");
const bodyOf = (request: RecordedRequest) => request.body as Record<string, unknown>;

async function announceCatalogChange(): Promise<void> {
  await database().query(
    `INSERT INTO control_versions (scope, version) VALUES ('catalog', 1)
     ON CONFLICT (scope) DO UPDATE SET version = control_versions.version + 1, changed_at = now()`,
  );
  await sleep(1_500);
}

beforeAll(async () => {
  setEnvForTests({ DATABASE_URL: inject("databaseUrl"), ENCRYPTION_KEY: localSecrets().ENCRYPTION_KEY });
  setEnvForTests({ BYO_ALLOW_PRIVATE_NETWORKS: "1" });
  account = await createKey({ credits: 5, rpm: 100_000 });
  initialMicros = await balanceMicros(account.userId);
  await database().query(
    `INSERT INTO deployments (id, model_id, provider_id, upstream_model, priority, weight)
     VALUES ($1, $2, 'openai', 'deepseek-chat', 5, 1)`,
    [extraDeploymentId, shared],
  );
  const { id } = await createByoProvider(account.userId, {
    name: byoName,
    baseUrl: `${openai.url}/vllm/v1`,
    label: "local",
    secret: `sk-vllm-${run}`,
  });
  await setByoModels(account.userId, id, { models: ["qwen3-8b"] });
  await announceCatalogChange();
}, 60_000);

beforeEach(async () => {
  await Promise.all([openai.reset(), anthropic.reset()]);
});

afterAll(async () => {
  await database().query("DELETE FROM deployments WHERE id = $1", [extraDeploymentId]);
  await announceCatalogChange();
  await Promise.all([openai.reset(), anthropic.reset()]);
  await disconnectDatabase();
  await closeDatabase();
});

const extras = { top_k: 40, repetition_penalty: 1.1, chat_template_kwargs: { enable_thinking: false } };

describe("fields outside a provider's API", () => {
  it("are dropped for OpenAI, named in x-switchyard-dropped-params, where OpenAI would have refused the request", async () => {
    const response = await postChat(
      account.key,
      chatBody("openai/gpt-4o-mini", "hi", { ...extras, provider: { sort: "price", data_collection: "deny" } }),
    );
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBe(
      "provider.data_collection, top_k, repetition_penalty, chat_template_kwargs",
    );
    const [received] = await openai.chatRequests();
    for (const field of ["top_k", "repetition_penalty", "chat_template_kwargs", "provider", "models"])
      expect(bodyOf(received)).not.toHaveProperty(field);
    expect(bodyOf(received).messages).toEqual([{ role: "user", content: "hi" }]);
  });

  it("are named on a stream too", async () => {
    const response = await postChat(account.key, chatBody("openai/gpt-4o-mini", "hi", { stream: true, top_k: 5 }));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBe("top_k");
    expect(sseData(response.text).at(-1)).toBe("[DONE]");
  });

  it("go to a server that takes extra parameters (a vLLM-style endpoint), without the gateway's own fields", async () => {
    const model = `byo/${byoName}/qwen3-8b`;
    const response = await postChat(
      account.key,
      chatBody(model, "hi", { ...extras, provider: { order: [`byo/${byoName}`] }, models: [model] }),
    );
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBeNull();
    const received = (await openai.requests()).filter((request) => request.path === "/vllm/v1/chat/completions");
    expect(received).toHaveLength(1);
    expect(bodyOf(received[0])).toMatchObject(extras);
    expect(bodyOf(received[0])).not.toHaveProperty("provider");
    expect(bodyOf(received[0])).not.toHaveProperty("models");
  });

  it("are named for Anthropic models served through the chat core", async () => {
    const response = await postChat(
      account.key,
      chatBody("anthropic/claude-sonnet-4", "hi", { logprobs: true, top_k: 3 }),
    );
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBe("logprobs");
    const [received] = await anthropic.requests();
    expect(bodyOf(received).top_k).toBe(3);
  });
});

describe("the provider object", () => {
  it("leaves the catalog's order alone when absent: DeepSeek's own deployment first", async () => {
    const response = await postChat(account.key, chatBody(shared));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-provider")).toBe("deepseek");
    const [received] = await openai.chatRequests();
    expect(upstreamDeepSeekKeys as readonly string[]).toContain(keyOf(received));
  });

  it.each([
    ["order", { order: ["OpenAI"] }],
    ["only", { only: ["openai"] }],
    ["ignore", { ignore: ["deepseek"] }],
  ])("steers the request to the deployment it names (%s), and is never sent upstream", async (_field, provider) => {
    const response = await postChat(account.key, chatBody(shared, "steer", { provider }));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    const [received] = await openai.chatRequests();
    expect(keyOf(received)).toBe(upstreamOpenAIKey);
    expect(bodyOf(received)).not.toHaveProperty("provider");
  });

  it("fails over to the other deployments after the ordered one, unless allow_fallbacks is false", async () => {
    const serverError = { status: 500 };
    // The stand-in's queue is first in, first out, whatever the key: the ordered OpenAI deployment gets the 500.
    await openai.enqueue(serverError);
    const fallback = await postChat(account.key, chatBody(shared, "fallback", { provider: { order: ["openai"] } }));
    expect(fallback.status, fallback.text).toBe(200);
    expect(fallback.headers.get("x-switchyard-provider")).toBe("deepseek");

    await openai.reset();
    await openai.enqueue(serverError, serverError, serverError, serverError);
    const pinned = await postChat(
      account.key,
      chatBody(shared, "pinned", { provider: { order: ["openai"], allow_fallbacks: false } }),
    );
    expectOpenAIError(pinned, 502, "upstream_error");
    const received = await openai.chatRequests();
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((request) => keyOf(request) === upstreamOpenAIKey)).toBe(true);
    expect((await chargedRow(account.userId, initialMicros, pinned.headers.get("x-request-id"))).costMicros).toBe(0n);
  });

  it("works on /v1/messages, and never reaches Anthropic either", async () => {
    const response = await send("/v1/messages", {
      apiKey: account.key,
      body: {
        model: "anthropic/claude-sonnet-4",
        max_tokens: 64,
        messages: [{ role: "user", content: "hi" }],
        provider: { only: ["anthropic"], quantizations: ["fp8"] },
        models: ["anthropic/claude-sonnet-4"],
      },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBe("provider.quantizations");
    // Charged before the next test counts the balance.
    await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    const [received] = await anthropic.requests();
    expect(bodyOf(received)).not.toHaveProperty("provider");
    expect(bodyOf(received)).not.toHaveProperty("models");
  });
});

describe("hostile provider objects", () => {
  it.each([
    ["only naming nothing available", { only: ["no-such-provider"] }, 400, "provider.only"],
    ["ignore leaving nothing", { ignore: ["deepseek", "openai"] }, 400, "provider.ignore"],
    ["a price no deployment meets", { max_price: { prompt: 0.000001 } }, 400, "provider.max_price"],
    ["order as a string", { order: "openai" }, 400, "provider.order"],
    ["an unknown sort", { sort: "cheapest" }, 400, "provider.sort"],
    ["an unknown field", { favourite: "openai" }, 400, "provider.favourite"],
    ["not an object", "openai", 400, "provider"],
  ])(
    "%s: a clear 4xx naming the field, nothing reserved, no upstream call",
    async (_label, provider, status, param) => {
      const before = await settledBalance(account.userId, initialMicros);
      const response = await postChat(account.key, chatBody(shared, "hostile", { provider }));
      const error = expectOpenAIError(response, status, "invalid_value");
      expect(error.param).toBe(param);
      expect(await openai.chatRequests()).toEqual([]);
      expect(await balanceMicros(account.userId)).toBe(before);
    },
  );

  it("on /v1/messages answers in Anthropic's error shape", async () => {
    const response = await send("/v1/messages", {
      apiKey: account.key,
      body: { model: shared, max_tokens: 16, messages: [{ role: "user", content: "hi" }], provider: { only: [] } },
    });
    expect(response.status, response.text).toBe(400);
    expect(parseJson(response)).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("changes nothing shared: the next plain request is served at once by the usual deployment", async () => {
    for (let index = 0; index < 5; index++)
      await postChat(account.key, chatBody(shared, "hostile", { provider: { only: ["nobody"] } }));
    const response = await postChat(account.key, chatBody(shared));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-provider")).toBe("deepseek");
    expect(response.headers.get("x-switchyard-attempts")).toBe("1");
    const refused = (await requestLogs(account.userId)).filter((row) => row.status === 400);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.every((row) => row.costMicros === 0n)).toBe(true);
  });
});
