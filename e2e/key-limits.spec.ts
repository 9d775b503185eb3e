import { expect, test } from "./csp-guard";
import { ADMIN_EMAIL, openCreateKeyDialog, screenshot, showKeyLimits, signIn, signUp } from "./support";

test("key limits out of bounds are stopped in the browser, and refused beside their fields by the server", async ({
  page,
}, testInfo) => {
  await signUp(page, `limits-${testInfo.project.name}-${Date.now()}@example.test`);
  const form = await openCreateKeyDialog(page);
  await showKeyLimits(form);
  const rpm = form.getByLabel(/Requests per minute/);
  const budget = form.getByLabel(/Budget, USD/);

  await form.getByLabel("Name").fill("too much");
  await rpm.fill("2000000");
  await budget.fill("99999999999999");
  // The inputs carry the same bounds as the server.
  await expect(rpm).toHaveAttribute("max", "1000000");
  await expect(budget).toHaveAttribute("max", "1000000");
  expect(await budget.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);

  // The form leaves the checking to the server, which answers field by field, every field at once.
  await form.getByRole("button", { name: "Create key" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Requests per minute: At most 1,000,000 requests per minute");
  await expect(alert).toContainText("Budget, USD: At most $1,000,000");
  await expect(rpm).toHaveAttribute("aria-invalid", "true");
  await expect(budget).toHaveAccessibleDescription(/At most \$1,000,000/);
  await expect(form.getByLabel("Name")).not.toHaveAttribute("aria-invalid");
  await expect(budget).toHaveValue("99999999999999");
  await screenshot(page, "key-limits-refused", testInfo);

  // Within the bounds, the key is made.
  await rpm.fill("1000000");
  await budget.fill("1000000");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByTestId("new-key")).toHaveText(/^sy-live-/);
});

test("an operator edits a plan and puts an account on it; the account's keys are held under it, with the budget's period", async ({
  page,
  browser,
}, testInfo) => {
  const customerEmail = `plan-${Date.now()}@example.test`;
  // The e2e apps' admin is listed in ADMIN_EMAILS (e2e/serve.ts).
  await signIn(page, ADMIN_EMAIL, "/admin/plans");
  const customerContext = await browser.newContext({ ...testInfo.project.use });
  const customer = await customerContext.newPage();
  await signUp(customer, customerEmail);

  // The Free plan allows three requests at once (seeded: two); a bad value is refused beside the plan.
  const free = page.getByTestId("plan-free");
  await free.getByLabel("Concurrent requests").fill("three");
  await free.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("plan-free").getByRole("alert")).toContainText("whole number");
  await page.getByTestId("plan-free").getByLabel("Concurrent requests").fill("3");
  await page.getByTestId("plan-free").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("plan-free").getByRole("status")).toBeVisible();
  await expect(page.getByTestId("plan-free").getByLabel("Concurrent requests")).toHaveValue("3");

  // The customer goes on the Free plan from their page in the console.
  await page.goto("/admin/users");
  await page.getByLabel("Email contains").fill(customerEmail);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: customerEmail }).click();
  const plan = page.locator("#plan");
  await expect(plan.getByLabel("Plan", { exact: true })).toHaveValue("payg");
  await plan.getByLabel("Plan", { exact: true }).selectOption("free");
  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Plan saved" })).toBeVisible();
  await expect(page.locator("#plan").getByLabel("Plan", { exact: true })).toHaveValue("free");

  // A key's own limits can only lower the plan's: above it, the form says which plan and what it allows.
  await customer.goto("/keys");
  const form = await openCreateKeyDialog(customer);
  await showKeyLimits(form);
  await form.getByLabel("Name").fill("under the plan");
  await form.getByLabel(/Requests per minute/).fill("50");
  await form.getByLabel(/Requests at once/).fill("4");
  await form.getByRole("button", { name: "Create key" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Your plan (Free) allows at most 20 requests per minute");
  await expect(alert).toContainText("Your plan (Free) allows at most 3 requests at once");
  await expect(form.getByLabel(/Requests at once/)).toHaveAttribute("aria-invalid", "true");

  // Within the plan, with a budget that is whole again every week.
  await form.getByLabel(/Requests per minute/).fill("10");
  await form.getByLabel(/Requests per day/).fill("150");
  await form.getByLabel(/Tokens per minute/).fill("5000");
  await form.getByLabel(/Requests at once/).fill("3");
  await form.getByLabel(/Budget, USD/).fill("5");
  await form.getByLabel("Budget resets").selectOption("week");
  await form.getByRole("button", { name: "Create key" }).click();
  const key = ((await form.getByTestId("new-key").textContent()) ?? "").trim();
  expect(key).toMatch(/^sy-live-/);
  await form.getByRole("button", { name: "I have copied it" }).click();
  await expect(form).toBeHidden();

  const row = customer.getByTestId("key-row").filter({ hasText: "under the plan" });
  await expect(row).toContainText("10 rpm");
  await expect(row).toContainText("150 requests/day");
  await expect(row).toContainText("5,000 tokens/min");
  await expect(row).toContainText("3 at once");
  await expect(row).toContainText("Budget per week (from Monday, UTC), whole again");
  await screenshot(customer, "key-limits-plan", testInfo);

  // The edit form starts from the saved settings, the period included.
  await row.getByRole("button", { name: "Edit" }).click();
  const editForm = row.getByRole("form", { name: "Edit “under the plan”" });
  await expect(editForm.getByLabel(/Requests per day/)).toHaveValue("150");
  await expect(editForm.getByLabel("Budget resets")).toHaveValue("week");
  await editForm.getByLabel("Budget resets").selectOption("day");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(editForm).toHaveCount(0);
  await expect(row).toContainText("Budget per day (UTC), whole again");

  // The gateway reports the same: the plan, each limit with its headroom, the budget's period and when it resets.
  const status = await customer.request.get("/v1/key", { headers: { authorization: `Bearer ${key}` } });
  expect(status.status()).toBe(200);
  expect(status.headers()["x-ratelimit-limit-requests"]).toBe("10");
  expect(status.headers()["x-ratelimit-limit-requests-day"]).toBe("150");
  const { data } = (await status.json()) as {
    data: {
      plan: string;
      limits: {
        rate_limits: Record<string, { limit: number } | null>;
        budget: { usd: number; period: string; resets_at: string };
      };
    };
  };
  expect(data.plan).toBe("Free");
  expect(data.limits.rate_limits.requests_per_minute?.limit).toBe(10);
  expect(data.limits.rate_limits.requests_per_day?.limit).toBe(150);
  expect(data.limits.rate_limits.tokens_per_minute?.limit).toBe(5000);
  expect(data.limits.rate_limits.concurrent_requests?.limit).toBe(3);
  expect(data.limits.budget).toMatchObject({ usd: 5, period: "day" });
  const tomorrow = new Date();
  tomorrow.setUTCHours(24, 0, 0, 0);
  expect(data.limits.budget.resets_at).toBe(tomorrow.toISOString());
  await customerContext.close();
});
