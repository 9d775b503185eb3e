import { expect, test } from "./csp-guard";
import { screenshot, signUp } from "./support";

test("the landing page renders offline and says what Switchyard is", async ({ page }, testInfo) => {
  const failedRequests: string[] = [];
  page.on("requestfailed", (request) => {
    // The router drops a prefetch of the sign-in page it no longer needs: that is not a resource the page lacks.
    const droppedPrefetch =
      new URL(request.url()).searchParams.has("_rsc") && request.failure()?.errorText === "net::ERR_ABORTED";
    if (!droppedPrefetch) failedRequests.push(request.url());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("One API key for every LLM");
  // The code samples point at the host the visitor reached, with the key from the environment, in three languages.
  const origin = new URL(page.url()).origin;
  const samples = page.getByRole("tablist", { name: "Call Switchyard" });
  await expect(samples.getByRole("tab")).toHaveText(["curl", "Python", "Node.js"]);
  await expect(page.getByRole("tabpanel")).toContainText(`curl ${origin}/v1/chat/completions`);
  await expect(page.getByRole("tabpanel")).toContainText("Bearer $SWITCHYARD_API_KEY");
  await samples.getByRole("tab", { name: "Python" }).click();
  await expect(page.getByRole("tabpanel")).toContainText(`base_url="${origin}/v1"`);
  await samples.getByRole("tab", { name: "Python" }).press("ArrowRight");
  await expect(samples.getByRole("tab", { name: "Node.js" })).toBeFocused();
  await expect(page.getByRole("tabpanel")).toContainText(`baseURL: "${origin}/v1"`);
  // The providers from the registry, how pricing works with a link to the prices, and the free demo.
  const providers = page.getByRole("region", { name: "Routes to" });
  await expect(providers.getByRole("listitem").filter({ hasText: "Anthropic" })).toBeVisible();
  const pricing = page.getByRole("region", { name: "Pay for what you use" });
  await expect(pricing).toContainText("Prepaid credits and no subscription");
  await expect(pricing).toContainText(/Switchyard adds no markup|markup/);
  await expect(pricing).toContainText("1,000 input and 500 output tokens on GPT-4o mini cost $0.00045");
  await expect(pricing.getByRole("link", { name: "See every model's price" })).toHaveAttribute("href", "/pricing");
  await expect(page.getByRole("region", { name: "Try it: no key, no sign-in" })).toBeVisible();
  await expect(page).toHaveTitle("Switchyard — one API for every LLM");
  // Nothing on the page reaches outside this machine (fonts, scripts, images).
  expect(failedRequests).toEqual([]);
  await screenshot(page, "landing", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "landing-dark", testInfo);
});

test("a visitor signed out is offered sign-in in the header and the hero, and the JSON status only in the footer", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  const header = page.getByRole("banner");
  const hero = page.getByRole("region", { name: "One API key for every LLM" });
  // On a phone, "Sign in" and the language switcher wait in the menu, so that the bar fits on one line.
  if (testInfo.project.name === "phone") {
    await expect(header.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    const bar = await header.boundingBox();
    expect(bar?.height).toBeLessThanOrEqual(60);
    await header.getByText("Menu").click();
  }
  for (const place of [header, hero]) {
    await expect(place.getByRole("link", { name: "Sign in" }).first()).toHaveAttribute("href", "/signin");
    await expect(place.getByRole("link", { name: "Get started" })).toHaveAttribute("href", "/signin");
  }
  await expect(hero.getByRole("link", { name: "Try the free demo" })).toHaveAttribute("href", "#demo");
  await expect(page.getByRole("link", { name: /Dashboard/ })).toHaveCount(0);
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  await expect(page.locator('a[href="/api/status"]')).toHaveCount(1);
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "API status" })).toHaveAttribute(
    "href",
    "/api/status",
  );

  await header.getByRole("link", { name: "Get started" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("heading", { name: "Sign in or create an account" })).toBeVisible();
});

test("a page that does not exist says so, with its own title, a way home and a way in", async ({ page }, testInfo) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Not found — Switchyard");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  await expect(page.getByRole("link", { name: /dashboard/i })).toHaveCount(0);
  await screenshot(page, "not-found", testInfo);
});

test("the site has an icon, at /favicon.ico too", async ({ page, request }) => {
  await page.goto("/");
  const icon = page.locator('link[rel="icon"][type="image/svg+xml"]');
  await expect(icon).toHaveCount(1);
  const svg = await request.get((await icon.getAttribute("href")) ?? "");
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/icon/);
});

test("a visitor signed in is offered the dashboard, and the sign-in page sends them on", async ({ page }, testInfo) => {
  await signUp(page, `landing-${testInfo.project.name}-${Date.now()}@example.test`);

  await page.goto("/");
  await expect(page.getByRole("banner").getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", "/keys");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", "/keys");
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Get started" })).toHaveCount(0);
  await screenshot(page, "landing-signed-in", testInfo);

  await page.goto("/signin");
  await expect(page).toHaveURL(/\/keys$/);
  await page.goto("/signin?callbackUrl=%2Fusage%3Fdays%3D7");
  await expect(page).toHaveURL(/\/usage\?days=7$/);
  // Only a path on this site is followed.
  for (const elsewhere of ["https://example.com/keys", "//example.com/keys", "/\\example.com"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(elsewhere)}`);
    await expect(page).toHaveURL(/\/keys$/);
  }

  await page.goto("/no-such-page");
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", "/keys");
  await expect(page.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
});

test("the status link answers JSON health without secrets", async ({ request }) => {
  const response = await request.get("/api/status");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "ok", ratelimit: "memory" });
  expect(JSON.stringify(body)).not.toMatch(/sk-|sy-live-|encrypted/i);
});
