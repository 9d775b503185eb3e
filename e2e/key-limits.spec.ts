import { expect, test } from "./csp-guard";
import { openCreateKeyDialog, screenshot, showKeyLimits, signUp } from "./support";

test("key limits out of bounds are stopped in the browser, and refused beside their fields by the server", async ({
  page,
}, testInfo) => {
  await signUp(page, `limits-${testInfo.project.name}-${Date.now()}@example.test`);
  const form = await openCreateKeyDialog(page);
  await showKeyLimits(form);
  const rpm = form.getByLabel(/Requests per minute/);
  const budget = form.getByLabel(/Monthly budget/);

  await form.getByLabel("Name").fill("too much");
  await rpm.fill("2000000");
  await budget.fill("99999999999999");
  // The inputs carry the same bounds as the server.
  await expect(rpm).toHaveAttribute("max", "1000000");
  await expect(budget).toHaveAttribute("max", "1000000");
  expect(await budget.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);

  // The form leaves the checking to the server, which answers field by field, every field at once.
  await form.getByRole("button", { name: "Create key" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Requests per minute: At most 1,000,000 requests per minute");
  await expect(alert).toContainText("Monthly budget, USD: At most $1,000,000");
  await expect(rpm).toHaveAttribute("aria-invalid", "true");
  await expect(budget).toHaveAccessibleDescription(/At most \$1,000,000/);
  await expect(form.getByLabel("Name")).not.toHaveAttribute("aria-invalid");
  await expect(budget).toHaveValue("99999999999999");
  await screenshot(page, "key-limits-refused", testInfo);

  // Within the bounds, the key is made.
  await rpm.fill("1000000");
  await budget.fill("1000000");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByTestId("new-key")).toHaveText(/^sy-live-/);
});
