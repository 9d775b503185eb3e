import { test as plainTest } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { origins } from "./ports";
import { openCreateKeyDialog, signUp } from "./support";

// Each main page is served with a nonce-based policy and works under it: the guard fails the test on any violation
// the browser reports (Next's inline scripts, the Tailwind stylesheet, the usage charts, the sign-in forms).
test("the main pages carry a Content-Security-Policy and work under it", async ({ page }, testInfo) => {
  const policies: string[] = [];
  page.on("response", (response) => {
    // Pages, not the redirects on the way (the sign-in link passes through /api/auth, which has the API's policy).
    const html = response.headers()["content-type"]?.startsWith("text/html");
    if (response.request().resourceType() !== "document" || !html) return;
    policies.push(response.headers()["content-security-policy"] ?? "(none)");
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Signing up submits the sign-in form (a server action) and follows the link: scripts run, forms post.
  await signUp(page, `e2e-csp-${testInfo.project.name}-${Date.now()}@example.test`, "/usage");
  await expect(page.getByRole("heading", { name: "Usage" })).toBeVisible();
  // Client-side navigation loads more of the page's code under the policy ('strict-dynamic').
  await page
    .getByRole("link", { name: /^Keys$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  const dialog = await openCreateKeyDialog(page);
  await dialog.getByLabel("Name").fill("csp check");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByTestId("new-key")).toHaveText(/^sy-live-/);
  await page.goto("/billing");
  await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
  expect(policies.length).toBeGreaterThanOrEqual(4);
  for (const policy of policies) {
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
  }
});

// The policy is enforced, and the guard above would notice: markup slipped into a page (the shape of an XSS) cannot
// run its inline handler. (Scripts added from Playwright's evaluate() count as the page's own under 'strict-dynamic',
// so the injection is HTML, as an attacker's would be.)
test("an injected inline handler does not run, and is reported", async ({
  page,
  contentSecurityPolicyViolations: violations,
}) => {
  await page.goto("/signin");
  await page.evaluate(() => {
    const markup = `<img alt="" src="data:image/png;base64,AA" onerror="document.body.dataset.injected = 'ran'">`;
    document.body.insertAdjacentHTML("beforeend", markup);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join("\n")).toContain("script-src");
  expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
  // Expected here: not a failure of this test.
  violations.length = 0;
});

// Not under the guard: the refusal to frame is itself reported as a violation, by the page that tried.
plainTest("no page of the site can be framed, /keys included", async ({ page }) => {
  for (const path of ["/signin", "/keys"]) {
    await page.setContent(`<iframe src="${origins.app}${path}" title="framed"></iframe>`);
    const frame = page.frames()[1];
    await frame.waitForLoadState();
    // A refused frame shows the browser's error page instead of the site.
    await expect.poll(() => frame.url(), { timeout: 10_000 }).toMatch(/^chrome-error:/);
  }
});
