// GET /v1/models, GET /v1/models/{id}, GET /v1/key and GET /api/status.
import type OpenAI from "openai";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectOpenAIError, gatewayClient, parseJson, send, usageCost } from "./support/app-client";
import { catalogModels, closeDatabase, createKey, uniqueEmail, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { upstreamDeepSeekKeys, upstreamOpenAIKey } from "./support/test-environment";

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
  interface KeyStatus {
    data: {
      label: string;
      credits_usd: number;
      spend_today_usd: number;
      spend_month_usd: number;
      limits: { requests_per_minute: number; models: string[] | null };
    };
  }

  it("shows this key's credits left, its spend today and this month, and its limits", async () => {
    const fresh = await createKey({
      email: uniqueEmail("key-status"),
      credits: 5,
      rpm: 77,
      models: ["openai/gpt-4o-mini"],
    });
    const before = await send("/v1/key", { apiKey: fresh.key });
    expect(before.status, before.text).toBe(200);
    expect(before.headers.get("content-type")).toMatch(/^application\/json/);
    expect(before.text).not.toContain(fresh.key);
    const initial = parseJson(before) as unknown as KeyStatus;
    expect(initial.data.credits_usd).toBe(5);
    expect(initial.data.spend_today_usd).toBe(0);
    expect(initial.data.spend_month_usd).toBe(0);
    expect(initial.data.limits.requests_per_minute).toBe(77);
    expect(initial.data.limits.models).toEqual(["openai/gpt-4o-mini"]);
    expect(initial.data.label).toContain(fresh.key.slice(-4));

    await connectStandIn().enqueue({ usage: { prompt_tokens: 100_000, completion_tokens: 10_000 } });
    const completion = await gatewayClient(fresh.key).chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "spend" }],
    });
    const cost = usageCost(completion.usage);
    expect(cost).toBeGreaterThan(0);

    const after = parseJson(await send("/v1/key", { apiKey: fresh.key })) as unknown as KeyStatus;
    expect(after.data.spend_today_usd).toBeCloseTo(cost, 6);
    expect(after.data.spend_month_usd).toBeCloseTo(cost, 6);
    expect(after.data.credits_usd).toBeCloseTo(5 - cost, 6);
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
    const packageVersion = (
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
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
    for (const key of upstreamDeepSeekKeys) expect(response.text).not.toContain(key);
    expect(response.text).not.toContain(inject("databaseUrl"));
    expect(response.text).not.toMatch(/postgres(ql)?:\/\//);
  });
});
