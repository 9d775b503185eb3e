import { expect, test } from "@playwright/test";

// The e2e server has no EMAIL_SERVER and is visited from loopback: the check-email page shows the link.
test("sign up with an email link, create a key that is shown once, and revoke it", async ({ page }, testInfo) => {
  const email = `e2e-${testInfo.project.name}-${Date.now()}@example.test`;

  await page.goto("/keys");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel("Email").fill(email);
  await page.screenshot({ path: `e2e/screenshots/signin-${testInfo.project.name}.png`, fullPage: true });
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();

  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("EMAIL_SERVER is not set")).toBeVisible();
  await page.screenshot({ path: `e2e/screenshots/check-email-${testInfo.project.name}.png`, fullPage: true });
  await page.getByRole("link", { name: `Sign in as ${email}` }).click();

  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByTestId("balance").filter({ visible: true })).toHaveText("Balance $1.00");
  await expect(page.getByText("No keys yet")).toBeVisible();

  await page.getByLabel("Name").fill("my laptop");
  await page.getByLabel(/Requests per minute/).fill("120");
  await page.getByRole("button", { name: "Create key" }).click();
  const newKey = page.getByTestId("new-key");
  await expect(newKey).toHaveText(/^sy-live-[0-9A-Za-z]{40}$/);
  const key = (await newKey.textContent()) ?? "";
  await expect(page.locator("pre")).toContainText(`${new URL(page.url()).origin}/v1`);
  await page.getByRole("tab", { name: "Python" }).click();
  await expect(page.locator("pre")).toContainText(`base_url="${new URL(page.url()).origin}/v1"`);
  await page.screenshot({ path: `e2e/screenshots/key-created-${testInfo.project.name}.png`, fullPage: true });

  await page.getByRole("button", { name: "I have copied it" }).click();
  const row = page.getByTestId("key-row").filter({ hasText: "my laptop" });
  await expect(row).toContainText(`${key.slice(0, 12)}…${key.slice(-4)}`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("120 rpm");
  await page.reload();
  expect(await page.content()).not.toContain(key);

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Calls with it stop at once");
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await page.screenshot({ path: `e2e/screenshots/keys-${testInfo.project.name}.png`, fullPage: true });

  // The revoked key no longer works on the gateway.
  const response = await page.request.get("/v1/models", { headers: { authorization: `Bearer ${key}` } });
  expect(response.status()).toBe(401);
});
