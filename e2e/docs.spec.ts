// The docs as a reader meets them, at desktop and phone widths: every page of the docs opens with its title, the
// navigation and the table of contents lead where they say, the model picker changes every snippet on the page (and
// is remembered), a snippet copies with the model picked, the pages read without JavaScript, and in Vietnamese.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DOC_PAGES } from "../lib/docs/pages";
import { DEFAULT_DOCS_MODEL } from "../lib/docs/site-samples";
import { expect, test } from "./csp-guard";
import { screenshot, switchLanguage } from "./support";

const PICKED = "zhipu/glm-4-flash";

interface PageWords {
  navTitle: string;
  title: string;
}

/** A page's title and navigation title, as its messages give them. */
function wordsOf(namespace: string, locale: "en" | "vi" = "en"): PageWords {
  return JSON.parse(readFileSync(`messages/${locale}/${namespace}.json`, "utf8")) as PageWords;
}

/** The docs navigation: in the sidebar on a desktop, in the folded menu on a phone (opened here). */
async function docsNavigation(page: Page) {
  const sidebar = page.locator("nav[aria-label='Documentation']").filter({ visible: true });
  if ((await sidebar.count()) === 0) await page.locator("main details > summary").first().click();
  return page.getByRole("navigation", { name: "Documentation" }).filter({ visible: true });
}

/** The table of contents' links: beside the page on a wide screen, folded above it otherwise (opened here). */
async function tableOfContents(page: Page) {
  const beside = page.getByRole("navigation", { name: "On this page" }).filter({ visible: true });
  if ((await beside.count()) === 0) await page.locator("article details > summary").first().click();
  return page.getByRole("navigation", { name: "On this page" }).filter({ visible: true }).getByRole("link");
}

test("every docs page opens with its title, from the navigation, with working contents links", async ({
  page,
}, testInfo) => {
  test.setTimeout(3 * 60_000);
  await page.goto("/docs");
  for (const docPage of DOC_PAGES) {
    if (docPage.path !== "/docs") {
      const navigation = await docsNavigation(page);
      await navigation.getByRole("link", { name: wordsOf(docPage.namespace).navTitle, exact: true }).click();
    }
    await expect(page).toHaveURL(new RegExp(`${docPage.path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(wordsOf(docPage.namespace).title);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${docPage.path} is no wider than the screen`).toBeLessThanOrEqual(1);

    // Every page with sections lists them; a page without any has no table of contents.
    const count = await page.locator("nav[aria-label='On this page']").first().locator("a").count();
    if (count > 0) {
      const entries = await tableOfContents(page);
      const last = entries.nth(count - 1);
      const target = ((await last.getAttribute("href")) ?? "").slice(1);
      await last.click();
      await expect(page).toHaveURL(new RegExp(`#${target}$`));
      await expect(page.locator(`h2[id="${target}"]`)).toBeInViewport();
    }
    await screenshot(page, `docs-${docPage.slug}`, testInfo);
  }
});

test("the next and previous links walk the docs in order", async ({ page }) => {
  await page.goto("/docs");
  const pager = page.getByRole("navigation", { name: "Previous and next page" });
  await pager.getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(/\/docs\/authentication$/);
  await page
    .getByRole("navigation", { name: "Previous and next page" })
    .getByRole("link", { name: /Previous/ })
    .click();
  await expect(page).toHaveURL(/\/docs$/);
});

test("the model picker changes every snippet on the page, is remembered, and copies as shown", async ({
  page,
  context,
}, testInfo) => {
  await page.goto("/docs");
  const code = page.locator("[role=tabpanel] code");
  const snippets = await code.count();
  expect(snippets).toBeGreaterThan(0);
  await expect(code.filter({ hasText: DEFAULT_DOCS_MODEL })).toHaveCount(snippets);

  const picker = page.getByLabel("Model in the examples");
  await expect(picker).toHaveValue(DEFAULT_DOCS_MODEL);
  await picker.selectOption(PICKED);
  await expect(code.filter({ hasText: PICKED })).toHaveCount(snippets);
  await expect(code.filter({ hasText: DEFAULT_DOCS_MODEL })).toHaveCount(0);

  // Copied as shown, with the model picked.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const block = page.locator("section[aria-labelledby=first-call]");
  await block.getByRole("tab", { name: "Python" }).click();
  await block.getByRole("button", { name: "Copy Python" }).click();
  await expect(block.getByRole("button", { name: "Copy Python" })).toContainText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`model="${PICKED}"`);
  expect(copied).toContain(`base_url="${new URL(page.url()).origin}/v1"`);
  await screenshot(page, "docs-picked-model", testInfo);

  // Remembered on the next page and after a reload; the default once picked back.
  await page.reload();
  await expect(page.getByLabel("Model in the examples")).toHaveValue(PICKED);
  await expect(code.filter({ hasText: PICKED })).toHaveCount(snippets);
  await page.getByLabel("Model in the examples").selectOption(DEFAULT_DOCS_MODEL);
  await expect(code.filter({ hasText: DEFAULT_DOCS_MODEL })).toHaveCount(snippets);
});

test("the docs read without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(wordsOf("docs-quickstart").title);
  // The first tab's code is there as text; the navigation is plain links.
  await expect(page.locator("[role=tabpanel] code").first()).toContainText(DEFAULT_DOCS_MODEL);
  expect(await page.locator("a[href='/docs/errors']").count()).toBeGreaterThan(0);
  await context.close();
});

test("the docs in Vietnamese", async ({ page }, testInfo) => {
  await page.goto("/docs");
  await switchLanguage(page, /Tiếng Việt/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(wordsOf("docs-quickstart", "vi").title);
  await expect(page.getByLabel("Mô hình trong ví dụ")).toBeVisible();
  await screenshot(page, "docs-vi", testInfo);
  await switchLanguage(page, /English/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the quickstart has one address, and an unknown docs page is a 404", async ({ page }) => {
  await page.goto("/docs/quickstart");
  await expect(page).toHaveURL(/\/docs$/);
  const missing = await page.request.get("/docs/no-such-page");
  expect(missing.status()).toBe(404);
});
