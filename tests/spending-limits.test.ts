// Account spending limits and alerts (issue 11): a monthly limit over every key of an account, held like credit (the
// worst case of each request in flight counts), so concurrent requests cannot pass it; 403 spending_limit_reached on
// every key once it is reached, until a higher limit; one email per threshold per month, and a dashboard banner.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, cliActor } from "../lib/admin/audit";
import { setSpendingLimit } from "../lib/billing/spending-limit-settings";
import { disconnectDatabase } from "../lib/db/client";
import { chatBody, expectOpenAIError, postChat, send, sleep } from "./support/app-client";
import { useTestDatabase } from "./support/admin-session";
import { closeDatabase, createKey, database, sessionCookie, uniqueEmail } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { testAppLogPath } from "./support/test-environment";

const appLog = testAppLogPath();
const MODEL = "openai/gpt-4o-mini";
const standIn = connectStandIn();
let operator: Actor;

beforeAll(() => {
  useTestDatabase();
  operator = cliActor();
});

afterAll(async () => {
  await standIn.reset();
  await disconnectDatabase();
  await closeDatabase();
});

function costMicros(response: { headers: Headers }): bigint {
  const header = response.headers.get("x-switchyard-cost-usd");
  if (!header) throw new Error("no x-switchyard-cost-usd header");
  return BigInt(Math.round(Number(header) * 1_000_000));
}

/** This month's spend of the account as the roll-ups hold it, once every request it made is written. */
async function writtenSpend(userId: string, requests: number): Promise<bigint> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await database().query<{ requests: string; cost: string | null }>(
      "SELECT COALESCE(SUM(requests), 0)::text AS requests, SUM(cost_micros)::text AS cost FROM usage_daily WHERE user_id = $1",
      [userId],
    );
    const row = result.rows[0];
    if (Number(row.requests) >= requests) return BigInt(row.cost ?? "0");
    if (Date.now() > deadline) throw new Error(`only ${row.requests} of ${requests} requests written`);
    await sleep(100);
  }
}

interface MailLine {
  message: string;
  to?: string;
  subject?: string;
}

/** The alert emails the app wrote to its log (EMAIL_SERVER is unset in tests) for `address`. */
function mailsTo(address: string): MailLine[] {
  return readFileSync(appLog, "utf8")
    .split("\n")
    .filter((line) => line.includes(address) && line.startsWith("{"))
    .map((line) => JSON.parse(line) as MailLine)
    .filter((line) => line.message.startsWith("email (") && line.to === address);
}

describe("account spending limit", () => {
  it("holds under 20 concurrent requests on two keys: never past the limit, refusals are 403 spending_limit_reached", async () => {
    const body = chatBody(MODEL, "Say hello.", { max_tokens: 8 });
    const probe = await createKey({ email: uniqueEmail("limit-probe"), credits: 1 });
    const probed = await postChat(probe.key, body);
    expect(probed.status).toBe(200);
    const cost = costMicros(probed);
    expect(cost).toBeGreaterThan(0n);

    const first = await createKey({ email: uniqueEmail("limited"), credits: 5 });
    const second = await createKey({ email: first.email, name: "second" });
    const limitMicros = cost * 6n;
    await setSpendingLimit(operator, first.userId, { limitUsd: Number(limitMicros) / 1_000_000 });

    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, index) => postChat(index % 2 === 0 ? first.key : second.key, body)),
    );
    const served = burst.filter((response) => response.status === 200);
    const refused = burst.filter((response) => response.status !== 200);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const refusal of refused) expectOpenAIError(refusal, 403, "spending_limit_reached");
    const charged = served.reduce((sum, response) => sum + costMicros(response), 0n);
    expect(charged, "what the served requests cost stays within the limit plus one request").toBeLessThanOrEqual(
      limitMicros + cost,
    );
    expect(await writtenSpend(first.userId, served.length)).toBeLessThanOrEqual(limitMicros + cost);

    // Spend on until the limit stops the account: every key of it is then refused, and another account is not.
    let refusal = await postChat(first.key, body);
    for (let tries = 0; refusal.status === 200 && tries < 10; tries++) refusal = await postChat(first.key, body);
    const error = expectOpenAIError(refusal, 403, "spending_limit_reached");
    expect(error.message).toMatch(/monthly spending limit/);
    expectOpenAIError(await postChat(second.key, body), 403, "spending_limit_reached");
    expect((await postChat(probe.key, body)).status).toBe(200);
    // GET /v1/key answers (it spends nothing) and says what is left of the account's limit.
    const status = await send("/v1/key", { apiKey: second.key });
    expect(status.status).toBe(200);
    const limits = (JSON.parse(status.text) as { data: { limits: Record<string, number | null> } }).data.limits;
    expect(limits.account_monthly_spending_limit_usd).toBeCloseTo(Number(limitMicros) / 1_000_000, 6);
    expect(limits.account_monthly_spending_limit_remaining_usd).toBeGreaterThanOrEqual(0);
    expect(limits.account_monthly_spending_limit_remaining_usd).toBeLessThan(Number(limitMicros - cost) / 1_000_000);

    // A higher limit lets the keys through again at once.
    await setSpendingLimit(operator, first.userId, { limitUsd: 1 });
    const started = Date.now();
    let again = await postChat(second.key, body);
    while (again.status !== 200 && Date.now() - started < 5_000) {
      await sleep(50);
      again = await postChat(second.key, body);
    }
    expect(again.status, again.text).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("emails once per threshold per month (50, 80, 100 % and low balance), refuses right after 100 %, and warns on the dashboard", async () => {
    // Each scripted request reports a million prompt tokens: it costs far more than its reservation, so the limit is
    // crossed by spending, one threshold per request, as a heavy month would.
    const heavy = { usage: { prompt_tokens: 1_000_000 } };
    const probe = await createKey({ email: uniqueEmail("alert-probe"), credits: 5 });
    await standIn.enqueue(heavy);
    const probed = await postChat(probe.key, chatBody(MODEL, "Say hello.", { max_tokens: 4 }));
    expect(probed.status).toBe(200);
    const step = costMicros(probed);

    const owner = await createKey({ email: uniqueEmail("alerted"), credits: 5 });
    // 30 % per request: 30, 60 (50 % alert), 90 (80 %), 120 (100 %), then refused.
    const limitMicros = (step * 10n) / 3n;
    await setSpendingLimit(operator, owner.userId, {
      limitUsd: Number(limitMicros) / 1_000_000,
      thresholds: [50, 80, 100],
      lowBalanceUsd: 4.99,
    });
    for (let request = 1; request <= 4; request++) {
      await standIn.enqueue(heavy);
      const response = await postChat(owner.key, chatBody(MODEL, "Say hello.", { max_tokens: 4 }));
      expect(response.status, `request ${request}: ${response.text}`).toBe(200);
      // Each request's usage is written and checked before the next: one crossing at a time.
      await writtenSpend(owner.userId, request);
      await sleep(300);
    }
    await standIn.reset();
    expectOpenAIError(
      await postChat(owner.key, chatBody(MODEL, "Say hello.", { max_tokens: 4 })),
      403,
      "spending_limit_reached",
    );

    const deadline = Date.now() + 10_000;
    while (mailsTo(owner.email).length < 4 && Date.now() < deadline) await sleep(200);
    await sleep(1_000);
    const subjects = mailsTo(owner.email).map((mail) => mail.subject ?? "");
    expect(subjects, "one email per threshold, none twice").toHaveLength(4);
    expect(subjects).toEqual(
      expect.arrayContaining([
        "Switchyard: 50% of your monthly spending limit used",
        "Switchyard: 80% of your monthly spending limit used",
        "Switchyard: your balance is below $4.99",
        expect.stringMatching(/^Switchyard: your monthly spending limit of \$[\d.,]+ is reached$/),
      ]),
    );
    const alerts = await database().query<{ kind: string }>(
      "SELECT kind FROM spending_alerts WHERE user_id = $1 ORDER BY kind",
      [owner.userId],
    );
    expect(alerts.rows.map((row) => row.kind)).toEqual(["limit:100", "limit:50", "limit:80", "low_balance"]);

    const page = await send("/keys", { headers: { cookie: await sessionCookie(owner.userId) } });
    expect(page.status).toBe(200);
    expect(page.text).toContain("spending-banner");
    expect(page.text).toMatch(/reached its monthly spending limit/);
  });
});
