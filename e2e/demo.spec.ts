// The landing page's free demo, as a visitor uses it: no key, no sign-in, an answer streamed from a free model, and
// over the limit a message that says when to try again. Every e2e request comes from 127.0.0.1, one address: the
// desktop and phone runs share its 5 requests a minute, so a run that finds the minute used up waits it out, as the
// page says to.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { screenshot } from "./support";

function demoSection(page: Page): Locator {
  return page.getByRole("region", { name: "Try it: no key, no sign-in" });
}

/**
 * The limit counts per clock minute (lib/ratelimit/limits.ts): a run near a minute's end waits for the next one, so
 * that using up the allowance and being refused for it fall in one window (seen once: the window turned between the
 * two, and the refused question was answered).
 */
async function awayFromMinuteEnd(page: Page, marginMs = 25_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await page.waitForTimeout(left + 100);
}

async function ask(page: Page, question: string, label = "Your question"): Promise<void> {
  const field = page.locator("#demo").getByRole("textbox", { name: label });
  await field.fill(question);
  await field.press("Enter");
}

test("a visitor asks the free demo a question and sees the answer stream in from a free model", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  await page.goto("/");
  const demo = demoSection(page);
  await expect(demo.getByRole("combobox", { name: "Model" })).toHaveValue("zhipu/glm-4-flash");

  await ask(page, "Hello from the e2e visitor");
  const log = demo.getByRole("log", { name: "Demo conversation" });
  const limit = demo.getByRole("alert").filter({ hasText: "That is the demo's limit for now." });
  const answered = log.getByText("You said: Hello from the e2e visitor");
  await expect(answered.or(limit)).toBeVisible({ timeout: 20_000 });
  if (await limit.isVisible()) {
    // Another run used this address's minute: the page says when it can send again, and lets it then.
    await expect(demo.getByTestId("demo-retry")).toContainText(/You can send again in \d+ (seconds?|minute)/);
    await expect(demo.getByRole("button", { name: "Send" })).toBeEnabled({ timeout: 70_000 });
    await ask(page, "Hello from the e2e visitor");
  }
  await expect(answered).toBeVisible({ timeout: 20_000 });
  await expect(log).toContainText("zhipu/glm-4-flash");
  await expect(log).toContainText("Free");
  // The box is free again for the next question, and the focus is still where the visitor types.
  await expect(demo.getByRole("textbox", { name: "Your question" })).toBeFocused();
  await screenshot(page, "demo-answer", testInfo);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "demo-answer-dark", testInfo);
});

test("the demo runs only free models: a paid model is refused as the API says, with a way to sign up", async ({
  page,
}) => {
  const response = await page.request.post("/api/demo/chat", {
    data: { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "free GPT?" }] },
  });
  // 403 when this address still has requests this minute; 429 when the other tests used them (still no answer).
  expect([403, 429]).toContain(response.status());
  if (response.status() === 403) {
    expect(await response.json()).toMatchObject({ error: { code: "model_not_allowed", param: "model" } });
  }
});

test("over the per-address limit, the demo says so and when to try again, and waits until then", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  const demo = demoSection(page);
  await awayFromMinuteEnd(page);
  // This minute's allowance from this address, used up through the route the page calls.
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const response = await page.request.post("/api/demo/chat", {
      data: { messages: [{ role: "user", content: "using up the minute" }] },
    });
    if (response.status() === 429) break;
    expect(response.status()).toBe(200);
  }
  await ask(page, "One more, please");
  const notice = demo.getByRole("alert");
  await expect(notice).toContainText("That is the demo's limit for now.");
  await expect(demo.getByTestId("demo-retry")).toContainText(/You can send again in \d+ (seconds?|minute)\./);
  // The API's own words, as it gave them.
  await expect(notice).toContainText("429 rate_limit_exceeded");
  await expect(notice).toContainText("The free demo allows 5 requests a minute from one address");
  await expect(notice.getByRole("link", { name: /Create an account/ })).toHaveAttribute("href", "/signin");
  await expect(demo.getByRole("button", { name: "Send" })).toBeDisabled();
  await screenshot(page, "demo-limit", testInfo);

  // In Vietnamese too.
  await page.goto("/?lang=vi");
  // Asked again if the first Enter came before the page was hydrated (the form then does nothing).
  await expect(async () => {
    await ask(page, "Thêm một câu nữa", "Câu hỏi của bạn");
    await expect(page.locator("#demo").getByRole("alert")).toContainText(
      "Bạn đã dùng hết lượt dùng thử trong lúc này.",
      { timeout: 3_000 },
    );
  }).toPass({ timeout: 20_000 });
  await expect(page.locator("#demo").getByTestId("demo-retry")).toContainText(
    /Bạn có thể gửi lại sau \d+ (giây|phút)( nữa)?\./,
  );
});
