// The public site as a visitor meets it: every page reachable by following links from the home page, at desktop and
// phone widths, in English and Vietnamese. Each page of each kind is opened in the browser (all of the docs, a few
// model pages: they share one layout): it answers 200 with one top heading, its language on <html>, nothing wider than
// the screen, nothing fetched from outside this machine, no error in the console. Every internal link found anywhere
// is followed (the rest of the model pages by a plain GET, whose links are followed too): no 404. The JavaScript each
// kind of page loads, gzip-compressed as the budget counts it, is written to
// test-results/page-weight-<project>.json and held under 150 KB.
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { ConsoleMessage, Page, Request, Response } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { screenshot, switchLanguage } from "./support";

const JS_BUDGET_BYTES = 150 * 1024;
/** Pages the walk starts from; the rest are found by following links. */
const START = ["/", "/models", "/docs", "/pricing", "/status", "/signin"];
/** Paths not walked: the API, the dashboard (signed in: its own specs), sign-in continuations, downloads. */
const SKIP = /^\/(?:api|v1|_next|keys|usage|billing|playground|welcome|signin\/)(?:\/|$)/;
/** Model pages opened in the browser; the others share their layout and are fetched. */
const MODEL_PAGES_IN_BROWSER = 3;

/** One page of each kind is enough for the weight table and the screenshots; the model pages share one layout. */
function pageKind(path: string): string {
  if (path.startsWith("/models/")) return "/models/<provider>/<model>";
  return path;
}

interface Visit {
  links: string[];
  /** Every script the page loaded, gzip-compressed (level 6, as servers send it). */
  scriptBytesGzip: number;
}

const gzipSizes = new Map<string, number>();

function internalLinks(hrefs: string[], origin: string): string[] {
  const paths = hrefs
    .map((href) => new URL(href, origin))
    .filter((url) => url.origin === origin)
    .map((url) => url.pathname);
  return [...new Set(paths)];
}

async function visit(page: Page, path: string): Promise<Visit> {
  const scripts = new Map<string, Promise<number>>();
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  const onResponse = (response: Response) => {
    const url = new URL(response.url());
    if (response.request().resourceType() !== "script" || !["127.0.0.1", "localhost"].includes(url.hostname)) return;
    const known = gzipSizes.get(url.pathname);
    scripts.set(
      url.pathname,
      known !== undefined
        ? Promise.resolve(known)
        : response.body().then((body) => {
            const size = gzipSync(body, { level: 6 }).length;
            gzipSizes.set(url.pathname, size);
            return size;
          }),
    );
  };
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http")) outside.push(url.href);
  };
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  };
  page.on("response", onResponse);
  page.on("request", onRequest);
  page.on("console", onConsole);
  try {
    const response = await page.goto(path, { waitUntil: "load" });
    expect(response?.status(), `${path} answers 200`).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first(), `${path} has a top heading`).toBeVisible();
    expect(await page.locator("html").getAttribute("lang")).toMatch(/^(en|vi)$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(1);
    expect(outside, `${path} fetches nothing from outside`).toEqual([]);
    expect(consoleErrors, `${path} logs no error`).toEqual([]);
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    const sizes = await Promise.all(scripts.values());
    return {
      links: internalLinks(hrefs, new URL(page.url()).origin),
      scriptBytesGzip: sizes.reduce((sum, size) => sum + size, 0),
    };
  } finally {
    page.off("response", onResponse);
    page.off("request", onRequest);
    page.off("console", onConsole);
  }
}

/** A page fetched without the browser: it answers 200, and its links are followed too. */
async function fetchPage(page: Page, path: string): Promise<string[]> {
  const response = await page.request.get(path);
  expect(response.status(), `${path} answers 200`).toBe(200);
  const html = await response.text();
  const hrefs = [...html.matchAll(/<a\b[^>]*\shref="([^"#]*)[^"]*"/g)].map((match) =>
    match[1].replaceAll("&amp;", "&"),
  );
  return internalLinks(
    hrefs.filter((href) => href !== ""),
    new URL(response.url()).origin,
  );
}

test("every public page answers, fits the screen, stays on this machine and links nowhere dead", async ({
  page,
}, testInfo) => {
  test.setTimeout(6 * 60_000);
  const seen = new Set<string>();
  const queue = [...START];
  const weights = new Map<string, number>();
  let modelPagesOpened = 0;
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const kind = pageKind(path);
    let links: string[];
    if (kind === path || modelPagesOpened++ < MODEL_PAGES_IN_BROWSER) {
      const result = await visit(page, path);
      links = result.links;
      if (!weights.has(kind)) {
        await screenshot(page, `site${kind.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "") || "-home"}`, testInfo);
      }
      weights.set(kind, Math.max(weights.get(kind) ?? 0, result.scriptBytesGzip));
    } else {
      links = await fetchPage(page, path);
    }
    for (const link of links) if (!seen.has(link) && !SKIP.test(link)) queue.push(link);
    expect(seen.size, "the walk stays a walk of the site").toBeLessThan(400);
  }
  const table = Object.fromEntries([...weights].sort(([a], [b]) => a.localeCompare(b)));
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    `test-results/page-weight-${testInfo.project.name}.json`,
    `${JSON.stringify({ pages: seen.size, javascriptBytesGzip: table }, null, 2)}\n`,
  );
  for (const [kind, bytes] of Object.entries(table)) {
    expect(bytes, `${kind} ships under 150 KB of gzip-compressed JavaScript`).toBeLessThan(JS_BUDGET_BYTES);
  }
  // Every section of the site was reached from the home page.
  for (const section of ["/models", "/docs", "/pricing", "/status"]) expect(seen).toContain(section);
});

test("the site speaks Vietnamese when asked, and keeps speaking it", async ({ page }) => {
  await page.goto("/?lang=vi");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const header = page.getByRole("banner");
  // On a phone the sections wait in the menu.
  if (await header.locator("details > summary").isVisible()) await header.locator("details > summary").click();
  await expect(header.getByRole("link", { name: "Tài liệu" })).toBeVisible();
  // Remembered: the next page, with no ?lang=, is Vietnamese too.
  await page.goto("/models");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  // And switched back with the switcher, without a URL parameter.
  await switchLanguage(page, /English/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/docs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
