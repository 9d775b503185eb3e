import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appBaseUrl,
  catalogPrices,
  chargedRow,
  expectOpenAIError,
  expectedCostMicros,
  send,
  sleep,
  sseData,
  type RawResponse,
} from "./support/app-client";
import {
  balanceMicros,
  closeDatabase,
  createKey,
  database,
  requestLogs,
  type MintedKey,
  sessionCookie,
} from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const MODEL = "openai/gpt-4o-mini";
const openai = connectStandIn();

afterAll(async () => {
  await openai.reset();
  await closeDatabase();
});

function signedIn(account: MintedKey): Promise<string> {
  return sessionCookie(account.userId);
}

async function playground(
  body: unknown,
  headers: { cookie?: string; origin?: string | null } = {},
): Promise<RawResponse> {
  const sent: Record<string, string> = { "content-type": "application/json" };
  if (headers.cookie) sent.cookie = headers.cookie;
  const origin = headers.origin === undefined ? appBaseUrl() : headers.origin;
  if (origin !== null) sent.origin = origin;
  const response = await fetch(`${appBaseUrl()}/api/playground/chat`, {
    method: "POST",
    headers: sent,
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  messages: [
    { role: "system", content: "Answer briefly." },
    { role: "user", content },
  ],
  stream: true,
  stream_options: { include_usage: true },
  ...extra,
});

async function playgroundKeys(userId: string) {
  return (
    await database().query<{ id: string; revoked_at: Date | null }>(
      "SELECT id, revoked_at FROM api_keys WHERE user_id = $1 AND name = 'Playground' ORDER BY created_at",
      [userId],
    )
  ).rows;
}

describe("the playground for a signed-in user", () => {
  let account: MintedKey;
  let cookie: string;

  beforeAll(async () => {
    account = await createKey({ credits: 2, name: "my-own-key" });
    cookie = await signedIn(account);
  }, 60_000);

  it("streams the answer with its usage and charges the user exactly that cost, through their Playground key", async () => {
    await openai.reset();
    const initial = await balanceMicros(account.userId);
    const response = await playground(chat("What is a gateway?", { temperature: 0.3 }), { cookie });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);

    const payloads = sseData(response.text);
    expect(payloads.at(-1)).toBe("[DONE]");
    const chunks = payloads.slice(0, -1).map((payload) => JSON.parse(payload));
    const text = chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? "").join("");
    expect(text).toBe("You said: What is a gateway?");
    const usage = chunks.find((chunk) => chunk.usage)?.usage as {
      prompt_tokens: number;
      completion_tokens: number;
      cost: number;
    };
    expect(usage.cost).toBeGreaterThan(0);

    // The upstream got the playground's settings as a /v1 request would pass them.
    const [upstream] = await openai.chatRequests();
    const sent = upstream.body as { temperature: number; stream: boolean; messages: unknown[] };
    expect(sent).toMatchObject({ temperature: 0.3, stream: true });
    expect(sent.messages[0]).toEqual({ role: "system", content: "Answer briefly." });

    const row = await chargedRow(account.userId, initial, response.headers.get("x-request-id"));
    const prices = await catalogPrices(MODEL);
    const expected = expectedCostMicros(prices, { input: usage.prompt_tokens, output: usage.completion_tokens });
    expect(row.costMicros).toBe(expected);
    expect(BigInt(Math.round(usage.cost * 1_000_000))).toBe(expected);
    expect(await balanceMicros(account.userId)).toBe(initial - expected);

    // Charged through the user's Playground key, made for the occasion: listed with their keys, its request in usage.
    const keys = await playgroundKeys(account.userId);
    expect(keys).toHaveLength(1);
    const logged = await database().query<{ api_key_id: string }>("SELECT api_key_id FROM request_logs WHERE id = $1", [
      row.id,
    ]);
    expect(logged.rows[0].api_key_id).toBe(keys[0].id);
    const keysPage = await send("/keys", { headers: { cookie } });
    expect(keysPage.text).toContain("Playground");
    const usagePage = await send("/usage", { headers: { cookie } });
    expect(usagePage.status).toBe(200);
    expect(usagePage.text).toContain(MODEL);
  });

  it("makes one Playground key however many first requests arrive at once, and a new one after a revocation", async () => {
    const fresh = await createKey({ credits: 1 });
    const freshCookie = await signedIn(fresh);
    const answers = await Promise.all(
      [1, 2, 3].map((index) => playground(chat(`at once ${index}`), { cookie: freshCookie })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const [key] = await playgroundKeys(fresh.userId);
    expect(await playgroundKeys(fresh.userId)).toHaveLength(1);

    await database().query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [key.id]);
    await sleep(1_100);
    expect((await playground(chat("after revoking"), { cookie: freshCookie })).status).toBe(200);
    const keys = await playgroundKeys(fresh.userId);
    expect(keys).toHaveLength(2);
    expect(keys[0].revoked_at).not.toBeNull();
    expect(keys[1].revoked_at).toBeNull();
  });

  it("answers 402 as the API does when the balance cannot pay, and charges nothing", async () => {
    const broke = await createKey({ credits: 0 });
    const brokeCookie = await signedIn(broke);
    await openai.reset();
    const error = expectOpenAIError(
      await playground(chat("Can I?"), { cookie: brokeCookie }),
      402,
      "insufficient_credits",
    );
    expect(error.message).toMatch(/balance/i);
    expect(await openai.chatRequests()).toEqual([]);
    expect(await balanceMicros(broke.userId)).toBe(0n);
  });
});

describe("the playground refuses", () => {
  let account: MintedKey;
  let cookie: string;

  beforeAll(async () => {
    account = await createKey({ credits: 1 });
    cookie = await signedIn(account);
  }, 60_000);

  it("a request without a session, or with one that does not exist, with 401", async () => {
    expectOpenAIError(await playground(chat("Hi")), 401, "session_required");
    expectOpenAIError(
      await playground(chat("Hi"), { cookie: "authjs.session-token=not-a-session" }),
      401,
      "session_required",
    );
  });

  it("a request from another site, or one that names no origin, with 403, before reading the session", async () => {
    await openai.reset();
    const initial = await balanceMicros(account.userId);
    for (const origin of ["https://evil.example", "null", null]) {
      const error = expectOpenAIError(await playground(chat("Hi"), { cookie, origin }), 403, "cross_origin_request");
      expect(error.message).toContain("Origin");
    }
    expect(await openai.chatRequests()).toEqual([]);
    await sleep(200);
    expect(await balanceMicros(account.userId)).toBe(initial);
    expect(await playgroundKeys(account.userId)).toEqual([]);
    expect(await requestLogs(account.userId)).toEqual([]);
  });

  it("a GET, with 405", async () => {
    const response = await send("/api/playground/chat", { headers: { cookie } });
    expectOpenAIError(response, 405, "method_not_allowed");
  });
});
