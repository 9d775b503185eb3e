// GET /v1/models, GET /v1/models/{id}, GET /v1/key and GET /api/status.
import type OpenAI from "openai";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectOpenAIError, gatewayClient, parseJson, send } from "./support/app-client";
import { catalogModels, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { upstreamDeepSeekKey, upstreamOpenAIKey } from "./support/test-environment";

let account: MintedKey;
let client: OpenAI;

beforeAll(async () => {
  account = await createKey({ credits: 5 });
  client = gatewayClient(account.key);
});

afterAll(async () => {
  await closeDatabase();
});

describe("GET /v1/models", () => {
  it("lists models in OpenAI's shape, with provider-qualified ids", async () => {
    const response = await send("/v1/models", { apiKey: account.key });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/\S+/);
    const body = parseJson(response) as { object: string; data: Array<Record<string, unknown>> };
    expect(body.object).toBe("list");
    expect(body.data.length).toBeGreaterThan(0);
    for (const model of body.data) {
      expect(model.object).toBe("model");
      expect(typeof model.id).toBe("string");
      expect(model.id as string).toMatch(/^[^/]+\/.+/);
      expect(typeof model.created).toBe("number");
      expect(typeof model.owned_by).toBe("string");
    }
    const ids = body.data.map((model) => model.id);
    expect(ids).toContain("openai/gpt-4o-mini");
    expect(ids).toContain("deepseek/deepseek-chat");

    const throughSdk: string[] = [];
    for await (const model of client.models.list()) throughSdk.push(model.id);
    expect(throughSdk.sort()).toEqual([...ids].sort());
  });

  it("does not offer models that cannot be called yet", async () => {
    const soon = await catalogModels("status = 'soon'");
    expect(soon.length).toBeGreaterThan(0);
    const body = parseJson(await send("/v1/models", { apiKey: account.key })) as { data: Array<{ id: string }> };
    const ids = body.data.map((model) => model.id);
    for (const model of soon) expect(ids).not.toContain(model.id);
  });

  it("retrieves one model by its id, whole or with the slash encoded as the SDK sends it", async () => {
    const response = await send("/v1/models/openai/gpt-4o-mini", { apiKey: account.key });
    expect(response.status, response.text).toBe(200);
    expect(parseJson(response)).toMatchObject({ id: "openai/gpt-4o-mini", object: "model" });

    const model = await client.models.retrieve("openai/gpt-4o-mini");
    expect(model.id).toBe("openai/gpt-4o-mini");
    expect(model.object).toBe("model");
  });

  it("answers 404 model_not_found for an unknown model", async () => {
    const response = await send("/v1/models/nobody/no-such-model", { apiKey: account.key });
    expectOpenAIError(response, 404, "model_not_found");
  });
});

describe("GET /v1/key", () => {
  it("shows this key's credits left", async () => {
    const response = await send("/v1/key", { apiKey: account.key });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    // The account has $5 and has not spent anything: the body states that amount somewhere.
    expect(response.text).toMatch(/(^|[^0-9.])5(\.0+)?([^0-9.]|$)|5000000/);
    expect(response.text).not.toContain(account.key);
  });

  it("answers 401 invalid_api_key without a key", async () => {
    expectOpenAIError(await send("/v1/key"), 401, "invalid_api_key");
  });
});

describe("GET /api/status", () => {
  it("reports health for status pages without secrets", async () => {
    const response = await send("/api/status");
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/\S+/);
    const body = parseJson(response) as {
      status: unknown;
      version: unknown;
      uptime_s: unknown;
      database: unknown;
      ratelimit: unknown;
      providers: Array<Record<string, unknown>>;
    };
    expect(typeof body.status).toBe("string");
    const packageVersion = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
    expect(body.version).toBe(packageVersion);
    expect(typeof body.uptime_s).toBe("number");
    expect(body.uptime_s as number).toBeGreaterThanOrEqual(0);
    expect(body.database).toBeDefined();
    expect(body.ratelimit).toBeDefined();
    expect(Array.isArray(body.providers)).toBe(true);
    for (const provider of body.providers) {
      expect(typeof provider.id).toBe("string");
      expect(typeof provider.status).toBe("string");
    }
    const providerIds = body.providers.map((provider) => provider.id);
    expect(providerIds).toContain("openai");
    expect(providerIds).toContain("deepseek");

    expect(response.text).not.toContain(upstreamOpenAIKey);
    expect(response.text).not.toContain(upstreamDeepSeekKey);
    expect(response.text).not.toContain(inject("databaseUrl"));
    expect(response.text).not.toMatch(/postgres(ql)?:\/\//);
  });
});
