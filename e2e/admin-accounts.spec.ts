// The operator console's users and audit log as an operator uses them: find a customer, grant credit with a reason, see
// it in the customer's ledger and in the audit log, suspend the account (the customer then sees why on signing in);
// and a customer who is not an admin gets a 404 from every page of the console. Forms and links only: desktop is enough.
import { expect, test } from "./csp-guard";
import { ADMIN_EMAIL, signIn, signUp } from "./support";

/** Every page of the console (tests/admin-access.test.ts finds them from the build and checks each server action too). */
const ADMIN_PAGES = [
  "/admin",
  "/admin/providers",
  "/admin/models",
  "/admin/routes",
  "/admin/users",
  "/admin/users/no-such-user",
  "/admin/settings",
  "/admin/audit",
  "/admin/tokens",
];

test("an admin finds a user, grants credit with a reason, sees it in the ledger and the audit log, and suspends the user", async ({
  page,
  browser,
}, testInfo) => {
  const customerEmail = `console-customer-${Date.now()}@example.test`;
  // The e2e apps list their admin in ADMIN_EMAILS (e2e/serve.ts): no other account becomes one, whoever signs up first.
  await signIn(page, ADMIN_EMAIL, "/admin/users");
  const customerContext = await browser.newContext({ ...testInfo.project.use });
  const customer = await customerContext.newPage();
  await signUp(customer, customerEmail);
  // Not an admin: the console does not exist for them, at any of its addresses.
  for (const path of ADMIN_PAGES) {
    const refused = await customer.goto(path);
    expect(refused?.status(), path).toBe(404);
    await expect(customer.getByText("Operator console")).toHaveCount(0);
  }

  await page.reload();
  await page.getByLabel("Email contains").fill(customerEmail);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await page.getByRole("link", { name: customerEmail }).click();
  await expect(page.getByTestId("user-email")).toHaveText(customerEmail);

  const dollars = async () =>
    Number(((await page.getByTestId("user-balance").textContent()) ?? "").replace(/[^\d.]/g, ""));
  const balanceBefore = await dollars();
  const credit = page.locator("#credit");
  await credit.getByLabel("Amount (USD)").fill("7.25");
  await credit.getByLabel("Reason").fill("e2e goodwill credit");
  await credit.getByRole("button", { name: "Grant credit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Credit granted." })).toBeVisible();
  await expect(page.getByTestId("user-ledger")).toContainText(`credit granted by ${ADMIN_EMAIL}: e2e goodwill credit`);
  expect(await dollars()).toBeCloseTo(balanceBefore + 7.25, 2);

  // A reason is required: a blank one is refused beside its field, and nothing is granted.
  await credit.getByLabel("Amount (USD)").fill("1");
  await credit.getByLabel("Reason").fill(" ");
  await credit.getByRole("button", { name: "Grant credit" }).click();
  await expect(page.locator("#credit").getByText("A reason is required")).toBeVisible();
  await expect(page.locator("#credit").getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("link", { name: "This user in the audit log" }).click();
  const grant = page.getByTestId("audit-row").filter({ hasText: "credit.grant" });
  await expect(grant).toHaveCount(1);
  await expect(grant).toContainText(ADMIN_EMAIL);
  await expect(grant).toContainText("e2e goodwill credit");
  await expect(grant).toContainText("$7.25");
  // Filtering by actor finds the same entry.
  await page.goto("/admin/audit");
  await page.getByLabel("Actor (email contains)").fill(ADMIN_EMAIL);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-row").filter({ hasText: "e2e goodwill credit" })).toHaveCount(1);

  await page.goto("/admin/users");
  await page.getByLabel("Email contains").fill(customerEmail);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: customerEmail }).click();
  const suspension = page.locator("#suspension");
  await suspension.getByLabel("Reason").fill("e2e abuse report");
  await suspension.getByRole("button", { name: "Suspend account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Account suspended" })).toBeVisible();
  await expect(page.getByTestId("suspension")).toContainText("e2e abuse report");

  // The customer's next page says why, instead of the dashboard.
  await customer.goto("/keys");
  await expect(customer).toHaveURL(/\/signin\/suspended$/);
  await expect(customer.getByRole("heading", { name: "This account is suspended" })).toBeVisible();
  await expect(customer.getByTestId("suspension-reason")).toContainText("e2e abuse report");
  await customerContext.close();
});

test("an admin overrides a setting, sees where it comes from and who set it, is refused a bad value, and resets it", async ({
  page,
}) => {
  await signIn(page, ADMIN_EMAIL, "/admin/settings");
  const setting = page.getByTestId("setting-defaultKeyRpm");
  const value = setting.getByLabel("Default requests per minute");
  // Not a number: refused beside the field, nothing stored.
  await value.fill("lots");
  await setting.getByRole("button", { name: "Save" }).click();
  await expect(setting.getByText("Enter a number.")).toBeVisible();
  await expect(value).toHaveAttribute("aria-invalid", "true");
  await expect(setting).toContainText("Built-in default");

  await value.fill("600");
  await setting.getByRole("button", { name: "Save" }).click();
  await expect(setting.getByText("Saved: every instance uses it within a second.")).toBeVisible();
  await expect(setting).toContainText(`Set here by ${ADMIN_EMAIL}`);
  await expect(value).toHaveValue("600");

  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "setting.update" }).first()).toContainText("600");

  // Back to the default, so the rest of the run sees the settings it expects.
  await page.goto("/admin/settings");
  await setting.getByRole("button", { name: "Reset to default" }).click();
  await expect(setting.getByText("Reset: the environment's or built-in default applies again.")).toBeVisible();
  await expect(setting).toContainText("Built-in default");
});
