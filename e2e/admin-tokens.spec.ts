// /admin/tokens: an admin mints an access token (shown once, with the Claude Code command), an MCP client can use it
// at once, and a revocation from the list stops it. Desktop only: the phone layout adds nothing to this path.
import { expect, test } from "./csp-guard";
import { origins } from "./ports";
import { ADMIN_EMAIL, screenshot, signIn } from "./support";

test("an admin mints an MCP token shown once, uses it, and revokes it", async ({ page, request }, testInfo) => {
  await signIn(page, ADMIN_EMAIL, "/admin/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "Admin access tokens" })).toBeVisible();
  const name = `e2e agent ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Mint token" }).click();

  const panel = page.getByTestId("minted-token-panel");
  await expect(panel).toBeVisible();
  const token = (await panel.getByTestId("minted-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^sy-admin-[0-9A-Za-z]{40}$/);
  await expect(panel.getByTestId("claude-command")).toHaveText(
    `claude mcp add switchyard --transport http ${origins.app}/api/mcp --header "Authorization: Bearer ${token}"`,
  );

  await screenshot(page, "admin-tokens-minted", testInfo);

  const listTools = () =>
    request.post(`${origins.app}/api/mcp`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json, text/event-stream" },
      data: { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} },
    });
  const listed = await listTools();
  expect(listed.status()).toBe(200);
  expect(await listed.text()).toContain("mint_key");

  // Shown once: after a reload the list has the token by its last four only.
  await page.reload();
  await expect(page.getByTestId("minted-token-panel")).toHaveCount(0);
  const row = page.getByTestId("admin-token-row").filter({ hasText: name });
  await expect(row).toContainText(`sy-admin-…${token.slice(-4)}`);
  await expect(page.locator("body")).not.toContainText(token);

  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(row).toContainText("Revoked");
  await screenshot(page, "admin-tokens-list", testInfo);
  expect((await listTools()).status()).toBe(401);
});
