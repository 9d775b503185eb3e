// Bring your own provider, as a customer with only a browser uses it: on /providers, add an OpenAI-compatible endpoint
// (the local stand-in) with its key, test the connection, tick a model it lists, and a key of the account calls it as
// byo/<name>/<model>. The key is write-only: the page shows its last four, never the key.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { origins } from "./ports";
import { createKey, signUp } from "./support";

test("a customer adds their own provider, picks a model from its list, and a key calls it", async ({ page }) => {
  const run = randomBytes(3).toString("hex");
  const name = `e2e-lab-${run}`;
  const modelId = `byo/${name}/gpt-4o-mini`;
  const secret = `sk-e2e-own-${randomBytes(16).toString("hex")}`;

  await signUp(page, `own-providers-${run}@example.test`);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Your providers" }).click();
  await expect(page).toHaveURL(/\/providers$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Your providers" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Your providers" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("byo-fee")).toContainText("charges nothing");

  const create = page.getByRole("form", { name: "Add a provider" });
  // A name that cannot be part of a model id is refused beside the field, keeping what was typed.
  await create.getByLabel("Name").fill("Not A Slug!");
  await create.getByLabel("Base URL").fill(`${origins.openai}/v1`);
  await create.getByLabel("API key").fill(secret);
  await create.getByRole("button", { name: "Add provider" }).click();
  await expect(create.getByText("Use 1–40 lower-case letters")).toBeVisible();
  await expect(create.getByLabel("Name")).toBeFocused();
  await expect(create.getByLabel("Base URL")).toHaveValue(`${origins.openai}/v1`);

  await create.getByLabel("Name").fill(name);
  await create.getByLabel("API key").fill(secret);
  await create.getByRole("button", { name: "Add provider" }).click();
  await expect(create.getByRole("status")).toContainText(`Provider ${name} added`);

  const card = page.getByRole("region", { name });
  await expect(card.getByRole("table")).toContainText(`…${secret.slice(-4)}`);
  await expect(page.locator("body")).not.toContainText(secret);
  await expect(card).toContainText("No models picked yet");

  const picker = card.getByRole("form", { name: `Models of ${name}` });
  await picker.getByRole("button", { name: "Test connection" }).click();
  await expect(picker.getByRole("status")).toContainText("The connection works");
  await picker.getByRole("checkbox", { name: "gpt-4o-mini", exact: true }).check();
  await picker.getByRole("button", { name: "Save models" }).click();
  await expect(picker.getByRole("status").last()).toContainText("1 model saved");
  await expect(card.getByRole("listitem").filter({ hasText: modelId })).toBeVisible();

  const key = await createKey(page, `own provider ${run}`);
  const call = () =>
    page.request.post(`${origins.app}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${key}` },
      data: { model: modelId, messages: [{ role: "user", content: "Say hello." }] },
    });
  // The e2e apps do not shed load (e2e/serve.ts), so one call answers.
  const response = await call();
  expect(response.status(), await response.text()).toBe(200);
  expect(response.headers()["x-switchyard-model"]).toBe(modelId);
  expect(response.headers()["x-switchyard-provider"]).toBe(`byo/${name}`);
  const listed = await page.request.get(`${origins.app}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  expect(((await listed.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toContain(modelId);
});
