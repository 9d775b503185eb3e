// What a client sees when the upstream misbehaves: retries before the first byte, the upstream's own 400s
// returned as they are, 502 and 504 in OpenAI's shape without secrets, and streams that break midway
// ending in an error frame. Faults are played on DeepSeek, which has two keys, so failover between keys shows and
// the OpenAI key other files use stays healthy.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type OpenAI from "openai";
import { APIError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  chargedRow,
  chatBody,
  expectOpenAIError,
  gatewayClient,
  parseJson,
  postChat,
  send,
  sseData,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectStandIn, type RecordedRequest } from "./support/stand-in-client";
import {
  upstreamDeepSeekKeys,
  upstreamFirstByteTimeoutMs,
  upstreamOpenAIKey,
  upstreamStreamIdleTimeoutMs,
  upstreamTimeoutMs,
} from "./support/test-environment";

const standIn = connectStandIn();
const model = "deepseek/deepseek-chat";
let account: MintedKey;
let client: OpenAI;

const serverError = {
  status: 500,
  body: {
    error: {
      message: "The server had an error while processing your request.",
      type: "server_error",
      param: null,
      code: null,
    },
  },
};

function usedKeys(requests: RecordedRequest[]): string[] {
  return requests.map((request) => (request.headers.authorization ?? "").replace(/^Bearer /, ""));
}

beforeAll(async () => {
  account = await createKey({ credits: 10 });
  client = gatewayClient(account.key);
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await standIn.reset();
  await closeDatabase();
});

describe("before the first byte", () => {
  it("returns the upstream's 400 as a 400 with its reason, without retrying", async () => {
    await standIn.enqueue({
      status: 400,
      body: {
        error: {
          message: "Invalid 'messages[0].content': string too long.",
          type: "invalid_request_error",
          param: "messages[0].content",
          code: "string_above_max_length",
        },
      },
    });
    const response = await postChat(account.key, chatBody(model));
    expect(response.status, response.text).toBe(400);
    const body = parseJson(response) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(body.error.message).toContain("string too long");
    expect(await standIn.chatRequests()).toHaveLength(1);
  });

  it("fails over to the provider's next key after a 500", async () => {
    await standIn.enqueue(serverError);
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "again" }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("You said: again");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(usedKeys(await standIn.chatRequests())).toEqual(expect.arrayContaining([...upstreamDeepSeekKeys]));
  });

  it("fails over to the next key after a reset connection", async () => {
    await standIn.enqueue({ resetConnection: true });
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: "user", content: "reset" }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("You said: reset");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
  });

  it("fails over a stream whose first attempt fails before its first byte, and the client sees one clean stream", async () => {
    await standIn.enqueue(serverError);
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "stream again" }],
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("You said: stream again");
    expect(await standIn.chatRequests()).toHaveLength(2);
  });

  it("after a 429 with Retry-After, serves from the other key and leaves the limited one alone meanwhile", async () => {
    await standIn.enqueue({
      status: 429,
      headers: { "retry-after": "5" },
      body: { error: { message: "Rate limit reached", type: "requests", param: null, code: "rate_limit_exceeded" } },
    });
    const first = await postChat(account.key, chatBody(model, "limited"));
    expect(first.status, first.text).toBe(200);
    const [limitedRequest, servedRequest] = await standIn.chatRequests();
    expect(servedRequest.headers.authorization).not.toBe(limitedRequest.headers.authorization);
    await standIn.reset();
    for (let index = 0; index < 4; index += 1)
      expect((await postChat(account.key, chatBody(model, `after ${index}`))).status).toBe(200);
    expect(new Set(usedKeys(await standIn.chatRequests()))).toEqual(new Set(usedKeys([servedRequest])));
  });

  it("retries a 500 on a provider with a single key", async () => {
    await standIn.enqueue(serverError);
    const { data, response } = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "single key" }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("You said: single key");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
  });

  it("answers 502 upstream_error when every attempt fails, saying why, without any key", async () => {
    await standIn.enqueue(...Array.from({ length: 6 }, () => serverError));
    const response = await postChat(account.key, chatBody(model));
    const error = expectOpenAIError(response, 502, "upstream_error");
    for (const key of upstreamDeepSeekKeys) expect(error.message).not.toContain(key);
    expect(error.message).not.toContain(upstreamOpenAIKey);
    expect(error.message).not.toContain(account.key);
    expect(error.message).toMatch(/500|server/i);
    const upstreamRequests = await standIn.chatRequests();
    expect(upstreamRequests.length, "at most 3 attempts by default").toBeLessThanOrEqual(3);
    expect(new Set(usedKeys(upstreamRequests)), "every key was tried").toEqual(new Set(upstreamDeepSeekKeys));
  });

  it(`answers 504 upstream_timeout when the upstream is slower than UPSTREAM_TIMEOUT_MS (${upstreamTimeoutMs} ms)`, async () => {
    await standIn.enqueue(...Array.from({ length: 3 }, () => ({ delayFirstByteMs: upstreamTimeoutMs + 3_000 })));
    const startedAt = Date.now();
    const response = await postChat(account.key, chatBody(model));
    const elapsed = Date.now() - startedAt;
    expectOpenAIError(response, 504, "upstream_timeout");
    expect(elapsed).toBeGreaterThanOrEqual(upstreamTimeoutMs - 100);
    expect(elapsed).toBeLessThan(3 * upstreamTimeoutMs + 5_000);
  }, 40_000);

  it("fails over when one attempt's first byte is too slow, and records that attempt as a timeout", async () => {
    await standIn.enqueue({ delayFirstByteMs: upstreamTimeoutMs + 3_000 });
    const response = await postChat(account.key, chatBody(model));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    const record = await send(`/v1/generation/${response.headers.get("x-request-id")}`, {
      headers: { authorization: `Bearer ${account.key}` },
    });
    const { data } = parseJson(record) as {
      data: { attempts: Array<{ status: number | null; error_class?: string }> };
    };
    expect(data.attempts.map((attempt) => [attempt.status, attempt.error_class ?? null])).toEqual([
      [null, "timeout"],
      [200, null],
    ]);
  }, 30_000);
});

describe("a stream whose upstream hangs", () => {
  it(`fails over within the first-byte limit (${upstreamFirstByteTimeoutMs} ms) when the upstream takes the connection but never answers`, async () => {
    await standIn.enqueue({ delayFirstByteMs: 60_000 });
    const startedAt = Date.now();
    const response = await postChat(account.key, chatBody(model, "hung upstream", { stream: true }));
    const elapsed = Date.now() - startedAt;
    expect(response.status, response.text).toBe(200);
    expect(sseData(response.text).at(-1)).toBe("[DONE]");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(elapsed, "seconds, not the idle limit").toBeLessThan(upstreamFirstByteTimeoutMs + 3_000);
    const record = await send(`/v1/generation/${response.headers.get("x-request-id")}`, { apiKey: account.key });
    const { data } = parseJson(record) as {
      data: { attempts: Array<{ status: number | null; error_class?: string }> };
    };
    expect(data.attempts.map((attempt) => [attempt.status, attempt.error_class ?? null])).toEqual([
      [null, "timeout"],
      [200, null],
    ]);
  }, 30_000);

  it(`ends a stream silent past the idle limit (${upstreamStreamIdleTimeoutMs} ms) with an error frame, and charges what was delivered`, async () => {
    const fresh = await createKey({ credits: 1 });
    const before = await balanceMicros(fresh.userId);
    await standIn.enqueue({ stallAfterChunks: 3, content: "a long answer that stops halfway through" });
    const response = await postChat(fresh.key, chatBody(model, "stall after a few chunks", { stream: true }));
    expect(response.status).toBe(200);
    const last = JSON.parse(sseData(response.text).at(-1) ?? "{}") as { error?: { code?: string } };
    expect(last.error?.code).toBe("upstream_timeout");
    const row = await chargedRow(fresh.userId, before, response.headers.get("x-request-id"));
    expect(row).toMatchObject({ status: 504, errorCode: "upstream_timeout" });
    expect(row.costMicros).toBeGreaterThan(0n);
  }, 30_000);
});

describe("after the first byte", () => {
  it("ends a stream cut midway with an OpenAI error frame, never a made-up finish_reason", async () => {
    await standIn.enqueue({ cutAfterChunks: 3 });
    const response = await postChat(
      account.key,
      chatBody(model, "this answer will be cut off in the middle", { stream: true }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = sseData(response.text);
    const withoutDone = frames.at(-1) === "[DONE]" ? frames.slice(0, -1) : frames;
    const parsed = withoutDone.map((frame) => JSON.parse(frame) as Record<string, unknown>);
    const errorFrame = parsed.at(-1) as { error?: Record<string, unknown> };
    expect(errorFrame.error, `last frames: ${withoutDone.slice(-2).join(" | ")}`).toBeDefined();
    expect(Object.keys(errorFrame.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
    expect(JSON.stringify(errorFrame)).not.toMatch(/sk-test-/);
    const chunks = parsed.slice(0, -1) as Array<{
      choices?: Array<{ finish_reason?: string | null; delta?: { content?: string } }>;
    }>;
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.flatMap((chunk) => chunk.choices ?? []).some((choice) => choice.finish_reason)).toBe(false);
    expect(await standIn.chatRequests(), "a stream is not retried after its first byte").toHaveLength(1);
  });

  it("logs a stream cut midway as the error it ended with, and still charges what was delivered", async () => {
    const fresh = await createKey({ credits: 1 });
    const before = await balanceMicros(fresh.userId);
    await standIn.enqueue({ cutAfterChunks: 4 });
    const prompt = "count the failures that happen mid-stream, and charge only the tokens that were really there";
    const response = await postChat(fresh.key, chatBody(model, prompt, { stream: true }));
    expect(response.status).toBe(200);
    const row = await chargedRow(fresh.userId, before, response.headers.get("x-request-id"));
    expect(row.status, "the usage page's error rate counts it").toBe(502);
    expect(row.errorCode).toBe("upstream_error");
    expect(row.completionTokens, "the delivered tokens are kept").toBeGreaterThan(0);
    expect(row.costMicros, "and charged").toBeGreaterThan(0n);
    // The upstream's usage never came: the prompt is counted with the tokenizer (3 per message and 3 to prime the
    // reply, OpenAI's accounting), not estimated from the body's size, and the row says so.
    expect(row.promptTokens).toBe(countTokens(prompt) + 3 + 3);
    const record = await send(`/v1/generation/${response.headers.get("x-request-id")}`, { apiKey: fresh.key });
    expect((parseJson(record) as { data: { usage: { source: string } } }).data.usage.source).toBe("estimated");
  });

  it("makes the SDK raise an error for a stream cut midway rather than end quietly", async () => {
    await standIn.enqueue({ cutAfterChunks: 3 });
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "cut me off please" }],
      stream: true,
    });
    let received = 0;
    const failure = await (async () => {
      for await (const chunk of stream) if (chunk.choices.length > 0) received += 1;
    })().catch((error: unknown) => error);
    expect(received).toBeGreaterThanOrEqual(2);
    expect(failure).toBeInstanceOf(APIError);
  });
});

describe("after the last event", () => {
  it("gives the upstream's connection back when its body ends a moment after [DONE], for the next request to use", async () => {
    for (const question of ["first of two streams", "second of two streams"]) {
      await standIn.enqueue({ endAfterDoneMs: 100 });
      const startedAt = performance.now();
      const response = await postChat(account.key, chatBody(model, question, { stream: true }));
      expect(response.status).toBe(200);
      expect(sseData(response.text).at(-1)).toBe("[DONE]");
      // The client's stream ends with the last event, not when the upstream's body does.
      expect(performance.now() - startedAt).toBeLessThan(2_000);
      // The upstream ends its body 100 ms after [DONE]: only then is its connection free again.
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const [first, second] = await standIn.chatRequests();
    expect(first.closedByCaller, "the body was let end, not cut").toBe(false);
    expect(second.connection, "the second stream went on the first one's connection").toBe(first.connection);
  });

  it("cuts an upstream that keeps its body open after [DONE], within seconds, after the client has its answer", async () => {
    await standIn.enqueue({ endAfterDoneMs: 60_000 });
    const startedAt = performance.now();
    const response = await postChat(
      account.key,
      chatBody(model, "an upstream that never ends its body", { stream: true }),
    );
    expect(sseData(response.text).at(-1)).toBe("[DONE]");
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    const cutWithin = performance.now() + 10_000;
    let request: RecordedRequest | undefined;
    while (performance.now() < cutWithin) {
      [request] = await standIn.chatRequests();
      if (request?.closedByCaller) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(request?.closedByCaller, "the gateway hung up on the upstream").toBe(true);
  }, 20_000);
});
