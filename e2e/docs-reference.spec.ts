// The docs' reference pages as a developer reads them, at desktop and phone widths: the errors table (every code with
// its cause and fix, linkable by name), the IDE & CLI guides (a section and settings per tool, following the model
// picked, copyable, and a plain word on what is not served), the other gateway pages with their runnable samples,
// and all of it in Vietnamese.
import type { Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { screenshot, switchLanguage } from "./support";

async function expectNoPageOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

test("the errors page lists every code with its cause and how to fix it", async ({ page, baseURL }, testInfo) => {
  await page.goto("/docs/errors");
  await expect(page).toHaveTitle(/^Errors — Switchyard docs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Errors" })).toBeVisible();

  const table = page.getByRole("table", { name: "Error codes by HTTP status" });
  for (const header of ["Status", "Code", "Cause", "How to fix"]) {
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  }
  const credits = table.getByRole("row").filter({ hasText: "insufficient_credits" });
  await expect(credits.getByRole("cell").first()).toHaveText("402");
  await expect(credits).toContainText("The account's balance cannot cover the most this request could cost");
  await expect(credits).toContainText("Top up on the Billing page, or lower max_tokens");
  await expect(credits.getByRole("link", { name: "Billing page" })).toHaveAttribute("href", "/billing");
  for (const [code, status] of [
    ["invalid_api_key", "401"],
    ["model_not_found", "404"],
    ["rate_limit_exceeded", "429"],
    ["upstream_error", "502"],
    ["overloaded", "503"],
  ]) {
    await expect(table.getByRole("row").filter({ hasText: code }).getByRole("cell").first()).toHaveText(status);
  }
  await expect(table.getByRole("row").filter({ hasText: "rate_limit_exceeded" })).toContainText(
    "Retry: yes, after the seconds in Retry-After",
  );

  // A code is a link target: /docs/errors#<code>.
  await page.goto("/docs/errors#overloaded");
  await expect(page.locator("#overloaded")).toBeInViewport();

  // The sample shows the error as each client sees it, against this site.
  await expect(page.getByRole("tabpanel").filter({ visible: true }).first()).toContainText(`${baseURL}/v1`);
  await expect(page.getByText('"code": "model_not_found"')).toBeVisible();

  await expectNoPageOverflow(page);
  await screenshot(page, "docs-errors", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "docs-errors-dark", testInfo);
});

test("the integrations page has each tool's settings, following the picked model", async ({
  page,
  baseURL,
  context,
}, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/docs/integrations");
  await expect(page.getByRole("heading", { level: 1, name: "IDE and CLI integrations" })).toBeVisible();
  for (const tool of ["Cursor", "Continue", "Cline", "Claude Code", "aider", "Codex CLI"]) {
    await expect(page.getByRole("heading", { level: 2, name: tool, exact: true })).toBeVisible();
  }
  const overview = page.getByRole("table", { name: "Which tools work today" });
  await expect(overview.getByRole("row").filter({ hasText: "Codex CLI" })).toContainText("Works");
  await expect(overview.getByRole("row").filter({ hasText: "Cline" })).toContainText("Works");

  const continueConfig = page.getByRole("figure").filter({ hasText: "~/.continue/config.yaml" });
  await expect(continueConfig).toContainText(`apiBase: ${baseURL}/v1`);
  await expect(continueConfig).toContainText("model: openai/gpt-4o-mini");
  const claudeCode = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Claude Code" }) });
  await expect(claudeCode).toContainText(`export ANTHROPIC_BASE_URL="${baseURL}"`);
  const codex = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Codex CLI" }) });
  const codexConfig = codex.getByRole("figure").filter({ hasText: "~/.codex/config.toml" });
  await expect(codexConfig).toContainText(`base_url = "${baseURL}/v1"`);
  await expect(codexConfig).toContainText('wire_api = "responses"');
  await expect(codexConfig).toContainText('model = "openai/gpt-4o-mini"');

  // The model picker at the top changes the settings as it changes the samples.
  const picker = page.getByRole("combobox", { name: "Model in the examples" });
  await expect(picker).toBeEnabled();
  await picker.selectOption("openai/gpt-4.1-mini");
  await expect(continueConfig).toContainText("model: openai/gpt-4.1-mini");
  await expect(codexConfig).toContainText('model = "openai/gpt-4.1-mini"');
  const aider = page.getByRole("figure").filter({ hasText: "aider --model" });
  await expect(aider).toContainText("aider --model openai/openai/gpt-4.1-mini");
  await continueConfig.getByRole("button", { name: /^Copy / }).click();
  await expect(continueConfig.getByRole("button", { name: /^Copy / })).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`apiBase: ${baseURL}/v1`);
  expect(copied).toContain("model: openai/gpt-4.1-mini");
  await picker.selectOption("openai/gpt-4o-mini");

  await expectNoPageOverflow(page);
  await screenshot(page, "docs-integrations", testInfo);
});

test("the gateway pages each show their runnable samples", async ({ page, baseURL }, testInfo) => {
  const pages = [
    ["anthropic-messages", "Anthropic Messages API and Claude Code", `${baseURL}`],
    ["cost-and-usage", "Cost and usage", `${baseURL}/v1/estimate`],
    ["rate-limits", "Rate limits", `${baseURL}/v1/models`],
    ["failover", "Failover and model fallbacks", '"models": ['],
    ["migrating-from-openai", "Migrating from OpenAI", `${baseURL}/v1`],
  ] as const;
  for (const [slug, title, inSample] of pages) {
    await page.goto(`/docs/${slug}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    // Every section has its title (a missing message would show its key).
    await expect(page.getByRole("heading", { level: 2 }).first()).not.toContainText(/^docs-|sections\./);
    // curl first: the tab every visitor can read, whatever language they chose before.
    const tabs = page.getByRole("tablist").first();
    await tabs.getByRole("tab", { name: "curl" }).click();
    await expect(page.getByRole("tabpanel").filter({ visible: true })).toContainText([inSample]);
    await expectNoPageOverflow(page);
    await screenshot(page, `docs-${slug}`, testInfo);
  }
  await page.goto("/docs/migrating-from-openai");
  await expect(page.getByRole("heading", { level: 2, name: "What is not served yet" })).toBeVisible();
});

test("the reference pages in Vietnamese", async ({ page }, testInfo) => {
  await page.goto("/docs/errors?lang=vi");
  await expect(page.getByRole("heading", { level: 1, name: "Lỗi" })).toBeVisible();
  const table = page.getByRole("table", { name: "Mã lỗi theo mã trạng thái HTTP" });
  await expect(table.getByRole("columnheader", { name: "Cách khắc phục" })).toBeVisible();
  const credits = table.getByRole("row").filter({ hasText: "insufficient_credits" });
  await expect(credits).toContainText("Nạp thêm ở trang Thanh toán, hoặc giảm max_tokens");
  await screenshot(page, "docs-errors-vi", testInfo);

  // Remembered without ?lang=.
  await page.goto("/docs/integrations");
  await expect(page.getByRole("heading", { level: 1, name: "Tích hợp IDE và CLI" })).toBeVisible();
  const overview = page.getByRole("table", { name: "Những công cụ dùng được hôm nay" });
  await expect(overview.getByRole("row").filter({ hasText: "Codex CLI" })).toContainText("Dùng được");
  await expect(page.getByRole("heading", { level: 2, name: "Codex CLI" })).toBeVisible();
  await page.goto("/docs/rate-limits");
  await expect(page.getByRole("heading", { level: 1, name: "Giới hạn tốc độ" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Khi nhận 429" })).toBeVisible();
  await screenshot(page, "docs-rate-limits-vi", testInfo);

  await switchLanguage(page, "Chuyển trang sang English");
  await expect(page.getByRole("heading", { level: 1, name: "Rate limits" })).toBeVisible();
});
