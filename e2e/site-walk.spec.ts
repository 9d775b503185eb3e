// The public site as a visitor meets it: every page reachable by following links from the home page, at desktop and
// phone widths, in English and Vietnamese. Each page answers 200 with one top heading, its language on <html>, nothing
// wider than the screen, nothing fetched from outside this machine, no error in the console; every internal link it
// has leads somewhere (no 404). The JavaScript each kind of page ships, as transferred (compressed), is written to
// test-results/page-weight-<project>.json and held under the budget of 150 KB.
import { writeFileSync, mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { screenshot } from "./support";

const JS_BUDGET_BYTES = 150 * 1024;
/** Pages the walk starts from; the rest are found by following links. */
const START = ["/", "/models", "/docs", "/pricing", "/status", "/signin"];
/** Paths not walked: the API, the dashboard (signed in: its own specs), sign-in continuations, downloads. */
const SKIP = /^\/(?:api|v1|_next|keys|usage|billing|playground|welcome|signin\/)(?:\/|$)/;
/** One page of each kind is enough for the weight table; the model pages share one layout. */
function pageKind(path: string): string {
  if (path.startsWith("/models/")) return "/models/<provider>/<model>";
  if (path.startsWith("/docs/")) return "/docs/<section>";
  return path;
}

interface Visit {
  path: string;
  links: string[];
  scriptBytes: number;
}

async function visit(page: Page, path: string): Promise<Visit> {
  const scripts = new Map<string, number>();
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  const onResponse = async (response: import("@playwright/test").Response) => {
    const url = new URL(response.url());
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") return;
    if (response.request().resourceType() !== "script") return;
    const sizes = await response
      .request()
      .sizes()
      .catch(() => undefined);
    if (sizes) scripts.set(url.pathname, sizes.responseBodySize);
  };
  const onRequest = (request: import("@playwright/test").Request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http")) outside.push(url.href);
  };
  const onConsole = (message: import("@playwright/test").ConsoleMessage) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  };
  page.on("response", onResponse);
  page.on("request", onRequest);
  page.on("console", onConsole);
  try {
    const response = await page.goto(path, { waitUntil: "networkidle" });
    expect(response?.status(), `${path} answers 200`).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first(), `${path} has a top heading`).toBeVisible();
    expect(await page.locator("html").getAttribute("lang")).toMatch(/^(en|vi)$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(1);
    expect(outside, `${path} fetches nothing from outside`).toEqual([]);
    expect(consoleErrors, `${path} logs no error`).toEqual([]);
    const links = await page
      .locator("a[href]")
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    const internal = links
      .map((href) => new URL(href))
      .filter((url) => url.origin === new URL(page.url()).origin)
      .map((url) => url.pathname);
    return { path, links: [...new Set(internal)], scriptBytes: [...scripts.values()].reduce((a, b) => a + b, 0) };
  } finally {
    page.off("response", onResponse);
    page.off("request", onRequest);
    page.off("console", onConsole);
  }
}

test("every public page answers, fits the screen, stays on this machine and links nowhere dead", async ({
  page,
}, testInfo) => {
  test.setTimeout(10 * 60_000);
  const seen = new Set<string>();
  const queue = [...START];
  const weights = new Map<string, number>();
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const result = await visit(page, path);
    const kind = pageKind(path);
    weights.set(kind, Math.max(weights.get(kind) ?? 0, result.scriptBytes));
    if (!weights.has(`shot:${kind}`)) {
      weights.set(`shot:${kind}`, 0);
      await screenshot(page, `site${kind.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "") || "-home"}`, testInfo);
    }
    for (const link of result.links) if (!seen.has(link) && !SKIP.test(link)) queue.push(link);
    expect(seen.size, "the walk stays a walk of the site").toBeLessThan(400);
  }
  const table = Object.fromEntries(
    [...weights].filter(([kind]) => !kind.startsWith("shot:")).map(([kind, bytes]) => [kind, bytes]),
  );
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    `test-results/page-weight-${testInfo.project.name}.json`,
    `${JSON.stringify({ pages: seen.size, javascriptBytesGzip: table }, null, 2)}\n`,
  );
  for (const [kind, bytes] of Object.entries(table)) {
    expect(bytes, `${kind} ships under 150 KB of compressed JavaScript`).toBeLessThan(JS_BUDGET_BYTES);
  }
  // Every section of the site was reached from the home page.
  for (const section of ["/models", "/docs", "/pricing", "/status"]) expect(seen).toContain(section);
});

test("the site speaks Vietnamese when asked, and keeps speaking it", async ({ page }) => {
  await page.goto("/?lang=vi");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("banner").getByRole("link", { name: "Tài liệu" })).toBeVisible();
  // Remembered: the next page, with no ?lang=, is Vietnamese too.
  await page.goto("/models");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  // And switched back with the switcher, without a URL parameter.
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/docs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
