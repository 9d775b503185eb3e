import { expect, test } from "./csp-guard";
import OpenAI from "openai";
import { formatUsdCents, formatUsdCost, usdToMicros } from "../lib/money";
import { origins } from "./ports";
import { createKey, screenshot, signUp } from "./support";

// The whole journey of a new customer, against the app with the OpenAI and Stripe stand-ins (e2e/serve.ts).
test("sign up, call the gateway with the openai SDK, see the cost, top up by card, revoke the key", async ({
  page,
}, testInfo) => {
  const name = testInfo.project.name;
  await signUp(page, `e2e-journey-${name}-${Date.now()}@example.test`);
  await expect(page.getByTestId("balance").filter({ visible: true })).toHaveText("Balance $1.00");
  const key = await createKey(page, "journey");

  // One call with the SDK a customer already uses, changing only its base URL. The stand-in reports enough tokens
  // for the cost to show as a bar on a chart whose axis starts at one cent.
  await fetch(`${origins.openai}/__control/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([
      { usage: { prompt_tokens: 40_000, completion_tokens: 12_000 }, content: "Hello from the stand-in" },
    ]),
  });
  const client = new OpenAI({ baseURL: `${new URL(page.url()).origin}/v1`, apiKey: key, maxRetries: 0 });
  const completion = await client.chat.completions.create({
    model: "openai/gpt-4o-mini",
    messages: [{ role: "user", content: "Hello" }],
  });
  expect(completion.choices[0].message.content).toBe("Hello from the stand-in");
  const charged = (completion.usage as unknown as { cost: number }).cost;
  expect(charged).toBeGreaterThan(0.01);
  // One request's cost at six decimals in the log; the day's total to the cent in the summary and the chart.
  const cost = formatUsdCost(usdToMicros(charged));
  const total = formatUsdCents(usdToMicros(charged));
  const afterCall = usdToMicros(1) - usdToMicros(charged);

  // The request in the log, its cost in the summary and on the cost chart (the usage writer logs in batches).
  await expect(async () => {
    await page.goto("/usage");
    await expect(page.getByTestId("log-row")).toHaveCount(1, { timeout: 1_000 });
    await expect(page.getByTestId("summary-cost")).toContainText(total, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const row = page.getByTestId("log-row").first();
  await expect(row).toContainText("openai/gpt-4o-mini");
  await expect(row).toContainText(cost);
  const costChart = page.getByRole("figure").filter({ hasText: "Cost per day" });
  const bar = costChart.locator(".recharts-bar-rectangle path");
  await expect(bar).toHaveCount(1);
  expect((await bar.boundingBox())?.height ?? 0).toBeGreaterThan(10);
  await bar.hover();
  await expect(costChart.locator(".recharts-tooltip-wrapper")).toContainText(total);
  await screenshot(page, "journey-usage", testInfo);

  // Top up $10 through Checkout; only the signed webhook that follows the return adds the credit.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByTestId("billing-balance")).toHaveText(formatUsdCents(afterCall));
  await page.getByRole("radio", { name: "$10", exact: true }).check({ force: true });
  await page.getByRole("button", { name: "Pay $10 with card" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origins.stripe}/c/pay/cs_`));
  await expect(page.getByText("$10.00").first()).toBeVisible();
  await page.getByRole("button", { name: "Pay $10.00" }).click();

  await expect(page).toHaveURL(/\/billing\?topup=success&session_id=cs_/);
  const status = page.getByTestId("top-up-status");
  await expect(status).toContainText(/Payment received|\$10\.00 added/);
  await expect(status).toContainText("$10.00 added", { timeout: 30_000 });
  const topped = afterCall + usdToMicros(10);
  await expect(page.getByTestId("billing-balance")).toHaveText(formatUsdCents(topped));
  await expect(page.getByTestId("balance").filter({ visible: true })).toHaveText(`Balance ${formatUsdCents(topped)}`);
  await expect(page.getByTestId("history-row").filter({ hasText: "+$10.00" })).toHaveCount(1);
  const payment = page.getByTestId("payment-row");
  await expect(payment).toHaveCount(1);
  await expect(payment).toContainText("Paid");
  await expect(payment.getByRole("link", { name: /Receipt/ })).toHaveAttribute(
    "href",
    /^https:\/\/pay\.stripe\.com\/receipts\//,
  );
  await screenshot(page, "journey-billing", testInfo);

  // Stripe delivered one event, and the app accepted it the first time.
  const deliveries = (await (await fetch(`${origins.stripe}/__control/deliveries`)).json()) as Array<{
    type: string;
    statuses: number[];
  }>;
  expect(deliveries.at(-1)).toMatchObject({ type: "checkout.session.completed", statuses: [200] });

  // Revoke the key: the SDK's next call is refused with 401.
  await page.goto("/keys");
  const keyRow = page.getByTestId("key-row").filter({ hasText: "journey" });
  await keyRow.getByRole("button", { name: "Revoke" }).click();
  await keyRow.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(keyRow).toContainText("Revoked");
  const refused = await client.chat.completions
    .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hello again" }] })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
});
