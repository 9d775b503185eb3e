// Steps several journeys share.
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

/**
 * Signs a new account up through the email link. The e2e apps have no EMAIL_SERVER and are visited from loopback,
 * so the check-email page shows the link. `from` is a dashboard page, which sends a signed-out visitor to sign in and,
 * once signed in, back to it.
 */
export async function signUp(page: Page, email: string, from = "/keys"): Promise<void> {
  await page.goto(from);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: `Sign in as ${email}` }).click();
  // Back where the visitor was going.
  await expect(page).toHaveURL(new RegExp(`${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
}

/** Opens the keys page's "Create key" dialog (on the page already open) and returns it, its form ready. */
export async function openCreateKeyDialog(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a key" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  return dialog;
}

/** The create dialog's limits, folded away until asked for. */
export async function showKeyLimits(dialog: Locator): Promise<void> {
  const limits = dialog.locator("details");
  if ((await limits.getAttribute("open")) === null) await dialog.getByText("Limits (optional)").click();
  await expect(limits).toHaveAttribute("open", "");
}

/** Creates a key on the keys page and returns it, as shown once. */
export async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/keys");
  const dialog = await openCreateKeyDialog(page);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = ((await dialog.getByTestId("new-key").textContent()) ?? "").trim();
  expect(key).toMatch(/^sy-live-/);
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toBeHidden();
  return key;
}

/**
 * A full-page screenshot under e2e/screenshots/, named for the page and the project (desktop or phone). Taken from
 * the top of the page: the sidebar is sticky, and a capture of a scrolled page would draw it partway down.
 */
export async function screenshot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `e2e/screenshots/${name}-${testInfo.project.name}.png`, fullPage: true });
}

/**
 * Switches the public site's language with the header's switcher, as a visitor would: on a phone it waits in the
 * menu. `button` is the switcher's accessible name ("Switch the site to Tiếng Việt", "Chuyển trang sang English").
 */
export async function switchLanguage(page: Page, button: string | RegExp): Promise<void> {
  const header = page.getByRole("banner");
  const inBar = header.getByRole("button", { name: button });
  if (!(await inBar.isVisible())) await header.locator("details > summary").click();
  await header.getByRole("button", { name: button }).click();
}
