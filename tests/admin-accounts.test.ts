// Users and credit as an operator runs them (lib/admin/accounts.ts, which the console's actions, the CLI and MCP call):
// suspension reaching the running app within a second, credit granted and removed with a reason and audited, the last
// admin kept, settings overriding the environment; and the console's pages answering admins only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminError } from "../lib/admin/admin-error";
import { grantCredit, removeCredit, setAdmin, suspendUser, unsuspendUser } from "../lib/admin/accounts";
import { type Actor, cliActor } from "../lib/admin/audit";
import { listAuditEntries } from "../lib/admin/audit-log";
import { describeSettings, updateSetting } from "../lib/admin/settings";
import { disconnectDatabase } from "../lib/db/client";
import { setEnvForTests } from "../lib/env";
import {
  appBaseUrl,
  chatBody,
  expectOpenAIError,
  parseJson,
  postChat,
  type RawResponse,
  send,
  sleep,
} from "./support/app-client";
import { useTestDatabase } from "./support/admin-session";
import {
  balanceMicros,
  closeDatabase,
  createKey,
  database,
  runCli,
  sessionCookie,
  uniqueEmail,
  type MintedKey,
} from "./support/keys";

let admin: MintedKey;
let actor: Actor;

beforeAll(async () => {
  useTestDatabase();
  admin = await createKey({ email: uniqueEmail("operator") });
  await database().query("UPDATE users SET is_admin = true WHERE id = $1", [admin.userId]);
  actor = { userId: admin.userId, email: admin.email, via: "console" };
}, 120_000);

afterAll(async () => {
  await disconnectDatabase();
  await closeDatabase();
});

async function auditRows(targetId: string, action: string) {
  const result = await database().query<{ actor_email: string; via: string; before: unknown; after: unknown }>(
    "SELECT actor_email, via, before, after FROM audit_log WHERE target_id = $1 AND action = $2 ORDER BY id",
    [targetId, action],
  );
  return result.rows;
}

/** Sends `request` until `done` says its answer is the awaited one; returns that answer and how long it took. */
async function until(request: () => Promise<RawResponse>, done: (status: number) => boolean) {
  const started = Date.now();
  for (;;) {
    const response = await request();
    if (done(response.status)) return { response, elapsedMs: Date.now() - started };
    if (Date.now() - started > 10_000) throw new Error(`still ${response.status} after 10 s: ${response.text}`);
    await sleep(50);
  }
}

describe("suspension", () => {
  it("refuses every key of a suspended account with 403 account_suspended within about a second; unsuspending restores them", async () => {
    const owner = await createKey({ email: uniqueEmail("suspended"), credits: 2 });
    const second = await createKey({ email: owner.email, name: "second" });
    const bystander = await createKey({ email: uniqueEmail("bystander"), credits: 2 });
    for (const key of [owner.key, second.key]) {
      expect((await postChat(key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
    }

    await suspendUser(actor, { email: owner.email }, "chargeback under review");
    for (const key of [owner.key, second.key]) {
      const { response, elapsedMs } = await until(
        () => postChat(key, chatBody("openai/gpt-4o-mini")),
        (status) => status !== 200,
      );
      expect(elapsedMs, "the suspension reaches the data plane within about a second").toBeLessThan(2_500);
      const error = expectOpenAIError(response, 403, "account_suspended");
      expect(error.type).toBe("permission_error");
      expect(error.message).toContain("chargeback under review");
    }
    // Other accounts are untouched, and GET /v1/key is refused too.
    expect((await postChat(bystander.key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
    expectOpenAIError(await send("/v1/key", { apiKey: second.key }), 403, "account_suspended");

    // Signing in shows why, not the dashboard.
    const cookie = await sessionCookie(owner.userId);
    const keysPage = await fetch(`${appBaseUrl()}/keys`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(keysPage.status).toBeGreaterThanOrEqual(300);
    expect(keysPage.headers.get("location") ?? "").toMatch(/\/signin\/suspended$/);
    const notice = await send("/signin/suspended", { headers: { cookie } });
    expect(notice.status).toBe(200);
    expect(notice.text).toContain("chargeback under review");

    // Each key on its own: one key's cached lookup may expire and be read again before this instance hears of the
    // change, while another's is still the suspended one (each within the second).
    await unsuspendUser(actor, { email: owner.email }, "resolved");
    for (const key of [owner.key, second.key]) {
      const { elapsedMs } = await until(
        () => postChat(key, chatBody("openai/gpt-4o-mini")),
        (status) => status === 200,
      );
      expect(elapsedMs, "the unsuspension reaches the data plane within about a second").toBeLessThan(2_500);
    }

    const suspended = await auditRows(owner.userId, "user.suspend");
    expect(suspended).toHaveLength(1);
    expect(suspended[0]).toMatchObject({ actor_email: admin.email, via: "console" });
    expect(suspended[0].after).toMatchObject({ suspended: true, reason: "chargeback under review" });
    expect(await auditRows(owner.userId, "user.unsuspend")).toHaveLength(1);
  });
});

describe("credit", () => {
  it("grants and removes credit with a reason: a ledger entry naming the admin, and an audit row each", async () => {
    const customer = await createKey({ email: uniqueEmail("credit"), credits: 1 });
    const granted = await grantCredit(actor, { email: customer.email }, { amountUsd: 2.5, reason: "outage goodwill" });
    expect(granted.balanceMicros).toBe(3_500_000n);
    expect(await balanceMicros(customer.userId)).toBe(3_500_000n);
    await removeCredit(actor, { userId: customer.userId }, { amountUsd: "0.5", reason: "duplicate grant" });
    expect(await balanceMicros(customer.userId)).toBe(3_000_000n);

    const ledger = await database().query<{ kind: string; amount_micros: string; description: string }>(
      "SELECT kind, amount_micros::text, description FROM ledger_entries WHERE user_id = $1 AND kind IN ('grant', 'adjustment') ORDER BY id",
      [customer.userId],
    );
    expect(ledger.rows.slice(-2)).toEqual([
      { kind: "grant", amount_micros: "2500000", description: `credit granted by ${admin.email}: outage goodwill` },
      {
        kind: "adjustment",
        amount_micros: "-500000",
        description: `credit removed by ${admin.email}: duplicate grant`,
      },
    ]);
    const grants = await auditRows(customer.userId, "credit.grant");
    expect(grants.at(-1)?.after).toMatchObject({ grantedUsd: "$2.50", reason: "outage goodwill", balanceUsd: "$3.50" });
    expect(grants.at(-1)?.before).toMatchObject({ balanceUsd: "$1.00" });
    expect((await auditRows(customer.userId, "credit.remove")).at(-1)?.after).toMatchObject({
      removedUsd: "$0.50",
      reason: "duplicate grant",
    });

    // The audit log's reader finds them by target and by actor.
    const page = await listAuditEntries({ targetType: "user", targetId: customer.userId });
    expect(page.rows.map((row) => row.action)).toEqual(expect.arrayContaining(["credit.grant", "credit.remove"]));
    expect(page.rows[0].action, "newest first").toBe("credit.remove");
    expect((await listAuditEntries({ actor: admin.email.toUpperCase() })).rows.length).toBeGreaterThan(0);
  });

  it("requires a reason and a positive amount, and never takes the balance below what is held for requests in flight", async () => {
    const customer = await createKey({ email: uniqueEmail("held"), credits: 1 });
    await expect(grantCredit(actor, { email: customer.email }, { amountUsd: 1, reason: "  " })).rejects.toMatchObject({
      field: "reason",
    });
    await expect(grantCredit(actor, { email: customer.email }, { amountUsd: -1, reason: "x" })).rejects.toMatchObject({
      field: "amountUsd",
    });
    await expect(
      grantCredit(actor, { email: uniqueEmail("nobody") }, { amountUsd: 1, reason: "x" }),
    ).rejects.toBeInstanceOf(AdminError);

    // This account has no lease (it never called the gateway): hold part of it as a lease would.
    await database().query("UPDATE users SET held_micros = 400000 WHERE id = $1", [customer.userId]);
    try {
      const refusal = removeCredit(actor, { email: customer.email }, { amountUsd: 0.7, reason: "too much" });
      await expect(refusal).rejects.toThrow(/at most \$0\.60 can be removed/);
      expect(await balanceMicros(customer.userId)).toBe(1_000_000n);
      await removeCredit(actor, { email: customer.email }, { amountUsd: 0.6, reason: "all that is free" });
      expect(await balanceMicros(customer.userId)).toBe(400_000n);
    } finally {
      await database().query("UPDATE users SET held_micros = 0 WHERE id = $1", [customer.userId]);
    }
  });

  it("the CLI's credits add goes through the same service: audited as the CLI, with its reason", async () => {
    const customer = await createKey({ email: uniqueEmail("cli-credit") });
    const added = await runCli(["credits", "add", "--email", customer.email, "--usd", "1.25", "--reason", "trial"]);
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added \$1\.25 for .*; balance \$1\.25/);
    const rows = await auditRows(customer.userId, "credit.grant");
    expect(rows.at(-1)).toMatchObject({ via: "cli", after: expect.objectContaining({ reason: "trial" }) });
    expect(rows.at(-1)?.actor_email).toMatch(/^cli:/);
    const tooMuch = await runCli(["credits", "add", "--email", customer.email, "--usd", "-5"]);
    expect(tooMuch.exitCode).not.toBe(0);
    expect(tooMuch.stderr).toMatch(/^error: Cannot remove \$5\.00/);
  });
});

describe("admins", () => {
  it("never removes or suspends the last admin, yourself included", async () => {
    // Alone as the admin for this test: every other admin is demoted first.
    await database().query("UPDATE users SET is_admin = false WHERE is_admin AND id <> $1", [admin.userId]);
    await expect(setAdmin(actor, { userId: admin.userId }, false)).rejects.toThrow(/last admin/);
    await expect(suspendUser(cliActor(), { userId: admin.userId }, "test")).rejects.toThrow(/last admin/);
    await expect(suspendUser(actor, { userId: admin.userId }, "test")).rejects.toThrow(/your own account/);

    const deputy = await createKey({ email: uniqueEmail("deputy") });
    await setAdmin(actor, { email: deputy.email }, true);
    const deputyActor: Actor = { userId: deputy.userId, email: deputy.email, via: "console" };
    await setAdmin(deputyActor, { userId: admin.userId }, false);
    await expect(setAdmin(deputyActor, { userId: deputy.userId }, false)).rejects.toThrow(/You are the last admin/);
    await setAdmin(deputyActor, { userId: admin.userId }, true);
    const flags = await database().query<{ id: string; is_admin: boolean }>(
      "SELECT id, is_admin FROM users WHERE id = ANY($1)",
      [[admin.userId, deputy.userId]],
    );
    expect(flags.rows.every((row) => row.is_admin)).toBe(true);
    expect((await auditRows(admin.userId, "user.admin.revoke")).at(-1)?.actor_email).toBe(deputy.email);
  });
});

describe("settings", () => {
  it("a stored value overrides the environment on the running app, shows its source, and resets to the default", async () => {
    const key = await createKey({ email: uniqueEmail("settings"), credits: 1 });
    await updateSetting(actor, "defaultKeyRpm", 77);
    const stored = (await describeSettings()).find((view) => view.name === "defaultKeyRpm");
    expect(stored).toMatchObject({ value: 77, source: "database", updatedBy: admin.email });
    const start = Date.now();
    let limit: unknown;
    while (Date.now() - start < 5_000) {
      const response = await send("/v1/key", { apiKey: key.key });
      limit = (parseJson(response).data as { limits: { requests_per_minute: number } }).limits.requests_per_minute;
      if (limit === 77) break;
      await sleep(100);
    }
    expect(limit).toBe(77);

    await updateSetting(actor, "defaultKeyRpm", null);
    setEnvForTests({ DEFAULT_KEY_RPM: "33" });
    try {
      expect((await describeSettings()).find((view) => view.name === "defaultKeyRpm")).toMatchObject({
        value: 33,
        source: "environment",
        env: "DEFAULT_KEY_RPM",
      });
    } finally {
      setEnvForTests({ DEFAULT_KEY_RPM: undefined });
    }
    expect((await describeSettings()).find((view) => view.name === "defaultKeyRpm")?.source).toBe("default");
    const audit = await database().query<{ action: string }>(
      "SELECT action FROM audit_log WHERE target_type = 'setting' AND target_id = 'defaultKeyRpm' AND actor_id = $1 ORDER BY id",
      [admin.userId],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(["setting.update", "setting.reset"]);
  });
});

describe("console pages", () => {
  it("show users, a user's ledger and the audit log to an admin, and 404 to anyone else", async () => {
    const customer = await createKey({ email: uniqueEmail("listed"), credits: 1 });
    await grantCredit(actor, { userId: customer.userId }, { amountUsd: 1, reason: "page check" });
    const adminCookie = await sessionCookie(admin.userId);
    const list = await send(`/admin/users?q=${encodeURIComponent(customer.email)}`, {
      headers: { cookie: adminCookie },
    });
    expect(list.status).toBe(200);
    expect(list.text).toContain(customer.email);
    const detail = await send(`/admin/users/${customer.userId}`, { headers: { cookie: adminCookie } });
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(`credit granted by ${admin.email}: page check`);
    const audit = await send(`/admin/audit?targetId=${customer.userId}`, { headers: { cookie: adminCookie } });
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("credit.grant");
    expect((await send("/admin/settings", { headers: { cookie: adminCookie } })).status).toBe(200);

    const outsiderCookie = await sessionCookie(customer.userId);
    for (const path of ["/admin/users", `/admin/users/${customer.userId}`, "/admin/settings", "/admin/audit"]) {
      expect((await send(path, { headers: { cookie: outsiderCookie } })).status, path).toBe(404);
    }
  });
});
