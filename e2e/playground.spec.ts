// The playground as a new customer uses it: signed in, a model, a system prompt and a temperature, the answer streamed
// with its tokens and cost, and the same request, with the same cost, in the usage log. Signed out, it asks to sign in.
import { expect, test } from "./csp-guard";
import { screenshot, signUp } from "./support";

test("signed out, the playground sends the visitor to sign in and back", async ({ page }) => {
  await page.goto("/playground");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fplayground$/);
});

test("a new account chats in the playground, sees each answer's cost, and finds the request in its usage", async ({
  page,
}, testInfo) => {
  await signUp(page, `e2e-playground-${testInfo.project.name}-${Date.now()}@example.test`, "/playground");
  await expect(page.getByRole("heading", { name: "Playground", level: 1 })).toBeVisible();
  await expect(page.getByText("through your API key named “Playground”")).toBeVisible();

  await page.getByRole("combobox", { name: "Model" }).selectOption("openai/gpt-4o-mini");
  await expect(page.getByText("$0.15 input · $0.60 output per 1M tokens")).toBeVisible();
  await page.getByRole("textbox", { name: "System prompt" }).fill("Answer in one sentence.");
  await page.getByRole("slider", { name: "Temperature" }).fill("0.4");
  await expect(page.getByText("0.4", { exact: true })).toBeVisible();

  const message = page.getByRole("textbox", { name: "Message" });
  await message.fill("Say hello to the playground");
  await message.press("Enter");
  const log = page.getByRole("log", { name: "Conversation" });
  await expect(log).toContainText("You said: Say hello to the playground");
  const cost = log.getByTestId("answer-cost");
  await expect(cost).toHaveText(/^\$0\.\d{6}$/);
  const shown = (await cost.textContent()) ?? "";
  expect(Number(shown.slice(1))).toBeGreaterThan(0);
  await expect(page.getByTestId("conversation-cost")).toHaveText(shown);
  await expect(log).toContainText(/\d+ in · \d+ out/);
  await screenshot(page, "playground", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "playground-dark", testInfo);
  await page.emulateMedia({ colorScheme: "light" });

  // The request is in the usage log (written in batches after the answer), with the cost the playground showed,
  // whether the log prints it at six decimals or trimmed.
  const micros = Math.round(Number(shown.slice(1)) * 1_000_000);
  const trimmed = `$${(micros / 1_000_000).toFixed(6).replace(/0+$/, "")}`;
  await expect(async () => {
    await page.goto("/usage");
    const main = page.getByRole("main");
    await expect(main).toContainText("openai/gpt-4o-mini", { timeout: 1_000 });
    const text = (await main.textContent()) ?? "";
    expect(text.includes(shown) || text.includes(trimmed)).toBe(true);
  }).toPass({ timeout: 30_000 });

  // The key it was charged through is the user's, listed with their keys.
  await page.goto("/keys");
  await expect(page.getByRole("main")).toContainText("Playground");
});
