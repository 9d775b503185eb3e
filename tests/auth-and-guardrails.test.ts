// Who may call: key formats, revocation, expiry, per-key model and IP allow-lists, monthly budgets,
// and per-key request rate limits with their headers.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatBody, expectOpenAIError, parseJson, postChat, send, sleep } from "./support/app-client";
import {
  closeDatabase,
  createKey,
  listKeys,
  revokeKey,
  runCli,
  setKeyGuardrails,
  uniqueEmail,
  type MintedKey,
} from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
let account: MintedKey;

function randomKeyShapedString(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return `sy-live-${Array.from(randomBytes(40), (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

beforeAll(async () => {
  account = await createKey({ credits: 5 });
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await closeDatabase();
});

describe("API keys", () => {
  it("are sy-live- plus 40 base62 characters, listed by prefix and last four only", async () => {
    expect(account.key).toMatch(/^sy-live-[0-9A-Za-z]{40}$/);
    const { stdout } = await listKeys(account.email);
    expect(stdout).toContain(account.key.slice(-4));
    expect(stdout).not.toContain(account.key);
  });

  it("work as Authorization: Bearer and as x-api-key", async () => {
    const bearer = await send("/v1/chat/completions", {
      headers: { authorization: `Bearer ${account.key}` },
      body: chatBody("openai/gpt-4o-mini"),
    });
    expect(bearer.status, bearer.text).toBe(200);
    const apiKeyHeader = await send("/v1/chat/completions", {
      headers: { "x-api-key": account.key },
      body: chatBody("openai/gpt-4o-mini"),
    });
    expect(apiKeyHeader.status, apiKeyHeader.text).toBe(200);
  });

  it("answers 401 invalid_api_key when the key is missing, malformed or unknown, without calling the upstream", async () => {
    expectOpenAIError(
      await send("/v1/chat/completions", { body: chatBody("openai/gpt-4o-mini") }),
      401,
      "invalid_api_key",
    );
    expectOpenAIError(await postChat("not-a-key", chatBody("openai/gpt-4o-mini")), 401, "invalid_api_key");
    expectOpenAIError(
      await send("/v1/chat/completions", {
        headers: { authorization: `Basic ${account.key}` },
        body: chatBody("openai/gpt-4o-mini"),
      }),
      401,
      "invalid_api_key",
    );
    expectOpenAIError(await postChat(randomKeyShapedString(), chatBody("openai/gpt-4o-mini")), 401, "invalid_api_key");
    expectOpenAIError(await send("/v1/models", { apiKey: randomKeyShapedString() }), 401, "invalid_api_key");
    expect(await standIn.chatRequests()).toEqual([]);
  });

  it("answers 401 invalid_api_key for a revoked key", async () => {
    const revoked = await createKey({ email: account.email });
    await revokeKey(revoked.keyId);
    expectOpenAIError(await postChat(revoked.key, chatBody("openai/gpt-4o-mini")), 401, "invalid_api_key");
    // Other keys of the same account keep working.
    expect((await postChat(account.key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
  });

  it("stop working soon after being revoked while in use", async () => {
    const revoked = await createKey({ email: account.email });
    expect((await postChat(revoked.key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
    await revokeKey(revoked.keyId);
    const deadline = Date.now() + 70_000;
    let status = 200;
    while (Date.now() < deadline) {
      status = (await send("/v1/models", { apiKey: revoked.key })).status;
      if (status === 401) break;
      await sleep(1_000);
    }
    expect(status, "a revoked key must stop working within about a minute").toBe(401);
  }, 100_000);

  it("answers 403 key_expired after the key's expiry", async () => {
    const expired = await createKey({ email: uniqueEmail("expired"), credits: 1, expires: "2020-01-01T00:00:00Z" });
    expectOpenAIError(await postChat(expired.key, chatBody("openai/gpt-4o-mini")), 403, "key_expired");

    const future = await createKey({
      email: uniqueEmail("future"),
      credits: 1,
      expires: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await postChat(future.key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
  });

  it("refuses a key creation with a malformed expiry, with a one-line reason", async () => {
    const result = await runCli(["key", "create", "--email", uniqueEmail("bad-expiry"), "--expires", "next tuesday"]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr.trim().length + result.stdout.trim().length).toBeGreaterThan(0);
  });
});

describe("per-key model allow-list", () => {
  it("lets the key call only its models, by id or bare name, and lists only them", async () => {
    const limited = await createKey({ email: uniqueEmail("models"), credits: 1, models: ["openai/gpt-4o-mini"] });
    expect((await postChat(limited.key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
    expect((await postChat(limited.key, chatBody("gpt-4o-mini"))).status).toBe(200);
    expectOpenAIError(
      await postChat(limited.key, chatBody("deepseek/deepseek-chat")),
      403,
      "model_not_allowed",
      "model",
    );
    expectOpenAIError(await postChat(limited.key, chatBody("deepseek-v3.2")), 403, "model_not_allowed", "model");
    expect((await standIn.chatRequests()).map((request) => (request.body as { model: string }).model)).toEqual([
      "gpt-4o-mini",
      "gpt-4o-mini",
    ]);

    const listed = parseJson(await send("/v1/models", { apiKey: limited.key })) as { data: Array<{ id: string }> };
    expect(listed.data.map((model) => model.id)).toEqual(["openai/gpt-4o-mini"]);
  });
});

describe("per-key IP allow-list", () => {
  it("answers 403 ip_not_allowed from an address outside the list", async () => {
    const elsewhere = await createKey({ email: uniqueEmail("ip"), credits: 1 });
    await setKeyGuardrails(elsewhere.keyId, { allowedIps: ["203.0.113.7", "198.51.100.0/24"] });
    expectOpenAIError(await postChat(elsewhere.key, chatBody("openai/gpt-4o-mini")), 403, "ip_not_allowed");
    expect(await standIn.chatRequests()).toEqual([]);
  });

  it("cannot be passed by claiming an allowed address in X-Forwarded-For when no proxy sits in front", async () => {
    const elsewhere = await createKey({ email: uniqueEmail("ip-forged"), credits: 1 });
    await setKeyGuardrails(elsewhere.keyId, { allowedIps: ["203.0.113.7"] });
    const forged = await postChat(elsewhere.key, chatBody("openai/gpt-4o-mini"), {
      "x-forwarded-for": "203.0.113.7",
      "x-real-ip": "203.0.113.7",
    });
    expectOpenAIError(forged, 403, "ip_not_allowed");
  });

  it("serves a loopback caller when the list holds its address or range", async () => {
    const exact = await createKey({ email: uniqueEmail("ip-exact"), credits: 1 });
    await setKeyGuardrails(exact.keyId, { allowedIps: ["127.0.0.1"] });
    const exactResponse = await postChat(exact.key, chatBody("openai/gpt-4o-mini"));
    expect(exactResponse.status, exactResponse.text).toBe(200);

    const range = await createKey({ email: uniqueEmail("ip-range"), credits: 1 });
    await setKeyGuardrails(range.keyId, { allowedIps: ["10.0.0.0/8", "127.0.0.0/8"] });
    const rangeResponse = await postChat(range.key, chatBody("openai/gpt-4o-mini"));
    expect(rangeResponse.status, rangeResponse.text).toBe(200);
  });
});

describe("monthly budget", () => {
  it("answers 403 budget_exceeded once the key's budget for the month is spent", async () => {
    const budgeted = await createKey({ email: uniqueEmail("budget"), credits: 5 });
    await setKeyGuardrails(budgeted.keyId, { monthlyBudgetMicros: 1n });
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof postChat>> | undefined;
    for (let attempt = 0; attempt < 10 && refusal === undefined; attempt += 1) {
      const response = await postChat(budgeted.key, chatBody("openai/gpt-4o-mini"));
      statuses.push(response.status);
      if (response.status === 403) refusal = response;
      else await sleep(1_000);
    }
    if (refusal === undefined) throw new Error(`never refused; statuses ${statuses.join(",")}`);
    expectOpenAIError(refusal, 403, "budget_exceeded");
    // A budget of one micro-dollar is gone after at most one request.
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(1);
  }, 30_000);
});

describe("rate limits", () => {
  it("answers 429 rate_limit_exceeded with Retry-After past the key's requests per minute", async () => {
    const limited = await createKey({ email: uniqueEmail("rpm"), credits: 1, rpm: 3 });
    const remaining: Array<string | null> = [];
    for (let request = 0; request < 3; request += 1) {
      const response = await postChat(limited.key, chatBody("openai/gpt-4o-mini"));
      expect(response.status, response.text).toBe(200);
      expect(response.headers.get("x-ratelimit-limit-requests")).toBe("3");
      expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/\S+/);
      remaining.push(response.headers.get("x-ratelimit-remaining-requests"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    const refused = await postChat(limited.key, chatBody("openai/gpt-4o-mini"));
    expectOpenAIError(refused, 429, "rate_limit_exceeded");
    const retryAfter = refused.headers.get("retry-after");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(await standIn.chatRequests()).toHaveLength(3);

    // Another key is not affected.
    expect((await postChat(account.key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
  });

  it("puts the rate-limit headers on every keyed response, errors included", async () => {
    const fresh = await createKey({ email: uniqueEmail("headers"), credits: 1 });
    const responses = [
      await postChat(fresh.key, chatBody("openai/gpt-4o-mini")),
      await send("/v1/models", { apiKey: fresh.key }),
      await postChat(fresh.key, chatBody("nobody/no-such-model")),
    ];
    for (const response of responses) {
      expect(
        response.headers.get("x-ratelimit-limit-requests"),
        `${response.status} ${response.text.slice(0, 200)}`,
      ).toMatch(/^\d+$/);
      expect(response.headers.get("x-ratelimit-remaining-requests")).toMatch(/^\d+$/);
      expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/\S+/);
      expect(response.headers.get("x-request-id")).toMatch(/\S+/);
    }
  });
});
