// The public catalog, model pages, status and pricing pages, rendered by the running app from the seeded catalog:
// the prices a visitor reads are the prices a request is charged, the filters travel in the URL, an unknown model is
// a 404, the samples on a model's page run as printed, and the health numbers come from real requests through the
// gateway (to the OpenAI stand-in).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUsd, usdToMicros } from "../lib/money";
import { appBaseUrl, chatBody, eventually, parseJson, postChat, send, sseData, usageCost } from "./support/app-client";
import { catalogModels, closeDatabase, createKey, database, requestLogs, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const standIn = connectStandIn();

/** Only this file calls it, so its health numbers are exactly this file's requests. */
const HEALTH_MODEL = "openai/gpt-4.1-nano";
/** A model with a markup set by this file (restored after). */
const MARKED_MODEL = "openai/gpt-4.1-mini";
const MARKUP_BPS = 1_250;
/** Nobody calls it (xAI has no key here): disabled for a moment, to see its page go. */
const DISABLED_MODEL = "xai/grok-3";

interface Page {
  status: number;
  html: string;
}

async function page(path: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(`${appBaseUrl()}${path}`, { headers });
  return { status: response.status, html: await response.text() };
}

/** Visible text of an HTML fragment: tags and React's text separators out, entities in, whitespace collapsed. */
function text(html: string): string {
  return html
    .replace(/<!--.*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

/** The desktop table's rows, by model id, in page order (the phone cards repeat them, in <li>). */
function tableRows(html: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of html.matchAll(/<tr data-model="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)) rows.set(match[1], match[2]);
  return rows;
}

/** The text of the cell marked data-price="kind" in a row or table. */
function priceCell(html: string, kind: string): string | undefined {
  const match = new RegExp(`data-price="${kind}"[^>]*>([\\s\\S]*?)</(?:td|dd|tr)>`).exec(html);
  return match ? text(match[1]) : undefined;
}

/** What the page should show for a price: USD with the markup, "Free" for nothing, a dash for none. */
function shown(listMicros: bigint | null, markupBps: number): string {
  if (listMicros === null) return "—";
  const half = 5_000n;
  const micros = (listMicros * BigInt(10_000 + markupBps) + half) / 10_000n;
  return micros === 0n ? "Free" : formatUsd(micros);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: repositoryRoot, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

let account: MintedKey;
/** Statuses of this file's requests to HEALTH_MODEL. */
const healthStatuses: number[] = [];

beforeAll(async () => {
  account = await createKey({ credits: 5 });
  await database().query("UPDATE models SET markup_bps = $2 WHERE id = $1", [MARKED_MODEL, MARKUP_BPS]);

  // Real traffic, before any page has read the last hour (the health numbers are cached for a minute): three
  // answers, one stream, then a request whose every attempt the upstream fails, then one asked for by bare name.
  for (let index = 0; index < 3; index++) {
    healthStatuses.push((await postChat(account.key, chatBody(HEALTH_MODEL, `hello ${index}`))).status);
  }
  const streamed = await postChat(account.key, chatBody(HEALTH_MODEL, "stream", { stream: true }));
  expect(sseData(streamed.text).at(-1)).toBe("[DONE]");
  healthStatuses.push(streamed.status);
  // Enough failures for every attempt of both (the second may not reach the upstream: the first opens its circuit).
  await standIn.enqueue(...Array.from({ length: 6 }, () => ({ status: 500 })));
  healthStatuses.push((await postChat(account.key, chatBody(HEALTH_MODEL, "fails"))).status);
  healthStatuses.push((await postChat(account.key, chatBody("gpt-4.1-nano", "by its bare name"))).status);
  await standIn.reset();
  await eventually(
    async () => ((await requestLogs(account.userId)).length >= healthStatuses.length ? true : undefined),
    15_000,
    "this file's requests in the request log",
  );
});

afterAll(async () => {
  await database().query("UPDATE models SET markup_bps = 0 WHERE id = $1", [MARKED_MODEL]);
  await database().query("UPDATE models SET status = 'live' WHERE id = $1", [DISABLED_MODEL]);
  await closeDatabase();
});

describe("/models", () => {
  it("lists every model but the disabled ones, with the price the customer pays, markup included", async () => {
    const models = await catalogModels("status <> 'disabled'");
    const imageModels = new Set(models.filter((model) => model.kind === "image").map((model) => model.id));
    const pricedImages = new Set(
      (await database().query<{ id: string }>("SELECT id FROM models WHERE image_prices IS NOT NULL")).rows.map(
        (row) => row.id,
      ),
    );
    // The catalog is re-read every few seconds: wait for the markup set above to show.
    const rows = await eventually(
      async () => {
        const rows = tableRows((await page("/models")).html);
        return priceCell(rows.get(MARKED_MODEL) ?? "", "input") === shown(400_000n, MARKUP_BPS) ? rows : undefined;
      },
      15_000,
      "the markup in the catalog page",
    );
    expect([...rows.keys()].sort()).toEqual(models.map((model) => model.id).sort());
    for (const model of models) {
      const row = rows.get(model.id) ?? "";
      if (imageModels.has(model.id)) {
        // Priced per image from the cheapest tier; one not priced yet (a "soon" model) shows a dash.
        if (pricedImages.has(model.id)) expect(text(row), model.id).toMatch(/from \$\d+\.\d+ per image/);
        else expect(text(row), model.id).not.toContain("$");
        continue;
      }
      if (model.kind === "speech" || model.kind === "transcription") {
        // Priced per 1M characters or per minute (all seeded audio models are unmarked: the list price shows).
        expect(text(row), model.id).toMatch(
          model.kind === "speech" ? /\$\d+\.\d+ per 1M characters/ : /\$\d+\.\d+ per minute/,
        );
        continue;
      }
      expect(priceCell(row, "input"), model.id).toBe(shown(model.inputPriceMicros, model.markupBps));
      expect(priceCell(row, "cached"), model.id).toBe(shown(model.cachedInputPriceMicros, model.markupBps));
      expect(priceCell(row, "output"), model.id).toBe(shown(model.outputPriceMicros, model.markupBps));
    }
    // gpt-4.1-mini lists at $0.40 / $1.60; with 12.5% the page says $0.45 / $1.80.
    expect(priceCell(rows.get(MARKED_MODEL) ?? "", "output")).toBe("$1.80");
    expect(text(rows.get("openai/dall-e-3") ?? "")).toContain("from $0.04 per image");
    expect(text(rows.get("openai/tts-1") ?? "")).toContain("$15.00 per 1M characters");
    expect(text(rows.get("openai/whisper-1") ?? "")).toContain("$0.006 per minute");
  });

  it("shows as live or free exactly the models /v1/models says are available, and why the others are not", async () => {
    const html = (await page("/models")).html;
    const listed = parseJson(await send("/v1/models?all=true", { apiKey: account.key })) as {
      data: Array<{ id: string; status: string; available: boolean }>;
    };
    const rows = tableRows(html);
    for (const model of listed.data) {
      const status = /data-status="([a-z]+)"/.exec(rows.get(model.id) ?? "")?.[1];
      const expected = model.status === "soon" ? "soon" : model.available ? model.status : "unavailable";
      expect(status, model.id).toBe(expected);
    }
    // Zhipu has a key here (the demo's free model); Moonshot has none: listed, but not as callable.
    expect(/data-status="([a-z]+)"/.exec(rows.get("zhipu/glm-4-flash") ?? "")?.[1]).toBe("free");
    expect(/data-status="([a-z]+)"/.exec(rows.get("moonshot/kimi-k2") ?? "")?.[1]).toBe("unavailable");
    expect(text(html)).toContain("What the statuses mean");
  });

  it("filters and sorts from the URL's query, server-rendered", async () => {
    const ids = async (query: string) => [...tableRows((await page(`/models?${query}`)).html).keys()];

    const deepseek = await ids("provider=deepseek");
    expect(deepseek.sort()).toEqual(["deepseek/deepseek-chat", "deepseek/deepseek-reasoner"]);

    const embeddings = await ids("cap=embeddings");
    expect(embeddings.length).toBeGreaterThan(0);
    const embeddingIds = (await catalogModels("kind = 'embedding' AND status <> 'disabled'")).map((model) => model.id);
    expect(embeddings.sort()).toEqual(embeddingIds.sort());

    expect(await ids("cap=vision&cap=reasoning&provider=openai")).toEqual(["openai/o4-mini"]);
    expect(await ids("q=deepseek-v3.2")).toEqual(["deepseek/deepseek-chat"]);
    const soon = (await catalogModels("status = 'soon'")).map((model) => model.id);
    expect((await ids("status=soon")).sort()).toEqual(soon.sort());
    expect(await ids("q=no-such-model-anywhere")).toEqual([]);
    expect(text((await page("/models?q=no-such-model-anywhere")).html)).toContain("No model matches");

    // Cheapest input first; models without an input price (images) last.
    const byPrice = await ids("sort=price&status=available");
    // The customer's price, markup included, is what sorts.
    const inputPrice = new Map(
      (await catalogModels()).map((model) => [
        model.id,
        model.inputPriceMicros === null ? null : model.inputPriceMicros * BigInt(10_000 + model.markupBps),
      ]),
    );
    const prices = byPrice.map((id) => inputPrice.get(id) ?? null);
    const priced = prices.filter((price): price is bigint => price !== null);
    expect(priced).toEqual([...priced].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(prices.slice(priced.length).every((price) => price === null)).toBe(true);

    // The form keeps what was asked.
    const filtered = (await page("/models?q=gpt&cap=vision&sort=context")).html;
    expect(filtered).toMatch(/<input[^>]*name="q"[^>]*value="gpt"/);
    const capabilityInput = (value: string) =>
      new RegExp(`<input[^>]*value="${value}"[^>]*>`).exec(filtered)?.[0] ?? "";
    expect(capabilityInput("vision")).toContain('checked=""');
    expect(capabilityInput("tools")).not.toContain("checked");
    expect(filtered).toMatch(/<option value="context" selected="">/);
  });

  it("shows Vietnamese when asked, with prices still in USD", async () => {
    const html = (await page("/models?lang=vi")).html;
    expect(html).toContain('<html lang="vi"');
    expect(text(html)).toContain("Mô hình");
    expect(priceCell(tableRows(html).get("openai/gpt-4o-mini") ?? "", "input")).toBe("$0.15");
  });
});

describe("/models/<provider>/<model>", () => {
  it("shows a model's prices, with the list price and the markup apart, and what a request is charged", async () => {
    const html = await eventually(
      async () => {
        const { html } = await page(`/models/${MARKED_MODEL}`);
        return html.includes("Provider&#x27;s list price") || html.includes("Provider's list price") ? html : undefined;
      },
      15_000,
      "the markup on the model page",
    );
    const breakdownRow = (kind: string) =>
      text(new RegExp(`<tr data-price="${kind}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "");
    expect(breakdownRow("input")).toBe("Input $0.40 $0.45");
    expect(breakdownRow("output")).toBe("Output $1.60 $1.80");
    expect(text(html)).toContain("Includes our 12.5% markup");

    // A request is charged what the page says: tokens × the price shown, rounded once.
    const response = await postChat(account.key, chatBody(MARKED_MODEL, "what does this cost?"));
    expect(response.status, response.text).toBe(200);
    const body = parseJson(response) as { usage: { prompt_tokens: number; completion_tokens: number } };
    const charged = usdToMicros(usageCost(body.usage).toFixed(6));
    const perMillion = { input: 450_000n, output: 1_800_000n };
    const expected =
      (BigInt(body.usage.prompt_tokens) * perMillion.input +
        BigInt(body.usage.completion_tokens) * perMillion.output +
        500_000n) /
      1_000_000n;
    expect(charged).toBe(expected);
  });

  it("lists the other ids a model answers to, and a ready request pointed at this site", async () => {
    const { status, html } = await page("/models/deepseek/deepseek-chat");
    expect(status).toBe(200);
    expect(html).toContain('data-alias="deepseek-v3.2"');
    expect(html).toContain('data-alias="deepseek-chat"');
    expect(html).toContain(`curl ${appBaseUrl()}/v1/chat/completions`);
    expect(html).toContain("$SWITCHYARD_API_KEY");
    expect(html).toMatch(/<title>DeepSeek V3\.2 by DeepSeek: price and API — Switchyard<\/title>/);
  });

  it("is 404 for an unknown model, a provider alone, and a disabled model", async () => {
    expect((await page("/models/nobody/nothing")).status).toBe(404);
    expect((await page("/models/openai")).status).toBe(404);
    expect((await page("/models/openai/gpt-4o-mini/extra")).status).toBe(404);
    const unknown = await page("/models/openai/no-such-model");
    expect(unknown.status).toBe(404);
    expect(text(unknown.html)).toContain("No such model");

    expect((await page(`/models/${DISABLED_MODEL}`)).status).toBe(200);
    await database().query("UPDATE models SET status = 'disabled' WHERE id = $1", [DISABLED_MODEL]);
    await eventually(
      async () => ((await page(`/models/${DISABLED_MODEL}`)).status === 404 ? true : undefined),
      15_000,
      "a disabled model's page to go",
    );
    expect(tableRows((await page("/models")).html).has(DISABLED_MODEL)).toBe(false);
    await database().query("UPDATE models SET status = 'live' WHERE id = $1", [DISABLED_MODEL]);
    // Back for the tests after this one (the price table counts it).
    await eventually(
      async () => ((await page(`/models/${DISABLED_MODEL}`)).status === 200 ? true : undefined),
      15_000,
      "a model enabled again to come back",
    );
  });

  it("shows the last hour of real requests: how many, how many failed, and the median latency", async () => {
    const served = healthStatuses.filter((status) => status < 400).length;
    const failed = healthStatuses.filter((status) => status >= 500 && status !== 501).length;
    expect(served).toBe(4);
    expect(failed).toBe(2);
    // Cached for a minute: another file may have read the last hour before these requests were logged.
    const health = await eventually(
      async () => {
        const { html } = await page(`/models/${HEALTH_MODEL}`);
        const cells = Object.fromEntries(
          [...html.matchAll(/data-health="([a-zA-Z]+)"[^>]*>([\s\S]*?)<\/div>/g)].map((match) => [
            match[1],
            text(match[2]),
          ]),
        );
        return cells.requests?.endsWith(String(served + failed)) ? cells : undefined;
      },
      75_000,
      "the model page's health to count this file's requests",
    );
    expect(health.requests).toBe(`Requests, last hour ${served + failed}`);
    expect(health.errorRate).toBe(`Error rate ${Math.round((failed / (served + failed)) * 100)}%`);
    expect(health.latency).toMatch(/^Latency p50 \d+(\.\d)? (ms|s)$/);
    expect(health.ttft).toMatch(/^First token p50 \d+(\.\d)? (ms|s)$/);

    // A model nobody called says so.
    expect(text((await page("/models/openai/gpt-4.1")).html)).toContain("No traffic in the last hour");
  }, 90_000);

  it("has samples that run as printed: curl and Node, for chat, embeddings and images", async () => {
    for (const [model, expectOutput] of [
      ["openai/gpt-4o-mini", /cost \(USD\): \d/],
      ["openai/text-embedding-3-small", /\d+ dimensions/],
      ["openai/dall-e-3", /https?:\/\/|saved image\.png/],
    ] as const) {
      const { html } = await page(`/models/${model}`);
      // The code blocks, as the page shows them.
      const blocks = [...html.matchAll(/<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/g)].map((match) => text(match[1]));
      const raw = [...html.matchAll(/<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/g)].map((match) =>
        match[1]
          .replace(/<!--.*?-->/g, "")
          .replace(/&quot;/g, '"')
          .replace(/&#x27;/g, "'")
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">"),
      );
      expect(blocks, model).toHaveLength(3);
      const [curl, , node] = raw;
      const env = { SWITCHYARD_API_KEY: account.key };
      const curlOutput = JSON.parse(await run("bash", ["-c", `${curl} --silent --fail-with-body`], env));
      expect(curlOutput.error, model).toBeUndefined();
      expect(await run(process.execPath, ["--input-type=module", "-e", node], env), model).toMatch(expectOutput);
    }
  });
});

describe("/status", () => {
  it("reports the gateway, database, rate limiter and each configured provider, with the last hour's traffic", async () => {
    const { status, html } = await page("/status");
    expect(status).toBe(200);
    // Other files' deliberate upstream failures may have made a provider look degraded: the headline must match.
    const state = /data-testid="status-summary"[^>]*data-state="([a-z]+)"/.exec(html)?.[1];
    const headline = {
      operational: "All systems normal",
      degraded: "Some systems are degraded",
      down: "Some systems are down",
    };
    expect(Object.keys(headline)).toContain(state);
    expect(text(html)).toContain(headline[state as keyof typeof headline]);
    if (state !== "operational") expect(text(html)).toMatch(/Affected: /);
    for (const component of ["gateway", "database", "ratelimit", "openai", "deepseek", "anthropic", "google"]) {
      expect(html, component).toContain(`data-component="${component}"`);
    }
    // Providers without keys are named apart, not shown as failing.
    expect(html).not.toContain('data-component="xai"');
    expect(text(/data-testid="not-configured"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "")).toContain("xAI");
    // OpenAI's traffic includes this file's requests (and other files'): a count, an error rate, a latency.
    // Up to the next component (a degraded one lists its reasons in a nested list).
    const openai = /data-component="openai"[\s\S]*?(?=data-component=|<\/ul>\s*<\/section>|$)/.exec(html)?.[0] ?? "";
    const requests = Number(
      text(/data-metric="requests"[^>]*>([\s\S]*?)<\/dd>/.exec(openai)?.[1] ?? "").replace(/,/g, ""),
    );
    expect(requests).toBeGreaterThanOrEqual(healthStatuses.length);
    expect(text(/data-metric="error-rate"[^>]*>([\s\S]*?)<\/dd>/.exec(openai)?.[1] ?? "")).toMatch(/^\d+(\.\d)?%$/);
    expect(text(/data-metric="latency"[^>]*>([\s\S]*?)<\/dd>/.exec(openai)?.[1] ?? "")).toMatch(/^\d+(\.\d)? (ms|s)$/);
    expect(text(html)).toMatch(/Updated at \d\d:\d\d:\d\d UTC\./);
    // Nothing secret: no key, no key id, no base URL.
    expect(html).not.toMatch(/sk-test|sk-ant|gemini-test|127\.0\.0\.1:\d+\/v1|keyId|openai-key/);
  });
});

describe("/pricing", () => {
  it("says how credits, the markup and charging work, with a worked example and the price table", async () => {
    const { status, html } = await page("/pricing");
    expect(status).toBe(200);
    const words = text(html);
    // Stripe is configured here; the sign-up credit is 0 in this run.
    expect(words).toContain("Top up your balance by card through Stripe, from $5.00 to $1,000.00 at a time.");
    expect(words).toContain("Create an account and add credit when you are ready.");
    // One model carries a markup in this file, the others none.
    expect(words).toMatch(/0% to 12\.5% on top of the provider's list price/);
    expect(words).toContain("Failed requests cost nothing.");
    // 1,200 × $0.15 + 350 × $0.60 per 1M on GPT-4o mini = $0.00039.
    expect(text(/data-testid="pricing-example-cost"[^>]*>([\s\S]*?)<\/dd>/.exec(html)?.[1] ?? "")).toBe("$0.00039");
    expect(tableRows(html).size).toBe((await catalogModels("status <> 'disabled'")).length);
  });
});
