import { expect, test } from "./csp-guard";
import { openCreateKeyDialog, screenshot, showKeyLimits } from "./support";

// The e2e server has no EMAIL_SERVER and is visited from loopback: the check-email page shows the link.
test("sign up with an email link, create a key that is shown once, edit its limits, and revoke it", async ({
  page,
}, testInfo) => {
  const email = `e2e-${testInfo.project.name}-${Date.now()}@example.test`;

  await page.goto("/keys");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await screenshot(page, "signin", testInfo);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();

  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await expect(page.getByText("EMAIL_SERVER is not set")).toBeVisible();
  // The page names the address the link went to, and shows that address's link only.
  await expect(page.getByTestId("sent-to")).toContainText(email);
  await expect(page.getByRole("link", { name: /^Sign in as / })).toHaveCount(1);
  await screenshot(page, "check-email", testInfo);
  await page.getByRole("link", { name: `Sign in as ${email}` }).click();

  // A new account is welcomed with the three steps, then sent on to the keys page it asked for.
  await expect(page).toHaveURL(/\/welcome\?callbackUrl=/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Switchyard" })).toBeVisible();
  await expect(page.getByText("with $1.00 of trial credit")).toBeVisible();
  for (const step of ["Create an API key", "Make your first call", "Top up when you need more"]) {
    await expect(page.getByText(step, { exact: true })).toBeVisible();
  }
  await screenshot(page, "welcome", testInfo);
  await page.getByRole("link", { name: "Continue to the dashboard" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByTestId("balance").filter({ visible: true })).toHaveText("Balance $1.00");
  await expect(page.getByText("No keys yet")).toBeVisible();

  const dialog = await openCreateKeyDialog(page);
  await dialog.getByLabel("Name").fill("my laptop");
  await showKeyLimits(dialog);
  await dialog.getByLabel(/Requests per minute/).fill("120");
  // The e2e browser and page.request reach the app from loopback.
  await dialog.getByLabel("Allowed IP addresses").fill("127.0.0.1");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const newKey = dialog.getByTestId("new-key");
  await expect(newKey).toHaveText(/^sy-live-[0-9A-Za-z]{40}$/);
  const key = (await newKey.textContent()) ?? "";
  await expect(dialog.getByRole("tabpanel")).toContainText(`${new URL(page.url()).origin}/v1`);
  await dialog.getByRole("tab", { name: "Python" }).click();
  await expect(dialog.getByRole("tabpanel")).toContainText(`base_url="${new URL(page.url()).origin}/v1"`);
  await screenshot(page, "key-created", testInfo);

  await dialog.getByRole("button", { name: "I have copied it" }).click();
  const row = page.getByTestId("key-row").filter({ hasText: "my laptop" });
  await expect(row).toContainText(`${key.slice(0, 12)}…${key.slice(-4)}`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("120 rpm");
  await expect(row).toContainText("IPs: 127.0.0.1");
  await expect(row.getByTestId("key-spend")).toHaveText("$0.00");
  await page.reload();
  expect(await page.content()).not.toContain(key);

  // What the gateway answers this key right now: the status, and the error code when refused.
  const gatewayAnswer = async () => {
    const response = await page.request.get("/v1/models", { headers: { authorization: `Bearer ${key}` } });
    if (response.ok()) return String(response.status());
    const body = (await response.json()) as { error?: { code?: string } };
    return `${response.status()} ${body.error?.code}`;
  };
  expect(await gatewayAnswer()).toBe("200");

  // Edit opens a form with the key's current settings; a bad IP entry is refused by name and the entries stay.
  await row.getByRole("button", { name: "Edit" }).click();
  const editForm = row.getByRole("form", { name: "Edit “my laptop”" });
  await expect(editForm.getByLabel("Name")).toHaveValue("my laptop");
  await expect(editForm.getByLabel(/Requests per minute/)).toHaveValue("120");
  await expect(editForm.getByLabel(/Budget, USD/)).toHaveValue("");
  await expect(editForm.getByLabel("Allowed IP addresses")).toHaveValue("127.0.0.1");
  await editForm.getByLabel(/Requests per minute/).fill("30");
  await editForm.getByLabel(/Budget, USD/).fill("25");
  await editForm.getByLabel("Allowed IP addresses").fill("10.0.0.0/8, 10.0.0.300");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(editForm.getByRole("alert")).toContainText("“10.0.0.300” is not an IP address or CIDR range");
  await expect(editForm.getByLabel(/Requests per minute/)).toHaveValue("30");
  await screenshot(page, "keys-edit", testInfo);

  // Saved, the form closes, the row shows the new limits, and the gateway refuses loopback within a second or two.
  await editForm.getByLabel("Allowed IP addresses").fill("10.0.0.0/8");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(editForm).toHaveCount(0);
  await expect(row).toContainText("30 rpm");
  await expect(row).toContainText("IPs: 10.0.0.0/8");
  await expect(row.getByTestId("key-spend")).toHaveText("$0.00 of $25.00");
  await expect.poll(gatewayAnswer, { timeout: 3_000 }).toBe("403 ip_not_allowed");

  // Put back: loopback may call again.
  await row.getByRole("button", { name: "Edit" }).click();
  await expect(editForm.getByLabel(/Budget, USD/)).toHaveValue("25.00");
  await editForm.getByLabel("Allowed IP addresses").fill("127.0.0.1");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(editForm).toHaveCount(0);
  await expect(row).toContainText("IPs: 127.0.0.1");
  await expect.poll(gatewayAnswer, { timeout: 3_000 }).toBe("200");
  await screenshot(page, "keys-active", testInfo);

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Calls with it stop at once");
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await screenshot(page, "keys", testInfo);

  // The revoked key no longer works on the gateway.
  await expect.poll(gatewayAnswer, { timeout: 3_000 }).toBe("401 invalid_api_key");

  // Signed out elsewhere (another tab): the next action on this page says so, and the page stays as it was.
  await page.context().clearCookies();
  const again = await openCreateKeyDialog(page);
  await again.getByLabel("Name").fill("after sign-out");
  await again.getByRole("button", { name: "Create key" }).click();
  await expect(again.getByRole("alert").filter({ hasText: "Your session has ended: sign in again." })).toBeVisible();
  await expect(again.getByLabel("Name")).toHaveValue("after sign-out");
});
