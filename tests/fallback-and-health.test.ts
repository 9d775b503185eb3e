// Routing over models and keys as a client and an operator see it: a `models` fallback list served by the next model
// when the first one's upstream fails (attempts recorded in order in GET /v1/generation), a 429 with Retry-After
// cooling that key so the next request goes to the other key first, and refused keys: one refused request (or one
// that every key refuses) takes nothing out of service, while a key the upstream really revoked is taken out once a
// probe of the gateway's own confirms it, and comes back by itself when its re-test passes. The test waits until the
// app uses it again, so that later files find both DeepSeek keys in service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  catalogPrices,
  chargedRow,
  chatBody,
  eventually,
  expectedCostMicros,
  parseJson,
  postChat,
  send,
  sleep,
} from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, database, hashKey, type MintedKey } from "./support/keys";
import { connectAnthropicStandIn, connectStandIn, type RecordedRequest } from "./support/stand-in-client";
import { upstreamDeepSeekKeys, upstreamOpenAIKey } from "./support/test-environment";

const openai = connectStandIn();
const anthropic = connectAnthropicStandIn();
const deepseek = "deepseek/deepseek-chat";
let account: MintedKey;
let initialMicros: bigint;

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

function keyOf(request: RecordedRequest): string {
  return (request.headers.authorization ?? "").replace(/^Bearer /, "");
}

interface ProviderKeyRow {
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  next_probe_at: Date | null;
}

async function providerKeyRow(key: string): Promise<ProviderKeyRow> {
  const result = await database().query<ProviderKeyRow>(
    "SELECT enabled, disabled_reason, disabled_at, next_probe_at FROM provider_keys WHERE fingerprint = $1",
    [hashKey(key)],
  );
  if (result.rowCount !== 1)
    throw new Error(`expected one provider_keys row for the key ending ${key.slice(-4)}, found ${result.rowCount}`);
  return result.rows[0];
}

beforeAll(async () => {
  account = await createKey({ credits: 10 });
  initialMicros = await balanceMicros(account.userId);
});

beforeEach(async () => {
  await Promise.all([openai.reset(), anthropic.reset()]);
});

afterAll(async () => {
  await Promise.all([openai.reset(), anthropic.reset()]);
  await closeDatabase();
});

describe("a models fallback list", () => {
  it("is served by the next model when every attempt at the first fails, with the attempts recorded in order", async () => {
    await openai.enqueue(...Array.from({ length: 4 }, () => serverError));
    await anthropic.enqueue({ usage: { input_tokens: 2_000, output_tokens: 500 } });
    const response = await postChat(account.key, {
      model: "openai/gpt-4o-mini",
      models: ["anthropic/claude-sonnet-4"],
      messages: [{ role: "user", content: "fall back please" }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("anthropic/claude-sonnet-4");
    expect(response.headers.get("x-switchyard-provider")).toBe("anthropic");
    const completion = parseJson(response) as {
      choices: Array<{ message: { content: string }; finish_reason: string }>;
    };
    expect(completion.choices[0].message.content).toBe("You said: fall back please");
    expect(completion.choices[0].finish_reason).toBe("stop");

    const failed = await openai.chatRequests();
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((request) => keyOf(request) === upstreamOpenAIKey)).toBe(true);
    const [served, ...more] = await anthropic.messagesRequests();
    expect(more).toEqual([]);
    expect(served.body).not.toHaveProperty("models");
    const attemptsHeader = Number(response.headers.get("x-switchyard-attempts"));
    expect(attemptsHeader).toBe(failed.length + 1);
    await openai.reset();

    const requestId = response.headers.get("x-request-id") ?? "";
    const generation = await send(`/v1/generation/${requestId}`, { apiKey: account.key });
    expect(generation.status, generation.text).toBe(200);
    const record = (
      parseJson(generation) as {
        data: {
          id: string;
          model: string;
          provider: string;
          status: number;
          attempts: Array<{ provider: string; status: number | null }>;
        };
      }
    ).data;
    expect(record.id).toBe(requestId);
    expect(record.provider).toBe("anthropic");
    expect(record.model, "the record names the model that served").toBe("anthropic/claude-sonnet-4");
    expect(record.status).toBe(200);
    expect(record.attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([
      ...failed.map(() => ["openai", 500]),
      ["anthropic", 200],
    ]);
    expect(generation.text).not.toContain(upstreamOpenAIKey);

    const expected = expectedCostMicros(await catalogPrices("anthropic/claude-sonnet-4"), {
      input: 2_000,
      output: 500,
    });
    const row = await chargedRow(account.userId, initialMicros, requestId);
    expect(row.providerId).toBe("anthropic");
    expect(row.costMicros, "charged at the serving model's price").toBe(expected);
  });
});

describe("provider key health", () => {
  it("after a 429 with Retry-After, sends the next requests to the other key first", async () => {
    await openai.enqueue(
      {
        status: 429,
        headers: { "retry-after": "8" },
        body: { error: { message: "Rate limit reached", type: "requests", param: null, code: "rate_limit_exceeded" } },
      },
      { usage: { prompt_tokens: 1_000, completion_tokens: 200 } },
    );
    const first = await postChat(account.key, chatBody(deepseek, "limited"));
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get("x-switchyard-attempts")).toBe("2");
    const [limitedRequest, servedRequest] = await openai.chatRequests();
    const limitedKey = keyOf(limitedRequest);
    const servedKey = keyOf(servedRequest);
    expect(upstreamDeepSeekKeys).toContain(limitedKey);
    expect(upstreamDeepSeekKeys).toContain(servedKey);
    expect(servedKey).not.toBe(limitedKey);

    const row = await chargedRow(account.userId, initialMicros, first.headers.get("x-request-id"));
    expect(row.costMicros, "charged once, for the answer served").toBe(
      expectedCostMicros(await catalogPrices(deepseek), { input: 1_000, output: 200 }),
    );

    await openai.reset();
    for (let index = 0; index < 4; index += 1) {
      const next = await postChat(account.key, chatBody(deepseek, `after the limit ${index}`));
      expect(next.status, next.text).toBe(200);
      expect(next.headers.get("x-switchyard-attempts")).toBe("1");
    }
    expect(
      (await openai.chatRequests()).map(keyOf),
      "the cooling key is left alone while the other one serves",
    ).toEqual(Array(4).fill(servedKey));
  });

  it("does not take a key out for one refused request: a probe of its own finds the key works", async () => {
    await openai.enqueue({
      status: 401,
      body: {
        error: {
          message: "Incorrect API key provided: sk-test-****.",
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      },
    });
    const first = await postChat(account.key, chatBody(deepseek, "refused once"));
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get("x-switchyard-attempts")).toBe("2");
    const [refusedRequest, servedRequest] = await openai.chatRequests();
    const refusedKey = keyOf(refusedRequest);
    expect(keyOf(servedRequest)).not.toBe(refusedKey);
    const probes = await eventually(
      async () => {
        const listed = await openai.modelListRequests();
        return listed.length > 0 ? listed : undefined;
      },
      10_000,
      "the gateway to check the refused key with a request of its own",
    );
    expect(probes.map(keyOf)).toEqual([refusedKey]);
    await sleep(500);
    expect(await providerKeyRow(refusedKey), "the key stays in service").toMatchObject({
      enabled: true,
      disabled_reason: null,
    });
  });

  it("keeps a provider in service when every key refuses one request", async () => {
    const refusal = {
      status: 403,
      body: {
        error: {
          message: "You are not allowed to do that with this file.",
          type: "invalid_request_error",
          param: null,
          code: null,
        },
      },
    };
    await openai.enqueue(refusal, refusal);
    const refused = await postChat(account.key, chatBody(deepseek, "a request every key refuses"));
    expect(refused.status, refused.text).toBe(502);
    expect(new Set((await openai.chatRequests()).map(keyOf)), "each key tried once, none twice").toEqual(
      new Set(upstreamDeepSeekKeys),
    );
    await sleep(1_000);
    for (const key of upstreamDeepSeekKeys) expect((await providerKeyRow(key)).enabled).toBe(true);
    const after = await postChat(account.key, chatBody(deepseek, "the next customer"));
    expect(after.status, after.text).toBe(200);
  });

  it("takes a revoked key out once a probe confirms it, keeps serving from the other key, and brings it back when it works", async () => {
    const [revokedKey, otherKey] = upstreamDeepSeekKeys;
    await openai.revokeKeys([revokedKey]);
    try {
      const disabled = await eventually(
        async () => {
          const response = await postChat(account.key, chatBody(deepseek, "is the revoked key still used?"));
          expect(response.status, response.text).toBe(200);
          const row = await providerKeyRow(revokedKey);
          return row.enabled ? undefined : row;
        },
        // Long enough for the cool-down of the 429 test above to end, should it have cooled this key.
        30_000,
        "the revoked key to be taken out of service in provider_keys",
      );
      expect(disabled.disabled_reason).toMatch(/401/);
      expect(disabled.disabled_reason).toMatch(/confirmed by a probe/);
      expect(disabled.disabled_reason).not.toContain(revokedKey);
      expect(disabled.disabled_at).not.toBeNull();
      expect(disabled.next_probe_at, "the operator sees when it is tried again").not.toBeNull();
      expect((await providerKeyRow(otherKey)).enabled).toBe(true);

      const before = (await openai.chatRequests()).length;
      for (let index = 0; index < 6; index += 1) {
        const next = await postChat(account.key, chatBody(deepseek, `still served ${index}`));
        expect(next.status, next.text).toBe(200);
        expect(next.headers.get("x-switchyard-attempts")).toBe("1");
      }
      const served = (await openai.chatRequests()).slice(before).map(keyOf);
      expect(served, "no traffic goes to the key taken out of service").toEqual(Array(6).fill(otherKey));
    } finally {
      // The key works again: its re-test brings it back by itself, and the app uses it again. Later files need both keys.
      await openai.reset();
    }
    await eventually(
      async () => {
        const row = await providerKeyRow(revokedKey);
        return row.enabled ? row : undefined;
      },
      20_000,
      "the re-test to put the key back in service",
    );
    expect(await providerKeyRow(revokedKey)).toMatchObject({
      enabled: true,
      disabled_reason: null,
      next_probe_at: null,
    });
    await eventually(
      async () => {
        const response = await postChat(account.key, chatBody(deepseek, "is the key back?"));
        if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
        return (await openai.chatRequests()).some((request) => keyOf(request) === revokedKey) ? true : undefined;
      },
      15_000,
      "the app to send requests with the key back in service",
    );
  }, 120_000);
});
