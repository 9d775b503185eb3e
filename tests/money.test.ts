// Money as the account owner sees it: every request is charged exactly what it reports, failures are not
// charged, a balance that cannot cover a request refuses it, and concurrent requests never overspend.
import type OpenAI from "openai";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  chatBody,
  eventually,
  expectOpenAIError,
  gatewayClient,
  parseJson,
  postChat,
  sleep,
  sseData,
  usageCost,
  type RawResponse,
} from "./support/app-client";
import {
  addCredits,
  balanceMicros,
  catalogModels,
  closeDatabase,
  createKey,
  database,
  requestLogs,
  uniqueEmail,
  type MintedKey,
  type RequestLogRow,
} from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
const model = "openai/gpt-4o-mini";

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await standIn.reset();
  await closeDatabase();
});

function sumCosts(rows: RequestLogRow[]): bigint {
  return rows.reduce((total, row) => total + row.costMicros, 0n);
}

/** Waits for the batched writer: `count` logged requests, and a balance that is the initial one minus their costs. */
async function settled(
  account: MintedKey,
  initial: bigint,
  count: number,
): Promise<{ rows: RequestLogRow[]; balance: bigint }> {
  return eventually(
    async () => {
      const rows = await requestLogs(account.userId);
      const balance = await balanceMicros(account.userId);
      return rows.length >= count && balance === initial - sumCosts(rows) ? { rows, balance } : undefined;
    },
    15_000,
    `${count} request logs and a balance of initial minus their costs for ${account.email}`,
  );
}

function usageCostMicros(usage: unknown): number {
  return Math.round(usageCost(usage) * 1_000_000);
}

describe("charging", () => {
  it("takes from the balance exactly the sum of the logged request costs, which are what the responses said", async () => {
    const account = await createKey({ email: uniqueEmail("charge"), credits: 2 });
    const initial = await balanceMicros(account.userId);
    expect(initial).toBe(2_000_000n);
    const client: OpenAI = gatewayClient(account.key);
    const usage = { prompt_tokens: 12_000, completion_tokens: 3_000 };

    const reportedCosts = new Map<string, number>();
    for (let index = 0; index < 3; index += 1) {
      await standIn.enqueue({ usage });
      const { data, response } = await client.chat.completions
        .create({ model, messages: [{ role: "user", content: `request ${index}` }] })
        .withResponse();
      reportedCosts.set(response.headers.get("x-request-id") ?? "", usageCostMicros(data.usage));
    }
    await standIn.enqueue({ usage });
    const streamedWithUsage = await postChat(
      account.key,
      chatBody(model, "streamed", { stream: true, stream_options: { include_usage: true } }),
    );
    const usageChunk = JSON.parse(sseData(streamedWithUsage.text).at(-2) ?? "{}") as { usage?: unknown };
    reportedCosts.set(streamedWithUsage.headers.get("x-request-id") ?? "", usageCostMicros(usageChunk.usage));
    await standIn.enqueue({ usage });
    const streamedQuietly = await postChat(account.key, chatBody(model, "streamed quietly", { stream: true }));
    expect(streamedQuietly.status).toBe(200);

    const { rows, balance } = await settled(account, initial, 5);
    expect(rows).toHaveLength(5);
    expect(balance).toBeLessThan(initial);
    for (const row of rows) {
      expect(row.status).toBe(200);
      expect(row.model).toBe(model);
      expect(row.providerId).toBe("openai");
      expect(row.promptTokens).toBe(12_000);
      expect(row.completionTokens).toBe(3_000);
      expect(row.costMicros).toBeGreaterThan(0n);
      const reported = reportedCosts.get(row.id);
      if (reported !== undefined) expect(Math.abs(Number(row.costMicros) - reported)).toBeLessThanOrEqual(1);
    }
    // The quiet stream is billed like the others even though the client never saw its usage.
    expect(new Set(rows.map((row) => row.costMicros)).size).toBe(1);
    expect(rows.map((row) => row.id)).toContain(streamedQuietly.headers.get("x-request-id"));
  });

  it("logs requests without their prompt, as prompt logging is off by default", async () => {
    const account = await createKey({ email: uniqueEmail("private"), credits: 1 });
    const secretText = `private-words-${Date.now()}`;
    const response = await postChat(account.key, chatBody(model, secretText));
    expect(response.status).toBe(200);
    const [row] = await eventually(
      async () => {
        const rows = await requestLogs(account.userId);
        return rows.length > 0 ? rows : undefined;
      },
      15_000,
      "the request log row",
    );
    expect(row.prompt).toBeNull();
    expect(
      JSON.stringify(row, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
    ).not.toContain(secretText);
  });

  it("does not charge for a request the upstream refused", async () => {
    const account = await createKey({ email: uniqueEmail("refund"), credits: 1 });
    const initial = await balanceMicros(account.userId);
    await standIn.enqueue({
      status: 400,
      body: {
        error: { message: "Invalid 'tools': bad schema.", type: "invalid_request_error", param: "tools", code: null },
      },
    });
    const refused = await postChat(account.key, chatBody(model));
    expect(refused.status).toBe(400);
    const served = await postChat(account.key, chatBody(model));
    expect(served.status).toBe(200);
    const { rows } = await settled(account, initial, 2);
    const refusedRow = rows.find((row) => row.id === refused.headers.get("x-request-id"));
    expect(refusedRow?.costMicros).toBe(0n);
    expect(refusedRow?.status).toBe(400);
  });
});

describe("insufficient credits", () => {
  it("answers 402 insufficient_credits when the balance cannot cover the request, and serves again after a top-up", async () => {
    const account = await createKey({ email: uniqueEmail("poor"), credits: "0.0001" });
    expectOpenAIError(
      await postChat(account.key, chatBody(model, "hi", { max_tokens: 1_000 })),
      402,
      "insufficient_credits",
    );
    expectOpenAIError(await postChat(account.key, chatBody(model, "hi")), 402, "insufficient_credits");
    expect(await standIn.chatRequests()).toEqual([]);

    await addCredits(account.email, 1);
    const afterTopUp = await eventually(
      async () => {
        const response = await postChat(account.key, chatBody(model, "hi", { max_tokens: 1_000 }));
        return response.status === 200 ? response : undefined;
      },
      30_000,
      "a request to succeed after `credits add`",
    );
    expect(parseJson(afterTopUp).object).toBe("chat.completion");
  }, 45_000);
});

describe("concurrent requests", () => {
  it("never spend more than the balance", async () => {
    const [prices] = await catalogModels("id = $1", [model]);
    const maxTokens = 4_000;
    const body = chatBody(model, "hi", { max_tokens: maxTokens });
    const bodyBytes = Buffer.byteLength(JSON.stringify(body));
    // A worst case no smaller than the gateway's (a token per body byte, plus max_tokens of output), ~5 of them.
    const worstCaseMicros =
      ((bodyBytes * Number(prices.inputPriceMicros) + maxTokens * Number(prices.outputPriceMicros)) / 1_000_000) *
      (1 + prices.markupBps / 10_000);
    const creditsMicros = Math.ceil(worstCaseMicros * 5.5);
    const account = await createKey({
      email: uniqueEmail("concurrent"),
      credits: (creditsMicros / 1_000_000).toFixed(6),
    });
    const initial = await balanceMicros(account.userId);
    expect(initial).toBe(BigInt(creditsMicros));

    // Each served request holds its reserve for a while, so all twenty compete for the same balance.
    await standIn.enqueue(
      ...Array.from({ length: 20 }, () => ({
        delayFirstByteMs: 1_500,
        usage: { prompt_tokens: 20, completion_tokens: 10 },
      })),
    );
    const responses: RawResponse[] = await Promise.all(Array.from({ length: 20 }, () => postChat(account.key, body)));
    await standIn.reset();

    const statuses = responses.map((response) => response.status);
    const served = statuses.filter((status) => status === 200).length;
    const refused = responses.filter((response) => response.status === 402);
    expect(served + refused.length, `statuses: ${statuses.join(",")}`).toBe(20);
    expect(served).toBeGreaterThanOrEqual(1);
    expect(served).toBeLessThanOrEqual(5);
    for (const response of refused) expectOpenAIError(response, 402, "insufficient_credits");

    // Every request is logged, the refused ones too.
    const { rows, balance } = await settled(account, initial, 20);
    expect(balance).toBeGreaterThanOrEqual(0n);
    expect(sumCosts(rows)).toBeLessThanOrEqual(initial);
    expect(rows.filter((row) => row.status === 200)).toHaveLength(served);
  }, 45_000);
});

describe("a burst on a balance that covers it", () => {
  it("serves 600 concurrent small requests with no 402, even queued behind a stalled top-up", async () => {
    const account = await createKey({ email: uniqueEmail("burst"), credits: 5 });
    const initial = await balanceMicros(account.userId);
    // max_tokens: 1 makes each reserve a few micro-dollars: $5 covers the 600 of them many times over.
    const body = chatBody(model, "hi", { max_tokens: 1 });
    // A transaction holding the account's row stands in for a database that stalls under the burst (or a burst
    // that arrives all at once): the gateway's first top-up waits on it, and the requests arriving meanwhile queue.
    const stall = await database().connect();
    let responses: RawResponse[];
    try {
      await stall.query("BEGIN");
      await stall.query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", [account.userId]);
      const burst = Promise.all(Array.from({ length: 600 }, () => postChat(account.key, body)));
      await sleep(2_000);
      await stall.query("COMMIT");
      responses = await burst;
    } finally {
      stall.release();
    }
    const statuses = new Map<number, number>();
    for (const response of responses) statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const counts = JSON.stringify(Object.fromEntries(statuses));
    // The point: no 402 while the balance covers the burst. On a quiet machine all 600 are served; on a saturated one
    // (CI runs three suites on two cores) some may be answered as load, never as a lack of credit: 503 when the
    // stalled database did not give a reservation within its wait, 504 when the stand-in upstream answered later than
    // this app's 3 s upstream timeout. Each of those says what happened; the 503 asks for a retry.
    expect(statuses.get(402), counts).toBeUndefined();
    for (const response of responses.filter((answer) => answer.status !== 200)) {
      expect([503, 504], counts).toContain(response.status);
      if (response.status === 503) expect(response.headers.get("retry-after") ?? "", counts).toMatch(/^\d+$/);
    }
    expect(statuses.get(200) ?? 0, counts).toBeGreaterThanOrEqual(480);

    const { rows, balance } = await settled(account, initial, 600);
    expect(rows).toHaveLength(600);
    expect(rows.filter((row) => row.status === 200)).toHaveLength(statuses.get(200) ?? 0);
    const ledger = await database().query<{ total: string }>(
      "SELECT COALESCE(SUM(amount_micros), 0)::text AS total FROM ledger_entries WHERE user_id = $1",
      [account.userId],
    );
    expect(BigInt(ledger.rows[0].total)).toBe(balance);
    expect(balance).toBe(initial - sumCosts(rows));
  }, 60_000);
});
