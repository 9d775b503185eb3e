// The other paid endpoints — embeddings and image generation — and the free ones around them: estimate, generation.
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appBaseUrl, expectOpenAIError, gatewayClient, parseJson, send } from "./support/app-client";
import { balanceMicros, catalogModels, closeDatabase, createKey, requestLogs, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { upstreamOpenAIKey } from "./support/test-environment";

const standIn = connectStandIn();
let account: MintedKey;
let client: OpenAI;

beforeAll(async () => {
  account = await createKey({ credits: 5 });
  client = gatewayClient(account.key);
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await closeDatabase();
});

const post = (path: string, body: unknown, key = account.key) =>
  send(path, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("embeddings", () => {
  it("returns float vectors for an array input, charged per input token at the model's price", async () => {
    const { data, response } = await client.embeddings
      .create({
        model: "openai/text-embedding-3-small",
        input: ["first text", "second, longer text"],
        encoding_format: "float",
      })
      .withResponse();
    expect(data.data.map((item) => item.index)).toEqual([0, 1]);
    expect(data.data[0].embedding.length).toBeGreaterThan(0);
    expect(data.model).toBe("openai/text-embedding-3-small");
    const [model] = await catalogModels("id = $1", ["openai/text-embedding-3-small"]);
    const expected = Math.round((data.usage.prompt_tokens * Number(model.inputPriceMicros)) / 1_000_000);
    expect(Number(response.headers.get("x-switchyard-cost-usd")) * 1_000_000).toBeCloseTo(expected, 0);
    const [upstream] = await standIn.requests();
    expect(upstream.path).toBe("/v1/embeddings");
    expect(upstream.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    expect(upstream.body).toMatchObject({ model: "text-embedding-3-small", encoding_format: "float" });
  });

  it("encodes base64 as OpenAI does, so the SDK's default decoding gives the same vector", async () => {
    const asFloats = await client.embeddings.create({
      model: "openai/text-embedding-3-small",
      input: "same text",
      encoding_format: "float",
    });
    // The Node SDK asks for base64 by default and decodes it itself.
    const viaBase64 = await client.embeddings.create({ model: "openai/text-embedding-3-small", input: "same text" });
    expect(viaBase64.data[0].embedding).toHaveLength(asFloats.data[0].embedding.length);
    for (const [index, value] of viaBase64.data[0].embedding.entries()) {
      expect(value).toBeCloseTo(asFloats.data[0].embedding[index], 5);
    }
    const raw = parseJson(
      await post("/v1/embeddings", {
        model: "openai/text-embedding-3-small",
        input: "same text",
        encoding_format: "base64",
      }),
    );
    expect(typeof (raw.data as Array<{ embedding: unknown }>)[0].embedding).toBe("string");
  });

  it("validates its input and refuses a chat model", async () => {
    expectOpenAIError(
      await post("/v1/embeddings", { model: "openai/text-embedding-3-small" }),
      400,
      "missing_field",
      "input",
    );
    expectOpenAIError(
      await post("/v1/embeddings", { model: "openai/text-embedding-3-small", input: [] }),
      400,
      "invalid_value",
      "input",
    );
    expectOpenAIError(
      await post("/v1/embeddings", { model: "openai/text-embedding-3-small", input: "x", encoding_format: "hex" }),
      400,
      "invalid_value",
      "encoding_format",
    );
    expectOpenAIError(
      await post("/v1/embeddings", { model: "openai/gpt-4o-mini", input: "x" }),
      400,
      "invalid_value",
      "model",
    );
  });
});

describe("image generation", () => {
  it("asks upstream for the tier it priced, and charges price × images", async () => {
    const before = await balanceMicros(account.userId);
    const response = await post("/v1/images/generations", {
      model: "openai/dall-e-3",
      prompt: "a lighthouse",
      n: 2,
      size: "1024x1792",
      quality: "hd",
      response_format: "b64_json",
    });
    expect(response.status).toBe(200);
    const body = parseJson(response) as { data: Array<{ b64_json?: string }> };
    expect(body.data).toHaveLength(2);
    expect(Buffer.from(body.data[0].b64_json!, "base64").toString()).toContain("hd 1024x1792");
    // dall-e-3 hd 1024x1792 lists at $0.12 an image. DALL·E counts no tokens, so there is no usage object (OpenAI's
    // schema requires token counts in one): the cost is in the header.
    expect(response.headers.get("x-switchyard-cost-usd")).toBe("0.240000");
    await expect.poll(async () => before - (await balanceMicros(account.userId)), { timeout: 5_000 }).toBe(240_000n);
  });

  it("resolves a missing quality and size to the model's default tier, and refuses a tier it does not sell", async () => {
    const image = await client.images.generate({ model: "openai/dall-e-3", prompt: "a fox" });
    expect(image.data?.[0].url).toMatch(/standard%201024x1024/);
    const [upstream] = await standIn.requests();
    expect(upstream.body).toMatchObject({ model: "dall-e-3", quality: "standard", size: "1024x1024", n: 1 });
    expectOpenAIError(
      await post("/v1/images/generations", { model: "openai/dall-e-3", prompt: "a fox", size: "640x480" }),
      400,
      "invalid_value",
      "size",
    );
    expectOpenAIError(
      await post("/v1/images/generations", { model: "openai/dall-e-3" }),
      400,
      "missing_field",
      "prompt",
    );
  });
});

describe("estimate", () => {
  it("reports what a chat call would reserve, with its parts", async () => {
    const response = await post("/v1/estimate", {
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "hello there" }],
      max_tokens: 1000,
    });
    expect(response.status).toBe(200);
    const body = parseJson(response) as {
      model: string;
      estimated_cost_usd: number;
      breakdown: Record<string, number>;
    };
    expect(body.model).toBe("openai/gpt-4o-mini");
    expect(body.breakdown.completion_tokens_max).toBe(1000);
    // 1000 output tokens at $0.60/M alone is $0.0006; the prompt adds a little.
    expect(body.estimated_cost_usd).toBeGreaterThan(0.0006);
    expect(body.estimated_cost_usd).toBeLessThan(0.0007);
  });

  it("prices images exactly and embeddings by their input", async () => {
    const images = parseJson(
      await post("/v1/estimate", { model: "openai/dall-e-3", prompt: "x", n: 3, size: "1792x1024", quality: "hd" }),
    );
    expect(images.estimated_cost_usd).toBe(0.36);
    const embeddings = parseJson(
      await post("/v1/estimate", { model: "openai/text-embedding-3-small", input: ["word ".repeat(2_000), "b"] }),
    );
    expect(embeddings.estimated_cost_usd).toBeGreaterThan(0);
    expectOpenAIError(await post("/v1/estimate", { model: "openai/gpt-4o-mini" }), 400, "missing_field", "messages");
    expectOpenAIError(
      await post("/v1/estimate", { model: "nobody/nothing", messages: [{ role: "user", content: "x" }] }),
      404,
      "model_not_found",
      "model",
    );
  });
});

describe("generation record", () => {
  it("returns this key's request with tokens, cost, latency and attempts, and hides other keys' requests", async () => {
    await standIn.enqueue({ status: 500 });
    const { response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    const requestId = response.headers.get("x-request-id")!;
    const record = await fetch(`${appBaseUrl()}/v1/generation/${requestId}`, {
      headers: { authorization: `Bearer ${account.key}` },
    });
    expect(record.status).toBe(200);
    const { data } = (await record.json()) as {
      data: Record<string, unknown> & { attempts: Array<Record<string, unknown>>; usage: Record<string, number> };
    };
    expect(data).toMatchObject({
      id: requestId,
      model: "openai/gpt-4o-mini",
      provider: "openai",
      upstream_model: "gpt-4o-mini",
      status: 200,
      stream: false,
    });
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    expect(data.cost_usd).toBe(Number(response.headers.get("x-switchyard-cost-usd")));
    expect(data.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(JSON.stringify(data.attempts)).not.toMatch(/keyId|sk-/);
    const [log] = (await requestLogs(account.userId)).filter((row) => row.id === requestId);
    expect(log.costMicros).toBe(BigInt(Math.round(Number(data.cost_usd) * 1_000_000)));

    const stranger = await createKey({ credits: 1 });
    const hidden = await send(`/v1/generation/${requestId}`, { headers: { authorization: `Bearer ${stranger.key}` } });
    expectOpenAIError(hidden, 404, "not_found", "id");
  });
});
