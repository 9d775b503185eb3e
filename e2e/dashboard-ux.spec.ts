// The dashboard as a keyboard user and a careful customer meet it: where focus goes in the keys dialog, every
// invalid field reported at once, a duplicate name refused, a cancelled Checkout marked "Not completed", a preset
// paid from the keyboard, and the sign-in page in Vietnamese. Keyboard paths are the same at every width: desktop only.
import { expect, test } from "./csp-guard";
import { origins } from "./ports";
import { createKey, openCreateKeyDialog, screenshot, showKeyLimits, signUp } from "./support";

test("the dashboard in the dark theme: every page fits the width, with no sideways scrolling", async ({
  page,
}, testInfo) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signUp(page, `ux-dark-${testInfo.project.name}-${Date.now()}@example.test`);
  await createKey(page, "dark");
  for (const path of ["/welcome", "/keys", "/usage", "/billing", "/playground"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    await screenshot(page, `${path.slice(1)}-dark`, testInfo);
  }
});

test.describe("from the keyboard", () => {
  test.skip(({ isMobile }) => isMobile, "keyboard paths do not depend on the width");

  test("the keys dialog reports every invalid field at once, refuses a duplicate name, and puts focus somewhere sensible", async ({
    page,
  }) => {
    await signUp(page, `ux-keys-${Date.now()}@example.test`);

    // Every field wrong at once, the unknown model among them: all reported together, the first one focused.
    let dialog = await openCreateKeyDialog(page);
    await showKeyLimits(dialog);
    await dialog.getByLabel(/Requests per minute/).fill("0");
    await dialog.getByLabel(/Allowed models/).fill("openai/no-such-model");
    await dialog.getByLabel(/Allowed IP addresses/).fill("not-an-ip");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const alert = dialog.getByRole("alert");
    await expect(alert).toContainText("Give the key a name");
    await expect(alert).toContainText("At least 1 request per minute");
    await expect(alert).toContainText("No model has the id openai/no-such-model");
    await expect(alert).toContainText("“not-an-ip” is not an IP address");
    await expect(dialog.getByLabel("Name")).toBeFocused();
    for (const field of [/Requests per minute/, /Allowed models/, /Allowed IP addresses/]) {
      await expect(dialog.getByLabel(field)).toHaveAttribute("aria-invalid", "true");
    }

    // Fixed, the key is made; the one-time panel takes focus, and closing it lands on the new key's row.
    await dialog.getByLabel(/Requests per minute/).fill("");
    await dialog.getByLabel(/Allowed models/).fill("");
    await dialog.getByLabel(/Allowed IP addresses/).fill("");
    await dialog.getByLabel("Name").fill("ci");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(dialog.getByTestId("new-key")).toHaveText(/^sy-live-/);
    await expect(dialog.getByRole("heading", { name: "Key “ci” created" })).toBeFocused();
    // The snippets are real tabs: arrow keys move between them and show their panels.
    const tabs = dialog.getByRole("tab");
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(dialog.getByRole("tabpanel")).toBeVisible();
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId("key-row").filter({ hasText: "ci" });
    await expect(row).toBeFocused();
    // The base URL stays on the page once the key is gone from it.
    await expect(page.getByText(`${origins.app}/v1`).first()).toBeVisible();

    // A second active key with the same name is refused beside the field.
    dialog = await openCreateKeyDialog(page);
    await dialog.getByLabel("Name").fill("ci");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(dialog.getByRole("alert")).toContainText("You already have an active key named “ci”");
    await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("key-row")).toHaveCount(1);

    // Revoking keeps focus in the list (on the row), not on <body>.
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(row).toContainText("Revoked");
    await expect(row).toBeFocused();
  });

  test("a cancelled Checkout reads “Not completed”, and a keyboard user pays a preset past the custom field", async ({
    page,
  }) => {
    await signUp(page, `ux-billing-${Date.now()}@example.test`, "/billing");

    // Cancel on Checkout: back on billing, the payment is marked as never completed.
    await page.getByRole("radio", { name: "$10", exact: true }).check({ force: true });
    await page.getByRole("button", { name: "Pay $10 with card" }).click();
    await expect(page).toHaveURL(new RegExp(`^${origins.stripe}/c/pay/cs_`));
    await page.getByRole("link", { name: "Back to Switchyard" }).click();
    await expect(page).toHaveURL(/\/billing\?topup=cancelled/);
    await expect(page.getByText("Top-up cancelled")).toBeVisible();
    const payment = page.getByTestId("payment-row");
    await expect(payment).toHaveCount(1);
    await expect(payment).toContainText("Not completed");
    await expect(payment).not.toContainText("Awaiting payment");
    await expect(page.getByTestId("history-row").filter({ hasText: "cs_" })).toHaveCount(0);

    // Keyboard: choose $50 with the arrow keys, Tab through the custom field to the button: still $50.
    await page.getByRole("radio", { name: "$25", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "$50", exact: true })).toBeChecked();
    const pay = page.getByRole("button", { name: "Pay $50 with card" });
    await expect(pay).toBeVisible();
    const custom = page.getByLabel("Custom amount, USD");
    await custom.focus();
    await page.keyboard.press("Tab");
    await expect(pay).toBeFocused();
    await expect(page.getByRole("radio", { name: "$50", exact: true })).toBeChecked();

    // A refused custom amount: the custom option, the amount sent and the button keep agreeing.
    await custom.fill("3");
    await expect(page.getByRole("radio", { name: "Other amount" })).toBeChecked();
    await page.getByRole("button", { name: "Pay $3 with card" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "A top-up is between $5.00 and $1,000.00" })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Other amount" })).toBeChecked();
    await expect(page.getByRole("button", { name: "Pay $3 with card" })).toBeVisible();
    await expect(page.locator('input[type="hidden"][name="amount"]')).toHaveValue("3");

    // Back to the keyboard: Enter on the focused preset's button goes to Checkout for that amount.
    await page.getByRole("radio", { name: "$50", exact: true }).check({ force: true });
    await page.getByRole("button", { name: "Pay $50 with card" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`^${origins.stripe}/c/pay/cs_`));
    await expect(page.getByText("$50.00").first()).toBeVisible();
  });

  test("the sign-in page speaks Vietnamese after the switch, and English again", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByRole("heading", { name: "Sign in or create an account" })).toBeVisible();
    await page.getByRole("button", { name: "Switch the site to Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { name: "Đăng nhập hoặc tạo tài khoản" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Gửi liên kết đăng nhập qua email" })).toBeVisible();
    await expect(page).toHaveTitle("Đăng nhập — Switchyard");
    // An address the form refuses is explained in the same language.
    await page.goto("/signin?error=EmailInvalid");
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Địa chỉ email này có vẻ không hợp lệ.");
    await page.getByRole("button", { name: /English/ }).click();
    await expect(page.getByRole("heading", { name: "Sign in or create an account" })).toBeVisible();
  });
});
