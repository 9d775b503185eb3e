// Steps several journeys share.
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

/** A URL pattern for "this page": the address ends with `path` (its query included). */
function endsWithPath(path: string): RegExp {
  return new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

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
  // A new account lands on the welcome page first, which goes on to where the visitor was going.
  await expect(page).toHaveURL(/\/welcome(\?|$)/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Continue to the dashboard" }).click();
  await expect(page).toHaveURL(endsWithPath(from));
}

/** An admin of both e2e apps (ADMIN_EMAILS in e2e/serve.ts): sign in with `signIn(page, ADMIN_EMAIL)`. */
export const ADMIN_EMAIL = "e2e-admin@example.test";

/**
 * Signs in with the email link, whether the account is new (through the welcome page) or not, and lands on `from`.
 * For accounts that specs share (the admin); a spec's own new account uses `signUp`, which also checks the welcome.
 */
export async function signIn(page: Page, email: string, from = "/keys"): Promise<void> {
  await page.goto(from);
  if (!/\/signin\?/.test(page.url())) return;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("link", { name: `Sign in as ${email}` }).click();
  await page.waitForURL((url) => url.pathname !== "/signin/check-email");
  if (new URL(page.url()).pathname === "/welcome") {
    await page.getByRole("link", { name: "Continue to the dashboard" }).click();
  }
  await expect(page).toHaveURL(endsWithPath(from));
}

/** Opens the keys page's "Create key" dialog (on the page already open) and returns it, its form ready. */
export async function openCreateKeyDialog(page: Page): Promise<Locator> {
  // Named "Create a key" while the form shows, then after the key it made: the page's one open dialog either way.
  const dialog = page.getByRole("dialog");
  // A click that lands before the page is hydrated on a loaded machine opens nothing: clicked again until it does.
  await expect(async () => {
    if (!(await dialog.isVisible())) await page.getByRole("button", { name: "Create key" }).click({ timeout: 2_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(dialog).toHaveAccessibleName("Create a key");
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
 * With E2E_SCREENSHOTS=1, a full-page screenshot under e2e/screenshots/, named for the page and the project (desktop
 * or phone), to look at. Off by default: the full-page captures of some 190 pages cost the suite about a minute of CPU.
 * Taken from the top of the page: the sidebar is sticky, and a capture of a scrolled page would draw it partway down.
 */
export async function screenshot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== "1") return;
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
