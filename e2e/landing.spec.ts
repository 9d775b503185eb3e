import { expect, test } from "@playwright/test";
import { screenshot } from "./support";

test("the landing page renders offline and says what Switchyard is", async ({ page }, testInfo) => {
  const failedRequests: string[] = [];
  page.on("requestfailed", (request) => failedRequests.push(request.url()));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("One API key for every LLM");
  await expect(page.getByText("base_url=")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Anthropic" })).toBeVisible();
  // Nothing on the page reaches outside this machine (fonts, scripts, images).
  expect(failedRequests).toEqual([]);
  await screenshot(page, "landing", testInfo);
});

test("the status link answers JSON health without secrets", async ({ request }) => {
  const response = await request.get("/api/status");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "ok", ratelimit: "memory" });
  expect(JSON.stringify(body)).not.toMatch(/sk-|sy-live-|encrypted/i);
});
