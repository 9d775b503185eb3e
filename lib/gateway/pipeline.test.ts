// The pipeline's own guarantees, against a real PostgreSQL: the in-flight bound, key errors, refused requests logged.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db/testing";
import { generateApiKey } from "../auth/api-keys";

let pipeline: typeof import("./pipeline");
let key: string;
let userId: string;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_pipeline");
  process.env.MAX_IN_FLIGHT = "1";
  const { db } = await import("../db/client");
  const user = await db().user.create({ data: { email: "pipeline@example.com" } });
  userId = user.id;
  const generated = generateApiKey();
  key = generated.key;
  await db().apiKey.create({
    data: { userId, name: "t", keyHash: generated.keyHash, prefix: generated.prefix, lastFour: generated.lastFour },
  });
  pipeline = await import("./pipeline");
});

const request = (headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/v1/chat/completions", { method: "POST", headers });

describe("pipeline", () => {
  it("answers a fast OpenAI-shaped 503 with Retry-After past the in-flight bound, and serves again after", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const handler = pipeline.withApiKey(async (context) => {
      await blocked;
      return pipeline.jsonResponse({ ok: true }, 200, context.headers);
    });
    const first = handler(request({ authorization: `Bearer ${key}` }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await handler(request({ authorization: `Bearer ${key}` }));
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(second.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await second.json()).toEqual({
      error: { message: expect.any(String), type: "overloaded_error", code: "overloaded", param: null },
    });
    release();
    expect((await first).status).toBe(200);
    expect((await handler(request({ "x-api-key": key }))).status).toBe(200);
  });

  it("refuses missing and unknown keys with 401 and never echoes the key", async () => {
    const handler = pipeline.withApiKey(async (context) => pipeline.jsonResponse({}, 200, context.headers));
    const missing = await handler(request());
    expect(missing.status).toBe(401);
    const unknownKey = `sy-live-${"x".repeat(40)}`;
    const unknown = await handler(request({ authorization: `Bearer ${unknownKey}` }));
    expect(unknown.status).toBe(401);
    const body = await unknown.text();
    expect(body).toContain('"code":"invalid_api_key"');
    expect(body).not.toContain(unknownKey);
  });

  it("logs a keyed request that was refused before reaching an upstream, without charging it", async () => {
    const { flushUsage } = await import("./metering/usage-writer");
    const { db } = await import("../db/client");
    const { GatewayError } = await import("./errors");
    const handler = pipeline.withApiKey(async () => {
      throw new GatewayError("invalid_value", "bad temperature", { param: "temperature" });
    });
    const response = await handler(request({ authorization: `Bearer ${key}` }));
    expect(response.status).toBe(400);
    await flushUsage();
    const logged = await db().requestLog.findUnique({ where: { id: response.headers.get("x-request-id")! } });
    expect(logged).toMatchObject({
      status: 400,
      errorCode: "invalid_value",
      costMicros: 0n,
      endpoint: "chat.completions",
    });
  });

  it("logs the model a refused request asked for: unknown ids, invalid bodies, on chat, messages and embeddings", async () => {
    const { flushUsage } = await import("./metering/usage-writer");
    const { db } = await import("../db/client");
    const { handleChatCompletions } = await import("./handlers/chat-completions");
    const { handleMessages } = await import("./handlers/messages");
    const { handleEmbeddings } = await import("./handlers/embeddings");
    const post = (path: string, body: unknown) =>
      new Request(`http://127.0.0.1/v1/${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const loggedModel = async (response: Response) => {
      await flushUsage();
      const row = await db().requestLog.findUnique({ where: { id: response.headers.get("x-request-id")! } });
      return { status: row?.status, code: row?.errorCode, model: row?.model };
    };
    const messages = [{ role: "user", content: "hi" }];

    const chat = await pipeline.withApiKey(handleChatCompletions)(
      post("chat/completions", { model: "acme/no-such-model", messages }),
    );
    expect(await loggedModel(chat)).toEqual({ status: 404, code: "model_not_found", model: "acme/no-such-model" });

    // Refused by validation, before the model is looked up; a long string is kept to 200 characters, without NULs.
    const long = `acme/${"x".repeat(400)}`;
    const invalid = await pipeline.withApiKey(handleChatCompletions)(
      post("chat/completions", { model: `\u0000${long}`, messages, temperature: 9 }),
    );
    expect(await loggedModel(invalid)).toEqual({ status: 400, code: "invalid_value", model: long.slice(0, 200) });

    // A fallback list without `model`: its first entry.
    const fallback = await pipeline.withApiKey(handleChatCompletions)(
      post("chat/completions", { models: ["acme/first", "acme/second"], messages }),
    );
    expect((await loggedModel(fallback)).model).toBe("acme/first");

    const anthropic = await pipeline.withApiKey(handleMessages, { errorShape: "anthropic", endpoint: "messages" })(
      post("messages", { model: "acme/claude-nope", max_tokens: 10, messages }),
    );
    expect(await loggedModel(anthropic)).toEqual({ status: 404, code: "model_not_found", model: "acme/claude-nope" });

    const embeddings = await pipeline.withApiKey(handleEmbeddings)(
      post("embeddings", { model: "acme/embed-nope", input: "hi" }),
    );
    expect(await loggedModel(embeddings)).toEqual({ status: 404, code: "model_not_found", model: "acme/embed-nope" });

    // No model named at all: logged under "".
    const none = await pipeline.withApiKey(handleChatCompletions)(post("chat/completions", { messages }));
    expect(await loggedModel(none)).toEqual({ status: 400, code: "missing_field", model: "" });
  });
});
