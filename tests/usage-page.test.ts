// The usage page and its CSV export against the real app and database: one period and one set of filters drive the
// summary, the log and the export alike; a range that runs backwards is refused on the page and with a 400 by the
// export. Request log rows are seeded for a user (and a stranger), and the daily roll-ups rebuilt from them the way
// the seed and back-fills do.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildUsageDailyStatement } from "../lib/usage/rollup-statement";
import { send } from "./support/app-client";
import { closeDatabase, createKey, database, type MintedKey, sessionCookie } from "./support/keys";

const DAY_MS = 86_400_000;
const dayOf = (offset: number) => new Date(Date.now() - offset * DAY_MS).toISOString().slice(0, 10);
/** Noon UTC `offset` days ago: inside that UTC day whatever the time the test runs. */
const noonOf = (offset: number) => new Date(`${dayOf(offset)}T12:00:00Z`);

let keyA: MintedKey;
let keyB: MintedKey;
let stranger: MintedKey;
let cookie: string;
const tag = randomBytes(4).toString("hex");
const id = (name: string) => `req_usage_${tag}_${name}`;

interface Seed {
  name: string;
  key: () => MintedKey;
  daysAgo: number;
  model: string;
  status: number;
  costMicros: bigint;
  errorCode?: string;
}

const SEEDS: Seed[] = [
  { name: "today", key: () => keyA, daysAgo: 0, model: "openai/gpt-4o-mini", status: 200, costMicros: 1_000_000n },
  { name: "b3", key: () => keyB, daysAgo: 3, model: "anthropic/claude-sonnet-4", status: 200, costMicros: 2_500_000n },
  {
    name: "typo3",
    key: () => keyA,
    daysAgo: 3,
    model: "acme/typo-model",
    status: 404,
    costMicros: 0n,
    errorCode: "model_not_found",
  },
  {
    name: "fail20",
    key: () => keyA,
    daysAgo: 20,
    model: "openai/gpt-4o-mini",
    status: 502,
    costMicros: 0n,
    errorCode: "upstream_error",
  },
  { name: "old60", key: () => keyB, daysAgo: 60, model: "openai/gpt-4o-mini", status: 200, costMicros: 7_000_000n },
  {
    name: "stranger",
    key: () => stranger,
    daysAgo: 0,
    model: "openai/gpt-4o-mini",
    status: 200,
    costMicros: 9_000_000n,
  },
];

async function seed(row: Seed): Promise<void> {
  const key = row.key();
  await database().query(
    `INSERT INTO request_logs (id, user_id, api_key_id, endpoint, model, provider_id, status, error_code, prompt_tokens,
       completion_tokens, cost_micros, latency_ms, created_at)
     VALUES ($1, $2, $3, 'chat.completions', $4, $5, $6, $7, 10, 5, $8, 120, $9)`,
    [
      id(row.name),
      key.userId,
      key.keyId,
      row.model,
      row.status < 400 ? "openai" : null,
      row.status,
      row.errorCode ?? null,
      row.costMicros.toString(),
      noonOf(row.daysAgo).toISOString().replace("Z", ""),
    ],
  );
}

beforeAll(async () => {
  keyA = await createKey({ name: "alpha-key" });
  keyB = await createKey({ name: "beta-key", email: keyA.email });
  stranger = await createKey({ name: "stranger-key" });
  for (const row of SEEDS) await seed(row);
  for (const userId of [keyA.userId, stranger.userId]) {
    const rebuild = rebuildUsageDailyStatement(userId);
    await database().query(rebuild.text, rebuild.values);
  }
  cookie = await sessionCookie(keyA.userId);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

const get = (path: string) => send(path, { headers: { cookie } });

/** A summary card's text, tags stripped: "Requests 4 2 failed". */
function card(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start === -1) return "";
  const end = html.indexOf("</div>", start);
  return html
    .slice(start, end)
    .replace(/^[^>]*>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Which seeded rows a page's log or an export holds, by name. */
function seededIn(text: string): string[] {
  return SEEDS.filter((row) => text.includes(id(row.name))).map((row) => row.name);
}

async function page(query: string): Promise<string> {
  const response = await get(`/usage${query}`);
  expect(response.status).toBe(200);
  return response.text;
}

async function exported(query: string): Promise<string[]> {
  const response = await get(`/usage/export${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return seededIn(response.text);
}

describe("usage page and export", () => {
  it("shows the last 30 days by default: summary, error split, log and export agree", async () => {
    const html = await page("");
    expect(card(html, "summary-requests")).toMatch(/^Requests 4 2 failed$/);
    expect(card(html, "summary-cost")).toBe("Cost $3.50");
    const errors = card(html, "summary-error-rate");
    expect(errors).toContain("50%");
    expect(errors).toContain("Client errors (4xx): 25%");
    expect(errors).toContain("Upstream failures (5xx): 25%");
    expect(seededIn(html)).toEqual(["today", "b3", "typo3", "fail20"]);
    expect(await exported("")).toEqual(["today", "b3", "typo3", "fail20"]);
    // The refused request is shown under the model it asked for; nobody else's rows, ever.
    expect(html).toContain("acme/typo-model");
    expect(html).not.toContain("stranger-key");
  });

  it("narrows everything to the period: 7 and 90 days", async () => {
    const week = await page("?days=7");
    expect(card(week, "summary-requests")).toMatch(/^Requests 3 /);
    expect(seededIn(week)).toEqual(["today", "b3", "typo3"]);
    expect(await exported("?days=7")).toEqual(["today", "b3", "typo3"]);
    const quarter = await page("?days=90");
    expect(card(quarter, "summary-cost")).toBe("Cost $10.50");
    expect(seededIn(quarter)).toEqual(["today", "b3", "typo3", "fail20", "old60"]);
    expect(await exported("?days=90")).toEqual(["today", "b3", "typo3", "fail20", "old60"]);
  });

  it("narrows everything to a key, a model or a status class, within the period", async () => {
    const beta = await page(`?key=${keyB.keyId}`);
    expect(card(beta, "summary-requests")).toMatch(/^Requests 1 0 failed$/);
    expect(card(beta, "summary-cost")).toBe("Cost $2.50");
    expect(seededIn(beta)).toEqual(["b3"]);
    expect(await exported(`?key=${keyB.keyId}&days=90`)).toEqual(["b3", "old60"]);

    const model = await page("?days=90&model=openai%2Fgpt-4o-mini");
    expect(card(model, "summary-requests")).toMatch(/^Requests 3 1 failed$/);
    expect(seededIn(model)).toEqual(["today", "fail20", "old60"]);
    expect(await exported("?days=90&model=openai%2Fgpt-4o-mini")).toEqual(["today", "fail20", "old60"]);

    const upstream = await page("?status=upstream_error");
    expect(card(upstream, "summary-requests")).toMatch(/^Requests 1 1 failed$/);
    expect(card(upstream, "summary-error-rate")).toContain("Upstream failures (5xx): 100%");
    expect(seededIn(upstream)).toEqual(["fail20"]);
    expect(await exported("?status=client_error")).toEqual(["typo3"]);
    const succeeded = await page("?status=ok&days=90");
    expect(card(succeeded, "summary-cost")).toBe("Cost $10.50");
    expect(seededIn(succeeded)).toEqual(["today", "b3", "old60"]);
  });

  it("takes a from–to range, for the summary, the log and the export", async () => {
    const range = `?from=${dayOf(4)}&to=${dayOf(2)}`;
    const html = await page(range);
    expect(card(html, "summary-requests")).toMatch(/^Requests 2 1 failed$/);
    expect(seededIn(html)).toEqual(["b3", "typo3"]);
    expect(await exported(range)).toEqual(["b3", "typo3"]);
    // One day is a range too.
    expect(seededIn(await page(`?from=${dayOf(0)}&to=${dayOf(0)}`))).toEqual(["today"]);
  });

  it("refuses a range that ends before it starts: a message on the page, a 400 with a JSON reason from the export", async () => {
    const query = `?from=${dayOf(0)}&to=${dayOf(5)}`;
    const html = await page(query);
    expect(html).toContain("is after the end date");
    expect(seededIn(html)).toEqual([]);
    const response = await get(`/usage/export${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(response.text)).toMatchObject({ code: "range_reversed" });
    const tooLong = await get(`/usage/export?from=2000-01-01&to=${dayOf(0)}`);
    expect(tooLong.status).toBe(400);
    expect(JSON.parse(tooLong.text)).toMatchObject({ code: "range_too_long" });
  });

  it("speaks Vietnamese when asked", async () => {
    const html = await page("?lang=vi");
    expect(html).toContain("Nhật ký yêu cầu");
    expect(card(html, "summary-error-rate")).toContain("Lỗi phía máy khách (4xx)");
    expect(html).not.toContain("Request log");
  });
});
