import { expect, test } from "./csp-guard";
import { origins } from "./ports";
import { screenshot, signUp } from "./support";

// The second e2e app has no Stripe keys: the page says top-ups are not configured and keeps the form disabled.
// (journey.spec.ts tops up through Checkout on the app that has them.)
test.use({ baseURL: origins.appWithoutStripe });

test("billing shows the trial balance, the grant in the history, and top-ups as not configured", async ({
  page,
}, testInfo) => {
  const email = `e2e-billing-${testInfo.project.name}-${Date.now()}@example.test`;

  // Signed out, /billing leads to sign-in and back.
  await signUp(page, email, "/billing");
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByTestId("billing-balance")).toHaveText("$1.00");

  const grant = page.getByTestId("history-row").filter({ hasText: "Trial credit" });
  await expect(grant).toHaveCount(1);
  await expect(grant).toContainText("+$1.00");
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await expect(page.getByText("No card payments yet.")).toBeVisible();

  await expect(page.getByText("Card payments are not configured on this server")).toBeVisible();
  await expect(page.getByText("Between $5.00 and $1,000.00 per top-up.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Pay .*with card/ })).toBeDisabled();
  await expect(page.getByLabel("Custom amount, USD")).toBeDisabled();
  await expect(page.getByRole("radio", { name: "$25" })).toBeDisabled();
  await screenshot(page, "billing", testInfo);

  // Coming back from Checkout only shows a message; it credits nothing.
  await page.goto("/billing?topup=success&session_id=cs_test_fake");
  await expect(page.getByTestId("top-up-status")).toContainText("this link names no payment of yours");
  await expect(page.getByTestId("billing-balance")).toHaveText("$1.00");
  await page.goto("/billing?topup=cancelled");
  await expect(page.getByText("Top-up cancelled")).toBeVisible();
});
