// Limits that hold across servers: two app processes share one Redis (the real one on this machine, behind the local
// Upstash REST stand-in), and every limit of a key is counted once for both, not once per process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashStandIn, type UpstashStandIn } from "./stand-ins/upstash-redis";
import { closeDatabase, createKey, database, hashKey, type MintedKey, runCli, uniqueEmail } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { startServer, type RunningServer } from "./support/spawn-server";

const openai = connectStandIn();
let redis: UpstashStandIn;
let servers: RunningServer[];

beforeAll(async () => {
  redis = await startUpstashStandIn();
  const settings = {
    UPSTASH_REDIS_REST_URL: redis.url,
    UPSTASH_REDIS_REST_TOKEN: redis.token,
    // Each test speaks from addresses of its own (X-Forwarded-For), for the failed-authentication throttle.
    TRUST_PROXY: "1",
    AUTH_FAILURES_PER_MINUTE: "5",
    // This loaded machine can take over a second to answer through the stand-in; a timeout would fall back to
    // in-process limits (fail open, unit-tested in lib/ratelimit), which is not what this file proves.
    RATE_LIMIT_TIMEOUT_MS: "20000",
  };
  servers = await Promise.all([startServer(settings), startServer(settings)]);
}, 180_000);

afterAll(async () => {
  await Promise.all(servers?.map((server) => server.stop()) ?? []);
  await redis?.close();
  await openai.reset();
  await closeDatabase();
});

/** `key create` with limit flags (--rpm, --rpd, --tpm, --concurrency, --budget, --budget-period) and $5 of credit. */
async function keyWith(flags: Record<string, string | number>): Promise<MintedKey> {
  const address = uniqueEmail("limits");
  const args = ["key", "create", "--email", address, "--credits", "5"];
  for (const [name, value] of Object.entries(flags)) args.push(`--${name}`, String(value));
  const { exitCode, stdout, stderr } = await runCli(args);
  expect(exitCode, stderr).toBe(0);
  const key = stdout.trim().split("\n").at(-1) ?? "";
  const found = await database().query<{ id: string; user_id: string }>(
    "SELECT id, user_id FROM api_keys WHERE key_hash = $1",
    [hashKey(key)],
  );
  return { key, email: address, keyId: found.rows[0].id, userId: found.rows[0].user_id };
}

interface Answer {
  status: number;
  headers: Headers;
  code: string | undefined;
  text: string;
}

async function call(
  server: RunningServer,
  path: string,
  key: string,
  body?: unknown,
  from = "203.0.113.1",
): Promise<Answer> {
  const response = await fetch(`${server.origin}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-forwarded-for": from },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let code: string | undefined;
  if (response.status >= 400) code = (JSON.parse(text) as { error: { code: string } }).error.code;
  return { status: response.status, headers: response.headers, code, text };
}

const chat = (maxTokens: number, stream = true) => ({
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Count slowly." }],
  max_tokens: maxTokens,
  stream,
});

/** Streams that take a few seconds: 12 frames, 300 ms apart. */
const slowStream = { content: "one two three four five six seven eight nine ten eleven", chunkIntervalMs: 300 };

/** Waits out the end of the current minute when it is close, so a burst falls in one window. */
async function awayFromMinuteEnd(marginMs = 8_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe("two app processes sharing one Redis", () => {
  it("give a 60-requests-per-minute key exactly 60 successes in total under concurrent load from both", async () => {
    const { key } = await keyWith({ rpm: 60 });
    await awayFromMinuteEnd();
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, index) => call(servers[index % 2], "/v1/models", key)),
    );
    const served = answers.filter((answer) => answer.status === 200);
    expect(served).toHaveLength(60);
    // Both processes served part of the 60: the count is shared, not split.
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(90);
    for (const answer of refused) {
      expect(answer.code).toBe("rate_limit_exceeded");
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(answer.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    }
    expect(JSON.parse(refused[0].text).error.message).toContain("60 requests per minute");
    const remaining = served.map((answer) => Number(answer.headers.get("x-ratelimit-remaining-requests")));
    expect(new Set(remaining).size).toBe(60);
    expect(Math.min(...remaining)).toBe(0);
    // The limiter really ran in Redis.
    expect(redis.commands.some((command) => /^EVAL/i.test(command[0]))).toBe(true);
  });

  it("never let a 3-concurrent key have a fourth stream open across both, and free a slot when a stream ends", async () => {
    const { key } = await keyWith({ concurrency: 3 });
    await openai.enqueue(...Array.from({ length: 10 }, () => slowStream));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => call(servers[index % 2], "/v1/chat/completions", key, chat(50))),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(7);
    for (const answer of refused) {
      expect(answer.code).toBe("concurrency_limit_exceeded");
      expect(answer.headers.get("retry-after")).toBe("1");
    }
    await openai.reset();
    // The streams above have ended (their bodies were read to the end): their slots are free again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await Promise.all(
      [0, 1, 2].map((index) => call(servers[index % 2], "/v1/chat/completions", key, chat(50))),
    );
    expect(again.map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it("refuse a 1,000-tokens-per-minute key once the reserved tokens would exceed it, and correct to real usage", async () => {
    const { key } = await keyWith({ tpm: 1_000 });
    await awayFromMinuteEnd(15_000);
    // A request whose worst case alone is over the minute's tokens is refused outright.
    const tooLarge = await call(servers[0], "/v1/chat/completions", key, chat(2_000, false));
    expect([tooLarge.status, tooLarge.code]).toEqual([429, "rate_limit_exceeded"]);
    expect(JSON.parse(tooLarge.text).error.message).toContain("1000 tokens per minute");

    // Two streams of ~550 reserved tokens each, one per process, at once: the second would exceed 1,000.
    await openai.enqueue(slowStream, slowStream);
    const [first, second] = await Promise.all([
      call(servers[0], "/v1/chat/completions", key, chat(500)),
      new Promise<Answer>((resolve) => setTimeout(resolve, 200)).then(() =>
        call(servers[1], "/v1/chat/completions", key, chat(500)),
      ),
    ]);
    expect(first.status).toBe(200);
    expect(Number(first.headers.get("x-ratelimit-remaining-tokens"))).toBeLessThan(500);
    expect(first.headers.get("x-ratelimit-limit-tokens")).toBe("1000");
    expect([second.status, second.code]).toEqual([429, "rate_limit_exceeded"]);
    await openai.reset();

    // The first stream ended having used a few dozen tokens, not 550: corrected, there is room for another.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await call(servers[1], "/v1/chat/completions", key, chat(500, false));
    expect(after.status).toBe(200);
    const status = await call(servers[0], "/v1/key", key);
    const limits = JSON.parse(status.text).data.limits.rate_limits;
    expect(limits.tokens_per_minute.limit).toBe(1_000);
    expect(limits.tokens_per_minute.remaining).toBeGreaterThan(800);
  });

  it("throttle an address's failed authentications on both processes, without touching the database", async () => {
    const from = "198.51.100.77";
    const { key } = await createKey({ credits: 1 });
    const wrong = "sy-live-0000000000000000000000000000000000000000";
    const statuses = [];
    for (let index = 0; index < 6; index++)
      statuses.push((await call(servers[0], "/v1/models", wrong, undefined, from)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Now even a valid key from that address is refused on that process...
    const blocked = await call(servers[0], "/v1/models", key, undefined, from);
    expect([blocked.status, blocked.code]).toEqual([429, "rate_limit_exceeded"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // ...and the other process refuses the address at its first failure: the count is shared.
    expect((await call(servers[1], "/v1/models", wrong, undefined, from)).status).toBe(429);
    // Another address is not affected.
    expect((await call(servers[0], "/v1/models", key, undefined, "198.51.100.78")).status).toBe(200);
  });
});

describe("plans and budget periods", () => {
  it("cap a key's own limits by its account's plan, set from the CLI, and report them with the budget's period", async () => {
    const minted = await keyWith({ rpm: 500, rpd: 1_000, budget: 2, "budget-period": "week" });
    const list = await runCli(["plan", "list"]);
    expect(list.stdout).toMatch(/free\s+Free\s+20\s+200/);
    const set = await runCli(["plan", "set", "--email", minted.email, "--plan", "free"]);
    expect(set.exitCode, set.stderr).toBe(0);
    const status = await call(servers[0], "/v1/key", minted.key);
    expect(status.headers.get("x-ratelimit-limit-requests")).toBe("20");
    expect(status.headers.get("x-ratelimit-limit-requests-day")).toBe("200");
    const data = JSON.parse(status.text).data;
    expect(data.plan).toBe("Free");
    expect(data.limits.rate_limits.requests_per_day).toMatchObject({ limit: 200, remaining: 199 });
    expect(data.limits.rate_limits.concurrent_requests).toEqual({ limit: 2, remaining: 2, resets_at: null });
    expect(data.limits.budget).toMatchObject({ usd: 2, period: "week", spent_usd: 0, remaining_usd: 2 });
    expect(new Date(data.limits.budget.resets_at).getUTCDay()).toBe(1);
    const unknown = await runCli(["plan", "set", "--email", minted.email, "--plan", "gold"]);
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toContain("No plan named 'gold'");
  });
});
