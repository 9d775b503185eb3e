// The model catalog, a model's page and the pricing page, as a visitor uses them at desktop and phone widths: the
// table or the cards, filters and sort in the URL (with and without JavaScript), copying an id, a model's ready
// request, every link on the pages leading somewhere, and the site in Vietnamese. The e2e app has only OpenAI (the
// stand-in) configured, so OpenAI's models are live and the others listed as unavailable.
import type { Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { screenshot, switchLanguage } from "./support";

/** The catalog as this width shows it: the table's rows on a desktop, the cards on a phone. */
function modelEntries(page: Page) {
  return page.locator("[data-testid=model-table] tbody tr, [data-testid=model-cards] > li").filter({ visible: true });
}

async function shownIds(page: Page): Promise<string[]> {
  return modelEntries(page).evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-model") ?? ""));
}

/** Nothing wider than the screen: no sideways scrolling, on a phone least of all. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Every link inside the page's main content answers something other than 404. */
async function expectLinksAlive(page: Page): Promise<void> {
  const hrefs = await page
    .getByRole("main")
    .locator("a[href^='/']")
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute("href") ?? ""))]);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const response = await page.request.get(href, { maxRedirects: 0 });
    expect(response.status(), href).not.toBe(404);
    expect(response.status(), href).toBeLessThan(500);
  }
}

test("the catalog: every model with its price and status, a table on a desktop and cards on a phone", async ({
  page,
}, testInfo) => {
  await page.goto("/models");
  await expect(page).toHaveTitle("Models and prices — Switchyard");
  await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
  const phone = testInfo.project.name === "phone";
  await expect(page.getByTestId("model-table")).toBeVisible({ visible: !phone });
  await expect(page.getByTestId("model-cards")).toBeVisible({ visible: phone });
  await expectNoSidewaysScroll(page);

  const ids = await shownIds(page);
  expect(ids.length).toBeGreaterThan(30);
  expect(ids).toContain("openai/gpt-4o-mini");
  const mini = modelEntries(page).and(page.locator("[data-model='openai/gpt-4o-mini']"));
  await expect(mini).toContainText("GPT-4o mini");
  await expect(mini.locator("[data-price=input]")).toHaveText("$0.15");
  await expect(mini.locator("[data-price=output]")).toHaveText("$0.60");
  await expect(mini.locator("[data-status]")).toHaveText("Live");
  // No key for Anthropic on this gateway: listed, and said to be unavailable.
  await expect(
    modelEntries(page).and(page.locator("[data-model='anthropic/claude-sonnet-4']")).locator("[data-status]"),
  ).toHaveText("Unavailable");
  await expect(modelEntries(page).and(page.locator("[data-model='openai/dall-e-3']"))).toContainText(
    "from $0.04 per image",
  );
  await expect(page.getByText("exactly as charged")).toBeVisible();

  await screenshot(page, "models", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "models-dark", testInfo);
});

test("filters and sort live in the URL: with JavaScript they apply at once, without it on Search", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto("/models");
  // A change made before the page is hydrated waits for the Search button, as it would without JavaScript.
  await expect(page.locator("[data-auto-submit=ready]")).toBeAttached();
  await page.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: "DeepSeek" });
  await expect(page).toHaveURL(/\/models\?provider=deepseek$/);
  await expect.poll(() => shownIds(page)).toEqual(["deepseek/deepseek-chat", "deepseek/deepseek-reasoner"]);
  await expect(page.getByTestId("result-count")).toHaveText(/2 models of \d+/);

  await page.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: "All providers" });
  await expect(page).toHaveURL(/\/models$/);
  await page.getByRole("search").getByText("Embeddings", { exact: true }).click();
  await expect(page).toHaveURL(/\/models\?cap=embeddings$/);
  const embeddings = await shownIds(page);
  expect(embeddings).toContain("openai/text-embedding-3-small");
  expect(embeddings.every((id) => /embed/.test(id))).toBe(true);

  await page.getByRole("combobox", { name: "Status", exact: true }).selectOption({ label: "Ready to call" });
  await page.getByRole("combobox", { name: "Sort by", exact: true }).selectOption({ label: "Price: low to high" });
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.getAll("cap").join() === "embeddings" &&
      url.searchParams.get("status") === "available" &&
      url.searchParams.get("sort") === "price" &&
      [...url.searchParams.keys()].length === 3,
  );
  await expect.poll(() => shownIds(page)).toEqual(["openai/text-embedding-3-small", "openai/text-embedding-3-large"]);
  await screenshot(page, "models-filtered", testInfo);

  await page.getByRole("searchbox", { name: "Search" }).fill("no model is called this");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page.getByText("No model matches")).toBeVisible();
  await page.getByRole("link", { name: "Show all models" }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect.poll(async () => (await shownIds(page)).length).toBeGreaterThan(30);

  // Without JavaScript the same form works: the button submits it.
  const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto(`${testInfo.project.use.baseURL}/models`);
  await noScript.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: "OpenAI" });
  await noScript
    .getByRole("combobox", { name: "Sort by", exact: true })
    .selectOption({ label: "Context: largest first" });
  await noScript.getByRole("button", { name: "Search" }).click();
  await expect(noScript).toHaveURL(/provider=openai/);
  const ids = await shownIds(noScript);
  expect(ids.length).toBeGreaterThan(5);
  expect(ids.every((id) => id.startsWith("openai/"))).toBe(true);
  expect(ids[0]).toMatch(/^openai\/gpt-4\.1/);
  await context.close();
});

test("copying a model id from the catalog", async ({ page, context }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/models?provider=openai");
  const entry = modelEntries(page).and(page.locator("[data-model='openai/gpt-4o-mini']"));
  await entry.getByRole("button", { name: "Copy openai/gpt-4o-mini" }).click();
  await expect(entry.getByRole("button", { name: "Copy openai/gpt-4o-mini" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("openai/gpt-4o-mini");
  await screenshot(page, "models-copied", testInfo);
});

test("a model's page: prices, ids, a ready request for this site, and the last hour", async ({
  page,
  context,
}, testInfo) => {
  await page.goto("/models");
  await modelEntries(page)
    .and(page.locator("[data-model='openai/gpt-4o-mini']"))
    .getByRole("link", { name: "GPT-4o mini" })
    .click();
  await expect(page).toHaveURL(/\/models\/openai\/gpt-4o-mini$/);
  await expect(page.getByRole("heading", { level: 1, name: "GPT-4o mini" })).toBeVisible();
  await expect(page.getByTestId("model-id")).toHaveText("openai/gpt-4o-mini");
  await expect(page.getByTestId("model-facts")).toContainText("128,000");
  await expect(page.getByTestId("price-breakdown").locator("[data-price=input]")).toContainText("$0.15");
  await expect(page.locator("[data-alias='gpt-4o-mini']")).toContainText("short name");
  await expectNoSidewaysScroll(page);

  // The request points at the site the visitor is on, and reads the key from the environment.
  const origin = new URL(page.url()).origin;
  const tabs = page.getByRole("tablist", { name: "Request to GPT-4o mini" });
  await tabs.getByRole("tab", { name: "Python" }).click();
  const python = page.getByRole("tabpanel").filter({ visible: true });
  await expect(python).toContainText(`base_url="${origin}/v1"`);
  await expect(python).toContainText('os.environ["SWITCHYARD_API_KEY"]');
  await expect(python).toContainText('model="openai/gpt-4o-mini"');
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy Python" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('model="openai/gpt-4o-mini"');
  await tabs.getByRole("tab", { name: "Python" }).press("ArrowRight");
  await expect(tabs.getByRole("tab", { name: "Node" })).toBeFocused();
  await expect(page.getByRole("tabpanel").filter({ visible: true })).toContainText(`baseURL: "${origin}/v1"`);

  // The last hour from real traffic: other specs call this model, so the panel has numbers or, run alone, none yet.
  await expect(page.getByTestId("model-health")).toContainText(/Requests, last hour|No traffic in the last hour/);
  await screenshot(page, "model-chat", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "model-chat-dark", testInfo);
  await page.emulateMedia({ colorScheme: "light" });
  await expectLinksAlive(page);

  // Image and embedding models get their own endpoint; an unavailable model says why.
  // The language chosen above (Node) is remembered: pick curl, whose URL names the endpoint.
  await page.goto("/models/openai/dall-e-3");
  await page.getByRole("tab", { name: "curl" }).click();
  await expect(page.getByRole("tabpanel").filter({ visible: true })).toContainText("/v1/images/generations");
  await expect(page.getByTestId("price-breakdown")).toContainText("1792×1024");
  await screenshot(page, "model-image", testInfo);
  // A model no spec calls says plainly that it has had no traffic (the numbers are tested in public-catalog.test.ts).
  await page.goto("/models/openai/gpt-4.1-nano");
  await expect(page.getByTestId("model-health")).toContainText("No traffic in the last hour");
  await page.goto("/models/openai/text-embedding-3-small");
  await expect(page.getByRole("tabpanel").filter({ visible: true })).toContainText("/v1/embeddings");
  await page.goto("/models/anthropic/claude-sonnet-4");
  await expect(page.getByRole("note")).toContainText("cannot reach its provider");
  await screenshot(page, "model-unavailable", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "model-unavailable-dark", testInfo);
});

test("an unknown model is a 404 that leads back to the catalog", async ({ page }, testInfo) => {
  const response = await page.goto("/models/openai/no-such-model");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Model not found — Switchyard");
  await expect(page.getByRole("heading", { level: 1, name: "No such model" })).toBeVisible();
  await screenshot(page, "model-not-found", testInfo);
  await page.getByRole("link", { name: "Browse models" }).click();
  await expect(page).toHaveURL(/\/models$/);
});

test("every link on the catalog and pricing pages leads somewhere", async ({ page }) => {
  await page.goto("/models");
  await expectLinksAlive(page);
  await page.goto("/pricing");
  await expectLinksAlive(page);
});

test("the pricing page: credits, the markup, what is charged, a worked example and the prices", async ({
  page,
}, testInfo) => {
  await page.goto("/pricing");
  await expect(page).toHaveTitle("Pricing — Switchyard");
  await expect(page.getByRole("heading", { level: 1, name: "Pricing" })).toBeVisible();
  await expect(page.getByTestId("pricing-credits")).toContainText("through Stripe, from $5.00 to $1,000.00");
  await expect(page.getByTestId("pricing-markup")).toContainText("You pay each provider's list price");
  await expect(page.getByText("Failed requests cost nothing.")).toBeVisible();
  await expect(page.getByTestId("pricing-example-cost")).toHaveText("$0.00039");
  expect((await shownIds(page)).length).toBeGreaterThan(30);
  await expectNoSidewaysScroll(page);
  await screenshot(page, "pricing", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "pricing-dark", testInfo);
});

test("the catalog and a model's page in Vietnamese, prices still in USD", async ({ page }, testInfo) => {
  await page.goto("/models");
  await switchLanguage(page, "Switch the site to Tiếng Việt");
  await expect(page.getByRole("heading", { level: 1, name: "Mô hình" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const mini = modelEntries(page).and(page.locator("[data-model='openai/gpt-4o-mini']"));
  await expect(mini.locator("[data-price=input]")).toHaveText("$0.15");
  await expect(mini.locator("[data-status]")).toHaveText("Hoạt động");
  await page.getByRole("combobox", { name: "Trạng thái", exact: true }).selectOption({ label: "Gọi được ngay" });
  await expect(page).toHaveURL(/status=available/);
  await screenshot(page, "models-vi", testInfo);

  await mini.getByRole("link", { name: "GPT-4o mini" }).click();
  await expect(page.getByRole("heading", { name: "Gửi yêu cầu" })).toBeVisible();
  await expect(page.getByTestId("model-facts")).toContainText("128.000");
  await screenshot(page, "model-chat-vi", testInfo);
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { level: 1, name: "Bảng giá" })).toBeVisible();
  await screenshot(page, "pricing-vi", testInfo);

  // And back.
  await switchLanguage(page, "Chuyển trang sang English");
  await expect(page.getByRole("heading", { level: 1, name: "Pricing" })).toBeVisible();
});
