// The status page as a customer reads it, at desktop and phone widths and in both themes: one plain headline, the
// gateway's parts and each connected provider with its last hour, the providers not connected named apart; it renders
// itself again every 30 s without a reload; in Vietnamese too.
import { expect, test } from "./csp-guard";
import { screenshot, switchLanguage } from "./support";

test("the status page says plainly whether everything works, and what each part is doing", async ({
  page,
}, testInfo) => {
  await page.goto("/status");
  await expect(page).toHaveTitle("System status — Switchyard");
  await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
  // A fresh app with its one provider answering: nothing to report.
  await expect(page.getByTestId("status-summary")).toHaveAttribute("data-state", "operational");
  await expect(page.getByRole("heading", { level: 2, name: "All systems normal" })).toBeVisible();
  await expect(page.getByTestId("updated-at")).toHaveText(/^Updated at \d\d:\d\d:\d\d UTC\.$/);

  for (const [component, name] of [
    ["gateway", "API gateway"],
    ["database", "Database"],
    ["ratelimit", "Rate limiting"],
    ["openai", "OpenAI"],
  ]) {
    const row = page.locator(`[data-component=${component}]`);
    await expect(row.getByRole("heading", { name })).toBeVisible();
    await expect(row.locator("[data-state]")).toHaveText("Operational");
  }
  // Only OpenAI has a key on the e2e app: the others are named as not connected, not shown as failing.
  await expect(page.locator("[data-component=anthropic]")).toHaveCount(0);
  await expect(page.getByTestId("not-configured")).toContainText("Not connected on this gateway: Anthropic");
  // The page is public: nothing about keys.
  await expect(page.locator("main")).not.toContainText(/sk-|key id|keys_out/i);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "status", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "status-dark", testInfo);
});

test("the status page renders itself again every 30 seconds, without reloading", async ({ page }) => {
  await page.clock.install();
  await page.goto("/status");
  // From here the page's time moves only when told: a slow load on a busy machine must not use up the 30 s.
  await page.clock.pauseAt(new Date(Date.now() + 500));
  const updated = page.getByTestId("updated-at");
  const first = await updated.textContent();
  // A reload would lose this mark; router.refresh() keeps the page.
  await page.evaluate(() => {
    (window as unknown as { statusMark: boolean }).statusMark = true;
  });
  // The server's clock is real: let a second pass so that the next render's time differs.
  await page.waitForTimeout(1_100);
  // Well inside the 30 s (the page may have mounted a few seconds before the clock paused), nothing renders again…
  await page.clock.runFor(20_000);
  await expect(updated).toHaveText(first ?? "");
  // …and past them, it does.
  await page.clock.runFor(11_000);
  await expect(updated).not.toHaveText(first ?? "", { timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as { statusMark?: boolean }).statusMark)).toBe(true);
});

test("the status page in Vietnamese", async ({ page }, testInfo) => {
  await page.goto("/status?lang=vi");
  await expect(page.getByRole("heading", { level: 1, name: "Trạng thái hệ thống" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Mọi hệ thống hoạt động bình thường" })).toBeVisible();
  await expect(page.locator("[data-component=database] [data-state]")).toHaveText("Bình thường");
  await screenshot(page, "status-vi", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "status-vi-dark", testInfo);
  // Remembered without ?lang= (which would win over any choice), and switched back with the header's button.
  await page.goto("/status");
  await expect(page.getByRole("heading", { level: 1, name: "Trạng thái hệ thống" })).toBeVisible();
  await switchLanguage(page, "Chuyển trang sang English");
  await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
});
