// Bad requests are refused before they cost anything, each with the contract's code and the field named,
// in OpenAI's error shape; big but legal requests go through.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatBody, expectOpenAIError, parseJson, postChat, send } from "./support/app-client";
import { catalogModels, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
let account: MintedKey;

const model = "openai/gpt-4o-mini";
const hello = [{ role: "user", content: "hello" }];

interface InvalidCase {
  name: string;
  body: unknown;
  code: "invalid_json" | "missing_field" | "invalid_value";
  param: string | RegExp | null;
}

const invalidCases: InvalidCase[] = [
  { name: "malformed JSON", body: '{"model": "openai/gpt-4o-mini", "messages": [', code: "invalid_json", param: null },
  { name: "model missing", body: { messages: hello }, code: "missing_field", param: "model" },
  { name: "messages missing", body: { model }, code: "missing_field", param: "messages" },
  { name: "messages not an array", body: { model, messages: "hello" }, code: "invalid_value", param: "messages" },
  { name: "messages empty", body: { model, messages: [] }, code: "invalid_value", param: "messages" },
  {
    name: "a role outside the allowed ones",
    body: { model, messages: [{ role: "wizard", content: "hi" }] },
    code: "invalid_value",
    param: "messages[0].role",
  },
  {
    name: "temperature above 2",
    body: { model, messages: hello, temperature: 2.5 },
    code: "invalid_value",
    param: "temperature",
  },
  {
    name: "temperature below 0",
    body: { model, messages: hello, temperature: -0.1 },
    code: "invalid_value",
    param: "temperature",
  },
  { name: "top_p above 1", body: { model, messages: hello, top_p: 1.5 }, code: "invalid_value", param: "top_p" },
  { name: "top_p below 0", body: { model, messages: hello, top_p: -0.5 }, code: "invalid_value", param: "top_p" },
  {
    name: "max_tokens zero",
    body: { model, messages: hello, max_tokens: 0 },
    code: "invalid_value",
    param: "max_tokens",
  },
  {
    name: "max_tokens negative",
    body: { model, messages: hello, max_tokens: -5 },
    code: "invalid_value",
    param: "max_tokens",
  },
  {
    name: "max_tokens fractional",
    body: { model, messages: hello, max_tokens: 2.5 },
    code: "invalid_value",
    param: "max_tokens",
  },
  {
    name: "max_tokens a string",
    body: { model, messages: hello, max_tokens: "100" },
    code: "invalid_value",
    param: "max_tokens",
  },
  {
    name: "stop with 5 sequences",
    body: { model, messages: hello, stop: ["a", "b", "c", "d", "e"] },
    code: "invalid_value",
    param: "stop",
  },
];

beforeAll(async () => {
  account = await createKey({ credits: 10 });
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await closeDatabase();
});

describe("400 for an invalid chat request", () => {
  it.each(invalidCases)("$name → 400 $code, param $param", async ({ body, code, param }) => {
    const response = await postChat(account.key, body);
    expectOpenAIError(response, 400, code, param);
    expect(response.headers.get("x-request-id")).toMatch(/\S+/);
    expect(await standIn.chatRequests(), "an invalid request must not reach the upstream").toEqual([]);
  });

  it("accepts the edges of each range", async () => {
    const edges: Array<Record<string, unknown>> = [
      { temperature: 0 },
      { temperature: 2 },
      { top_p: 0 },
      { top_p: 1 },
      { max_tokens: 1 },
      { stop: ["a", "b", "c", "d"] },
      { stop: "END" },
      {
        messages: [
          { role: "system", content: "s" },
          { role: "developer", content: "d" },
          { role: "user", content: "u" },
          { role: "assistant", content: "a" },
          { role: "user", content: "u" },
        ],
      },
    ];
    for (const extra of edges) {
      const response = await postChat(account.key, { ...chatBody(model), ...extra });
      expect(response.status, `${JSON.stringify(extra)} → ${response.text.slice(0, 300)}`).toBe(200);
    }
    expect(await standIn.chatRequests()).toHaveLength(edges.length);
  });
});

describe("request size", () => {
  it("answers 413 request_too_large for a body over 10 MB", async () => {
    const body = JSON.stringify(chatBody(model, "x".repeat(11 * 1024 * 1024)));
    const response = await postChat(account.key, body);
    expectOpenAIError(response, 413, "request_too_large");
    expect(await standIn.chatRequests()).toEqual([]);
  });

  it("serves a 1 MB body whole", async () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(Math.ceil(1_000_000 / 45));
    const response = await postChat(account.key, chatBody(model, text));
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    const [upstreamRequest] = await standIn.chatRequests();
    expect((upstreamRequest.body as { messages: Array<{ content: string }> }).messages[0].content).toBe(text);
  });

  it("serves a 10,000-message conversation", async () => {
    const messages = Array.from({ length: 10_000 }, (_, index) => ({
      role: index % 2 === 0 ? "user" : "assistant",
      content: `message ${index}`,
    }));
    messages.push({ role: "user", content: "the end" });
    const response = await postChat(account.key, { model, messages });
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    expect(
      (parseJson(response) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content,
    ).toBe("You said: the end");
    const [upstreamRequest] = await standIn.chatRequests();
    expect((upstreamRequest.body as { messages: unknown[] }).messages).toEqual(messages);
  });
});

describe("error bodies", () => {
  it("are OpenAI-shaped JSON for unknown /v1 paths, not an HTML page", async () => {
    const response = await send("/v1/no-such-endpoint", { apiKey: account.key, body: { model } });
    expect(response.status).toBe(404);
    expect(response.text).not.toMatch(/<html|<!DOCTYPE/i);
    const body = parseJson(response) as { error?: Record<string, unknown> };
    expect(Object.keys(body.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
  });

  it("are OpenAI-shaped JSON for a method the route does not take", async () => {
    const response = await send("/v1/chat/completions", { apiKey: account.key, method: "GET" });
    expect(response.status).toBe(405);
    expect(response.text).not.toMatch(/<html|<!DOCTYPE/i);
    const body = parseJson(response) as { error?: Record<string, unknown> };
    expect(Object.keys(body.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
  });

  it("answers 404 model_not_found for an unknown model", async () => {
    expectOpenAIError(await postChat(account.key, chatBody("nobody/no-such-model")), 404, "model_not_found", "model");
    expectOpenAIError(await postChat(account.key, chatBody("no-such-bare-model")), 404, "model_not_found", "model");
    expect(await standIn.chatRequests()).toEqual([]);
  });

  it("answers 501 not_implemented for a model listed as coming soon", async () => {
    const [soon] = await catalogModels("status = 'soon' AND kind = 'chat'");
    if (soon === undefined) throw new Error("the seeded catalog has no chat model with status soon");
    expectOpenAIError(await postChat(account.key, chatBody(soon.id)), 501, "not_implemented");
    expect(await standIn.chatRequests()).toEqual([]);
  });
});
