// POST /v1/completions driven by the official SDK's client.completions.create: native on a model whose upstream serves
// legacy completions (openai/gpt-3.5-turbo-instruct: prompt arrays, n, echo, suffix, logprobs, streams), translated
// to chat on every other model (the prompt as one user message, the answer retold as text_completion), and charged
// exactly once like chat.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  chargedRow,
  expectOpenAIError,
  gatewayClient,
  parseJson,
  send,
  sseData,
  settledBalance,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectAnthropicStandIn, connectStandIn, type RecordedRequest } from "./support/stand-in-client";

const openai = connectStandIn();
const anthropic = connectAnthropicStandIn();
const instruct = "openai/gpt-3.5-turbo-instruct";
let account: MintedKey;
/** The balance the account started with: chargedRow checks it against every logged cost. */
let initialMicros: bigint;

const bodyOf = (request: RecordedRequest) => request.body as Record<string, unknown>;

async function completionRequests(): Promise<RecordedRequest[]> {
  return (await openai.requests()).filter((request) => request.path === "/v1/completions");
}

beforeAll(async () => {
  account = await createKey({ credits: 5, rpm: 100_000 });
  initialMicros = await balanceMicros(account.userId);
});

beforeEach(async () => {
  await Promise.all([openai.reset(), anthropic.reset()]);
});

afterAll(async () => {
  await Promise.all([openai.reset(), anthropic.reset()]);
  await closeDatabase();
});

describe("native legacy completions", () => {
  it("answers client.completions.create in the text_completion shape, metered and charged once", async () => {
    const before = await balanceMicros(account.userId);
    const { data: completion, response } = await gatewayClient(account.key)
      .completions.create({ model: instruct, prompt: "Once upon a time", max_tokens: 20 })
      .withResponse();
    expect(completion.object).toBe("text_completion");
    expect(completion.model).toBe(instruct);
    expect(completion.choices[0].text).toBe("You said: Once upon a time");
    expect(completion.choices[0].finish_reason).toBe("stop");
    const cost = (completion.usage as unknown as { cost: number }).cost;
    expect(cost).toBeGreaterThan(0);
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    const [received] = await completionRequests();
    expect(bodyOf(received)).toEqual({ model: "gpt-3.5-turbo-instruct", prompt: "Once upon a time", max_tokens: 20 });
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(Number(row.costMicros) / 1e6).toBeCloseTo(cost, 6);
    expect(await balanceMicros(account.userId)).toBe(before - row.costMicros);
  });

  it("passes prompt arrays, n, echo, suffix and logprobs to the upstream that serves them", async () => {
    const completion = await gatewayClient(account.key).completions.create({
      model: instruct,
      prompt: ["first", "second"],
      n: 2,
      echo: true,
      suffix: "END",
      logprobs: 2,
    });
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2, 3]);
    expect(completion.choices[2].text.startsWith("second")).toBe(true);
    expect(completion.choices[0].text).toContain("[before END]");
    expect(completion.choices[0].logprobs?.tokens?.length).toBeGreaterThan(0);
  });

  it("streams text_completion chunks, with usage and cost last when asked", async () => {
    const stream = await gatewayClient(account.key).completions.create({
      model: instruct,
      prompt: "stream me",
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: Record<string, unknown> | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("text_completion");
      expect(chunk.model).toBe(instruct);
      text += chunk.choices[0]?.text ?? "";
      if (chunk.usage) usage = chunk.usage as unknown as Record<string, unknown>;
    }
    expect(text).toBe("You said: stream me");
    expect(usage?.cost).toEqual(expect.any(Number));
    const [received] = await completionRequests();
    expect(bodyOf(received).stream_options).toEqual({ include_usage: true });
  });

  it("fails over on a 5xx before the first byte, charging the one answer", async () => {
    await openai.enqueue({ status: 500 });
    const response = await send("/v1/completions", {
      apiKey: account.key,
      body: { model: instruct, prompt: "retry" },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBeGreaterThan(0n);
    expect((await completionRequests()).length).toBe(2);
  });

  it("drops fields the upstream does not take, and names them", async () => {
    const response = await send("/v1/completions", {
      apiKey: account.key,
      body: { model: instruct, prompt: "hi", top_k: 4 },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-dropped-params")).toBe("top_k");
  });
});

describe("legacy completions on chat models", () => {
  it("sends the prompt as one user message and retells the answer, echo included", async () => {
    const completion = await gatewayClient(account.key).completions.create({
      model: "openai/gpt-4o-mini",
      prompt: "Hello there",
      echo: true,
    });
    expect(completion.object).toBe("text_completion");
    expect(completion.id).toMatch(/^cmpl-/);
    expect(completion.choices[0].text).toBe("Hello thereYou said: Hello there");
    const [received] = await openai.chatRequests();
    expect(bodyOf(received)).toMatchObject({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hello there" }],
      // OpenAI's default for legacy completions.
      max_tokens: 16,
    });
    expect(bodyOf(received)).not.toHaveProperty("echo");
    expect(await completionRequests()).toEqual([]);
  });

  it("streams from an Anthropic model as text_completion chunks", async () => {
    const response = await send("/v1/completions", {
      apiKey: account.key,
      body: { model: "anthropic/claude-sonnet-4", prompt: "Stream, Claude", stream: true, max_tokens: 100 },
    });
    expect(response.status, response.text).toBe(200);
    const frames = sseData(response.text);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as Record<string, unknown>);
    expect(chunks.every((chunk) => chunk.object === "text_completion")).toBe(true);
    const text = chunks
      .flatMap((chunk) => chunk.choices as Array<{ text: string }>)
      .map((choice) => choice.text)
      .join("");
    expect(text).toContain("Stream, Claude");
    const [received] = await anthropic.requests();
    expect(bodyOf(received)).toMatchObject({ max_tokens: 100, messages: [{ role: "user" }] });
    // A stream is logged when it ends: charged before the next test counts the balance.
    await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
  });

  it.each([
    ["a suffix", { suffix: "END" }, "suffix"],
    ["several prompts", { prompt: ["a", "b"] }, "prompt"],
    ["echo with logprobs", { echo: true, logprobs: 1 }, "echo"],
  ])("refuses %s with a 400 naming the field, before anything is charged", async (_label, extra, param) => {
    const before = await settledBalance(account.userId, initialMicros);
    const response = await send("/v1/completions", {
      apiKey: account.key,
      body: { model: "openai/gpt-4o-mini", prompt: "x", ...extra },
    });
    expect(expectOpenAIError(response, 400, "invalid_value").param).toBe(param);
    expect(await openai.requests()).toEqual([]);
    expect(await balanceMicros(account.userId)).toBe(before);
  });

  it("validates the body like chat: a missing prompt names the field", async () => {
    const response = await send("/v1/completions", { apiKey: account.key, body: { model: instruct } });
    expect(expectOpenAIError(response, 400, "missing_field").param).toBe("prompt");
    expect(parseJson(response)).toHaveProperty("error");
  });
});
