import { expect, test } from "./csp-guard";
import { createKey, screenshot, signUp } from "./support";

const today = () => new Date().toISOString().slice(0, 10);
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test("usage: one period and one set of filters drive the summary, charts, log and export; rows open; phone; vi", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const name = testInfo.project.name;
  const phone = name === "phone";

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
  await expect(page.getByTestId("usage-empty")).toContainText("No usage yet");
  await expect(page.getByRole("navigation", { name: "Period" })).toBeVisible();
  await screenshot(page, "usage-empty", testInfo);

  // Three calls on two keys: one served (by the OpenAI stand-in), one refused for an unknown model (a client error,
  // logged under the model it asked for), one the gateway cannot serve (no DeepSeek key here: a 5xx).
  const main = await createKey(page, "usage test");
  const second = await createKey(page, "second key");
  const call = (key: string, model: string) =>
    page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      data: { model, messages: [{ role: "user", content: "hi" }] },
    });
  const served = await call(main, "openai/gpt-4o-mini");
  expect(served.status()).toBe(200);
  const servedId = served.headers()["x-request-id"];
  expect((await call(main, "acme/not-a-model")).status()).toBe(404);
  const unserved = await call(second, "deepseek/deepseek-chat");
  expect(unserved.status()).toBeGreaterThanOrEqual(500);

  // The usage writer records in batches after the answer: reload until the log rows and the roll-ups are all there.
  await expect(async () => {
    await page.goto("/usage");
    await expect(page.getByTestId("log-row")).toHaveCount(3, { timeout: 1_000 });
    await expect(page.getByTestId("summary-requests")).toContainText("2 failed", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("summary-requests").locator("dd").first()).toHaveText("3");
  const errorRate = page.getByTestId("summary-error-rate");
  await expect(errorRate).toContainText("66.7%");
  await expect(errorRate).toContainText("Client errors (4xx): 33.3%");
  await expect(errorRate).toContainText("Upstream failures (5xx): 33.3%");
  await expect(page.getByTestId("period-caption")).toContainText("(UTC)");
  // The refused request shows the model it asked for.
  const refusedRow = page.getByTestId("log-row").filter({ hasText: "acme/not-a-model" });
  await expect(refusedRow).toContainText("Error 404");

  // The charts arrive lazily; their SVGs are hidden from assistive technology and are no tab stops.
  const charts = page.getByTestId("usage-charts");
  await expect(charts.locator("svg.recharts-surface")).toHaveCount(3, { timeout: 15_000 });
  expect(await charts.locator("svg.recharts-surface[tabindex]").count()).toBe(0);
  expect(await charts.locator("[aria-hidden='true'] svg.recharts-surface").count()).toBe(3);
  await expect(page.getByTestId("chart-legend")).toContainText("openai/gpt-4o-mini");

  // A row opens to its /v1/generation record: provider, time to first token, finish reason, attempts, cost.
  const servedRow = page.getByTestId("log-row").filter({ hasText: "openai/gpt-4o-mini" }).first();
  await servedRow.locator("summary").click();
  const detail = servedRow.getByTestId("cost-breakdown");
  await expect(detail).toBeVisible();
  await expect(servedRow).toContainText("Provider");
  await expect(servedRow).toContainText("openai");
  await expect(servedRow).toContainText("Finish reason");
  await expect(servedRow).toContainText("stop");
  await expect(servedRow).toContainText("Time to first token");
  await expect(servedRow).toContainText(servedId);
  await expect(detail).toContainText(/Charged\s*\$0\.\d{6}/);

  // Hover a bar: the tooltip names the day and the model, in the page's colours.
  if (!phone) {
    const bar = charts.locator(".recharts-bar-rectangle path").first();
    // Stacked slivers overlap at this size: hover where the bar is, whichever series is on top.
    await bar.hover({ force: true });
    await expect(charts.locator(".recharts-tooltip-wrapper").first()).toContainText("openai/gpt-4o-mini");
  }
  await screenshot(page, "usage", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "usage-dark", testInfo);
  await page.emulateMedia({ colorScheme: "light" });

  // Nothing on the page scrolls sideways, at either width, with a row open.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Filter by key: the summary, the charts' table, the log and the export all narrow to it.
  const secondKeyId = await page.locator("select[name=key] option", { hasText: "second key" }).getAttribute("value");
  await page.getByLabel("Key").selectOption(secondKeyId ?? "");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/key=/);
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await expect(page.getByTestId("summary-requests").locator("dd").first()).toHaveText("1");
  await expect(page.getByTestId("summary-error-rate")).toContainText("Upstream failures (5xx): 100%");
  await expect(page.getByTestId("chart-table").locator("tbody tr").last()).toContainText("1");
  const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(exportHref).toContain("key=");
  const keyCsv = await (await page.request.get(exportHref ?? "")).text();
  expect(keyCsv.trimEnd().split("\r\n")).toHaveLength(2);
  expect(keyCsv).toContain("second key");

  // Client errors only, any key: the refused request alone, everywhere.
  await page.getByLabel("Key").selectOption("");
  await page.getByLabel("Status").selectOption("client_error");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=client_error/);
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await expect(page.getByTestId("log-row")).toContainText("acme/not-a-model");
  await expect(page.getByTestId("summary-requests").locator("dd").first()).toHaveText("1");
  await expect(page.getByTestId("summary-cost")).toContainText("$0.00");

  // The period switch keeps the filters.
  const period = page.getByRole("navigation", { name: "Period" });
  await period.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/days=7/);
  await expect(page).toHaveURL(/status=client_error/);
  await expect(period.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("log-row")).toHaveCount(1);

  // A range of one day (today) keeps them too; a range that ends before it starts is refused, on the page and by
  // the export.
  await page.getByLabel("From (UTC)").fill(today());
  await page.getByLabel("To (UTC)").fill(today());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${today()}&to=${today()}`));
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await page.getByLabel("From (UTC)").fill(dayAfter(today()));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("usage-problem")).toContainText("is after the end date");
  await expect(page.getByTestId("log-row")).toHaveCount(0);
  await screenshot(page, "usage-range-refused", testInfo);
  const refusedExport = await page.request.get(`/usage/export?from=${dayAfter(today())}&to=${today()}`);
  expect(refusedExport.status()).toBe(400);
  expect(await refusedExport.json()).toMatchObject({ code: "range_reversed" });

  // Tomorrow only: nothing in the period, the filters still shown.
  await page.goto(`/usage?from=${dayAfter(today())}&to=${dayAfter(today())}`);
  await expect(page.getByText("No requests in this period.")).toBeVisible();

  // In Vietnamese.
  await page.goto("/usage?lang=vi");
  await expect(page.getByRole("heading", { name: "Mức sử dụng" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nhật ký yêu cầu" })).toBeVisible();
  await expect(page.getByTestId("summary-error-rate")).toContainText("Lỗi phía máy khách (4xx)");
  await expect(
    page.getByRole("navigation", { name: "Khoảng thời gian" }).getByRole("link", { name: "7 ngày" }),
  ).toBeVisible();
  await screenshot(page, "usage-vi", testInfo);
  await page.goto("/usage?lang=en");
  await expect(page.getByRole("heading", { name: "Usage" })).toBeVisible();
});
