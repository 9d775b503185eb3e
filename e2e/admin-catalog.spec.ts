// The operator console's catalog, as an operator with only a browser uses it: add a custom provider pointed at an
// OpenAI-compatible server (the local stand-in), give it a key, test the connection, add a priced model routed to it,
// and a key made right after calls that model within a second.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { origins } from "./ports";
import { ADMIN_EMAIL, createKey, signIn } from "./support";

test("an admin adds a custom provider, tests it, prices a model on it, and a new key calls it", async ({ page }) => {
  const run = randomBytes(3).toString("hex");
  const providerId = `e2e-lab-${run}`;
  const providerName = `E2E lab ${run}`;
  const modelId = `${providerId}/mini`;

  await signIn(page, ADMIN_EMAIL, "/admin/providers");
  await expect(page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();

  const create = page.getByRole("form", { name: "Add a custom provider (any OpenAI-compatible server)" });
  await page.locator("summary", { hasText: "Add a custom provider" }).click();
  await create.getByLabel("Id").fill(providerId);
  await create.getByLabel("Name").fill(providerName);
  await create.getByLabel("Base URL").fill(`${origins.openai}/v1`);
  await create.getByRole("button", { name: "Add provider" }).click();
  await expect(create.getByRole("status")).toContainText(`Provider ${providerId} added`);

  const card = page.getByRole("region", { name: new RegExp(providerName) });
  await expect(card).toContainText("No keys yet");
  await card.locator("summary", { hasText: "Add a key" }).click();
  const addKey = card.getByRole("form", { name: `Add a key to ${providerName}` });
  const secret = `sk-e2e-${randomBytes(16).toString("hex")}`;
  await addKey.getByLabel("Label").fill("lab key");
  await addKey.getByLabel("Secret").fill(secret);
  await addKey.getByRole("button", { name: "Add key" }).click();
  await expect(addKey.getByRole("status")).toContainText("Key added");
  await expect(card.getByRole("table")).toContainText(`…${secret.slice(-4)}`);
  // Write-only: the page never shows the secret again.
  await expect(page.locator("body")).not.toContainText(secret);

  await card.locator("summary", { hasText: "Test connection" }).click();
  const testForm = card.getByRole("form", { name: `Test the connection to ${providerName}` });
  await testForm.getByRole("button", { name: "Test connection" }).click();
  const result = testForm.getByRole("status");
  await expect(result).toContainText("Connected: the upstream lists");
  await expect(result.getByRole("listitem").filter({ hasText: /^gpt-4o-mini$/ })).toBeVisible();

  await page.goto("/admin/models?new=1");
  const modelForm = page.getByRole("form", { name: "Add a model" });
  await modelForm.getByLabel("Id", { exact: true }).fill(modelId);
  await modelForm.getByLabel("Display name").fill(`Lab mini ${run}`);
  await modelForm.getByLabel("Provider").selectOption(providerId);
  await modelForm.getByLabel("Upstream model id").fill("gpt-4o-mini");
  await modelForm.getByLabel("Status").selectOption("live");
  // Live without a price is refused, and the form says why beside the status.
  await modelForm.getByRole("button", { name: "Add model" }).click();
  await expect(modelForm.getByText("A live model needs a price")).toBeVisible();
  await expect(modelForm.getByLabel("Id", { exact: true })).toHaveValue(modelId);
  await modelForm.getByLabel("Input", { exact: true }).fill("0.15");
  await modelForm.getByLabel("Output", { exact: true }).fill("0.6");
  await modelForm.getByRole("button", { name: "Add model" }).click();
  await expect(modelForm.getByRole("status")).toContainText(`Model ${modelId} added`);

  const key = await createKey(page, `catalog ${run}`);
  // Within a second of the key being shown, a call with it is answered by the new model (the time is when the call
  // was sent: how long the upstream takes to answer is not what this measures).
  const madeAt = Date.now();
  const tries: string[] = [];
  let answer: { status: number; model: string | null; body: string; sentAfterMs: number } | undefined;
  while (Date.now() - madeAt < 1_000) {
    const sentAfterMs = Date.now() - madeAt;
    const response = await page.request.post(`${origins.app}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${key}` },
      data: { model: modelId, messages: [{ role: "user", content: "Say hello." }] },
    });
    answer = {
      status: response.status(),
      model: response.headers()["x-switchyard-model"] ?? null,
      body: await response.text(),
      sentAfterMs,
    };
    tries.push(`${sentAfterMs} ms: ${answer.status}`);
    if (answer.status === 200) break;
    await page.waitForTimeout(100);
  }
  expect(answer?.status, `${tries.join(", ")}; last body: ${answer?.body}`).toBe(200);
  expect(answer?.model).toBe(modelId);
  expect(JSON.parse(answer?.body ?? "{}").usage.cost).toBeGreaterThan(0);

  await page.goto(`/admin/routes?q=${encodeURIComponent(modelId)}`);
  const routes = page.getByRole("region", { name: new RegExp(modelId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(routes.getByRole("table")).toContainText(providerName);
  await expect(routes.getByRole("table")).toContainText("serves next");

  // Readable on a phone: the catalog's wide tables scroll inside their boxes, never the page sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/admin/providers", "/admin/models", "/admin/routes"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});
