import { expect, test } from "./csp-guard";
import { createKey, screenshot, signUp } from "./support";

test("usage: empty state, a refused request in summary and log, period switch, CSV export", async ({
  page,
}, testInfo) => {
  const name = testInfo.project.name;

  // Signed out, the export gives no rows: 401 without a session cookie, and with a cookie that is no session.
  const anonymous = await page.request.get("/usage/export", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  const forged = await page.request.get("/usage/export", {
    maxRedirects: 0,
    headers: { cookie: "authjs.session-token=not-a-session" },
  });
  expect(forged.status()).toBe(401);

  await signUp(page, `e2e-usage-${name}-${Date.now()}@example.test`, "/usage?days=90");
  await page.goto("/usage");
  await expect(page.getByRole("heading", { name: "Usage" })).toBeVisible();
  await expect(page.getByTestId("usage-empty")).toBeVisible();
  await expect(page.getByTestId("usage-empty")).toContainText("No usage yet");
  await expect(page.getByRole("navigation", { name: "Period" })).toBeVisible();
  await screenshot(page, "usage-empty", testInfo);

  // A key, then one gateway call: the e2e app has no DeepSeek key, so it is refused, and still logged.
  const key = await createKey(page, "usage test");
  const call = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    data: { model: "deepseek/deepseek-chat", messages: [{ role: "user", content: "hi" }] },
  });
  expect(call.status()).toBeGreaterThanOrEqual(400);
  const status = call.status();

  // The usage writer records in batches after the answer: reload until the log row and the roll-up are both there.
  await expect(async () => {
    await page.goto("/usage");
    await expect(page.getByTestId("log-row")).toHaveCount(1, { timeout: 1_000 });
    await expect(page.getByTestId("summary-requests")).toContainText("1 failed", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const row = page.getByTestId("log-row").first();
  await expect(row).toContainText(`Error ${status}`);
  await expect(row).toContainText("usage test");
  // Refused after its model resolved (no provider key): logged under that model.
  await expect(row).toContainText("deepseek/deepseek-chat");
  await expect(page.getByTestId("summary-requests").locator("dd").first()).toHaveText("1");
  await expect(page.getByTestId("summary-error-rate")).toContainText("100%");
  await expect(page.getByTestId("summary-cost")).toContainText("$0.00");
  await expect(page.getByTestId("usage-charts")).toBeVisible();

  // Period and split are search params.
  const period = page.getByRole("navigation", { name: "Period" });
  await period.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/days=7/);
  await expect(period.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("navigation", { name: "Split" }).getByRole("link", { name: "By key" }).click();
  await expect(page).toHaveURL(/split=key/);
  await expect(page.getByTestId("log-row")).toBeVisible();
  await expect(page.getByTestId("usage-charts")).toBeVisible();
  await screenshot(page, "usage", testInfo);

  // Filters: only successful requests → none.
  await page.getByLabel("Status").selectOption("ok");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=ok/);
  await expect(page.getByText("No requests match these filters.")).toBeVisible();
  await page.getByLabel("Status").selectOption("error");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=error/);
  await expect(page.getByTestId("log-row")).toHaveCount(1);

  // CSV export of the filtered log.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const csv = await readFile(path, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "id,created_at,api_key_id,api_key_name,endpoint,model,provider,upstream_model,stream,status,error_code,finish_reason,prompt_tokens,completion_tokens,cached_tokens,cache_write_tokens,reasoning_tokens,usage_source,cost_usd,latency_ms,ttft_ms",
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("usage test");
  expect(lines[1]).toContain(`,${status},`);

  const okOnly = await page.request.get("/usage/export?status=ok");
  expect(okOnly.status()).toBe(200);
  expect((await okOnly.text()).trimEnd().split("\r\n")).toHaveLength(1);
});
