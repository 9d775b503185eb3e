// The control plane over MCP (POST /api/mcp), through the official MCP client: every tool with good input (checked in
// the database) and with bad input (a tool error in words, never a crash), the admin-token gate, and the audit log.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appBaseUrl, chatBody, eventually, postChat, send } from "./support/app-client";
import { closeDatabase, createKey, database, hashKey, runCli, uniqueEmail } from "./support/keys";

const TOOL_NAMES = [
  "list_models",
  "list_users",
  "get_user",
  "create_user",
  "list_keys",
  "mint_key",
  "update_key",
  "revoke_key",
  "list_plans",
  "set_plan",
  "list_routes",
  "create_route",
  "get_usage",
  "get_credit_balance",
  "grant_credits",
  "get_spending_limit",
  "set_spending_limit",
  "create_checkout_url",
];

interface Admin {
  email: string;
  userId: string;
  token: string;
  tokenId: string;
}

/** An admin user with a token minted by the CLI (`admin token create`, the token alone on the last line). */
async function makeAdmin(label = "mcp-admin"): Promise<Admin> {
  const { email, userId } = await createKey({ email: uniqueEmail(label) });
  await database().query("UPDATE users SET is_admin = true WHERE id = $1", [userId]);
  const created = await runCli(["admin", "token", "create", "--email", email, "--name", "test agent"]);
  expect(created.exitCode, created.stderr).toBe(0);
  const token = created.stdout.trim().split("\n").at(-1) ?? "";
  const row = await database().query<{ id: string }>("SELECT id FROM admin_tokens WHERE token_hash = $1", [
    hashKey(token),
  ]);
  expect(row.rowCount).toBe(1);
  return { email, userId, token, tokenId: row.rows[0].id };
}

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: "switchyard-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${appBaseUrl()}/api/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

let admin: Admin;
let client: Client;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** A call that must succeed: its structured content. */
async function ok(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await call(name, args);
  expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
  expect(result.structuredContent).toBeDefined();
  // The text says the same as the JSON, for clients that show only text.
  const text = (result.content[0] as { text: string }).text;
  expect(text).toContain(JSON.stringify(result.structuredContent, null, 2));
  return result.structuredContent as Record<string, unknown>;
}

/** A call that must be refused: its message. */
async function refused(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(name, args);
  expect(result.isError, `${name} ${JSON.stringify(args)} should be refused`).toBe(true);
  const text = (result.content[0] as { text: string }).text;
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/failed on the server/);
  return text;
}

async function auditRows(action: string, targetId?: string) {
  const result = await database().query<{ actor_email: string; via: string; before: unknown; after: unknown }>(
    `SELECT actor_email, via, before, after FROM audit_log
     WHERE action = $1 AND actor_id = $2 AND ($3::text IS NULL OR target_id = $3) ORDER BY id`,
    [action, admin.userId, targetId ?? null],
  );
  return result.rows;
}

beforeAll(async () => {
  admin = await makeAdmin();
  client = await connect(admin.token);
});

afterAll(async () => {
  await client?.close();
  await closeDatabase();
});

describe("MCP server", () => {
  it("lists every tool with a description and an input schema", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe("object");
    }
    const mint = tools.find((tool) => tool.name === "mint_key")!;
    expect(Object.keys(mint.inputSchema.properties ?? {}).sort()).toEqual(
      [
        "email",
        "name",
        "monthly_budget_usd",
        "budget_period",
        "rpm",
        "rpd",
        "tpm",
        "concurrency",
        "models",
        "expires_on",
        "ips",
      ].sort(),
    );
    expect(mint.inputSchema.required?.sort()).toEqual(["email", "name"]);
  });

  it("creates, finds and describes users; refuses a bad or taken email", async () => {
    const email = uniqueEmail("mcp-new");
    const created = await ok("create_user", { email: email.toUpperCase() });
    expect(created.email).toBe(email);
    const row = await database().query("SELECT id FROM users WHERE email = $1", [email]);
    expect(row.rowCount).toBe(1);
    expect(created.id).toBe(row.rows[0].id);
    const [audit] = await auditRows("user.create", row.rows[0].id);
    expect(audit).toMatchObject({ via: "mcp", actor_email: admin.email, after: { email } });

    const listed = await ok("list_users", { query: email.slice(0, 20) });
    expect((listed.users as Array<{ email: string }>).map((user) => user.email)).toContain(email);
    const user = await ok("get_user", { email });
    expect(user).toMatchObject({ email, is_admin: false, suspended: false, balance_usd: 0, active_keys: 0 });

    expect(await refused("create_user", { email })).toMatch(/exists already/);
    expect(await refused("create_user", { email: "not an email" })).toMatch(/email address/i);
    expect(await refused("get_user", { email: uniqueEmail("nobody") })).toMatch(/No user with email/);
    expect(await refused("get_user", {})).toMatch(/email/);
  });

  it("grants credit with a reason and reads the balance; refuses bad amounts and a missing reason", async () => {
    const { email, userId } = await createKey({ credits: 1 });
    const granted = await ok("grant_credits", { email, usd: 12.5, reason: "pilot for Acme" });
    expect(granted).toMatchObject({ email, granted_usd: 12.5, balance_usd: 13.5 });
    const ledger = await database().query<{ amount_micros: string; description: string }>(
      "SELECT amount_micros, description FROM ledger_entries WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
      [userId],
    );
    expect(ledger.rows[0].amount_micros).toBe("12500000");
    expect(ledger.rows[0].description).toContain(admin.email);
    expect(ledger.rows[0].description).toContain("pilot for Acme");
    const [audit] = await auditRows("credit.grant", userId);
    expect(audit).toMatchObject({ via: "mcp", after: { reason: "pilot for Acme", grantedUsd: "$12.50" } });

    const balance = await ok("get_credit_balance", { email });
    expect(balance).toMatchObject({ balance_usd: 13.5, held_usd: 0, available_usd: 13.5 });

    expect(await refused("grant_credits", { email, usd: -5, reason: "no" })).toMatch(/positive/);
    expect(await refused("grant_credits", { email, usd: 1, reason: "  " })).toMatch(/reason is required/i);
    expect(await refused("grant_credits", { email, usd: 1 })).toMatch(/reason/);
    expect(await refused("grant_credits", { email, usd: "5", reason: "x" })).toMatch(/usd/);
    expect(await refused("grant_credits", { email, usd: 0.0000001, reason: "x" })).toMatch(/six decimals/);
    // An argument the tool does not know is refused, not ignored: a misspelt amount must not pass silently.
    expect(await refused("grant_credits", { email, amount: 5, reason: "x" })).toMatch(/amount|usd/);
    expect((await ok("get_credit_balance", { email })).balance_usd).toBe(13.5);
  });

  it("mints a key that works with its limits, changes it, and revokes it only with confirm: true", async () => {
    const { email, userId } = await createKey({ credits: 5 });
    const minted = await ok("mint_key", {
      email,
      name: "acme-prod",
      monthly_budget_usd: 100,
      rpm: 30,
      models: ["openai/gpt-4o-mini"],
      expires_on: "2099-12-31",
    });
    const key = String(minted.key);
    expect(key).toMatch(/^sy-live-[0-9A-Za-z]{40}$/);
    const row = await database().query(
      "SELECT id, user_id, name, rpm_limit, monthly_budget_micros, allowed_models, expires_at FROM api_keys WHERE key_hash = $1",
      [hashKey(key)],
    );
    expect(row.rows[0]).toMatchObject({
      id: minted.key_id,
      user_id: userId,
      name: "acme-prod",
      rpm_limit: 30,
      monthly_budget_micros: "100000000",
      allowed_models: ["openai/gpt-4o-mini"],
    });
    expect((row.rows[0].expires_at as Date).toISOString()).toBe("2099-12-31T23:59:59.999Z");
    // The key is in the answer once and nowhere in the audit log.
    const [audit] = await auditRows("key.create", String(minted.key_id));
    expect(audit.via).toBe("mcp");
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(JSON.stringify(audit)).toContain(key.slice(-4));

    expect((await postChat(key, chatBody("openai/gpt-4o-mini"))).status).toBe(200);
    expect((await postChat(key, chatBody("deepseek/deepseek-chat"))).status).toBe(403);

    const listed = await ok("list_keys", { email });
    const listedKey = (listed.keys as Array<Record<string, unknown>>).find((entry) => entry.key_id === minted.key_id)!;
    expect(listedKey).toMatchObject({ name: "acme-prod", status: "active", rpm: 30, monthly_budget_usd: 100 });
    expect(JSON.stringify(listed)).not.toContain(key);

    const updated = await ok("update_key", { key_id: minted.key_id, rpm: 60, monthly_budget_usd: null, models: [] });
    expect(updated).toMatchObject({ rpm: 60, monthly_budget_usd: null, models: [], name: "acme-prod" });
    const after = await database().query(
      "SELECT rpm_limit, monthly_budget_micros, allowed_models, expires_at FROM api_keys WHERE id = $1",
      [minted.key_id],
    );
    expect(after.rows[0]).toMatchObject({ rpm_limit: 60, monthly_budget_micros: null, allowed_models: [] });
    expect(after.rows[0].expires_at).not.toBeNull();
    const [change] = await auditRows("key.update", String(minted.key_id));
    expect(change).toMatchObject({ before: { rpm: 30, monthlyBudgetUsd: "$100.00" }, after: { rpm: 60 } });

    expect(await refused("revoke_key", { key_id: minted.key_id })).toMatch(/confirm: true/);
    expect(await refused("revoke_key", { key_id: minted.key_id, confirm: false })).toMatch(/acme-prod/);
    const stillActive = await database().query("SELECT revoked_at FROM api_keys WHERE id = $1", [minted.key_id]);
    expect(stillActive.rows[0].revoked_at).toBeNull();
    expect(await ok("revoke_key", { key_id: minted.key_id, confirm: true })).toMatchObject({
      revoked: true,
      already_revoked: false,
    });
    const revoked = await database().query("SELECT revoked_at FROM api_keys WHERE id = $1", [minted.key_id]);
    expect(revoked.rows[0].revoked_at).not.toBeNull();
    expect(await auditRows("key.revoke", String(minted.key_id))).toHaveLength(1);
    await eventually(
      async () => ((await postChat(key, chatBody("openai/gpt-4o-mini"))).status === 401 ? true : undefined),
      5_000,
      "the revoked key to be refused",
    );
    expect(await refused("update_key", { key_id: minted.key_id, rpm: 5 })).toMatch(/revoked/);
  });

  it("lists the plans, puts an account on one, and then holds its keys' limits under it", async () => {
    const { email, userId } = await createKey();
    const { plans } = (await ok("list_plans", {})) as { plans: Array<Record<string, unknown>> };
    expect(plans.map((plan) => plan.name)).toEqual(["Free", "Pay as you go", "Pro"]);
    expect(plans[0]).toMatchObject({ id: "free", rpm: expect.any(Number) });
    expect(await ok("set_plan", { email, plan: "free" })).toEqual({ email, plan: "Free" });
    const row = await database().query("SELECT plan_id FROM users WHERE id = $1", [userId]);
    expect(row.rows[0].plan_id).toBe("free");
    const [audit] = await auditRows("user.plan", userId);
    expect(audit).toMatchObject({ via: "mcp", after: { plan: "free" } });
    // A key's own limits can only lower the plan's.
    const freeRpm = Number(plans[0].rpm);
    expect(await refused("mint_key", { email, name: "too fast", rpm: freeRpm + 1 })).toMatch(
      new RegExp(`rpm: at most ${freeRpm}, the limit of the account's plan \\(Free\\)`),
    );
    const minted = await ok("mint_key", {
      email,
      name: "weekly",
      rpd: 50,
      tpm: 2000,
      concurrency: 1,
      monthly_budget_usd: 3,
      budget_period: "week",
    });
    expect(minted).toMatchObject({ rpd: 50, tpm: 2000, concurrency: 1, budget_period: "week" });
    expect(await refused("set_plan", { email, plan: "gold" })).toMatch(/No plan named 'gold'/);
    expect(await refused("update_key", { key_id: minted.key_id, budget_period: "year" })).toMatch(/budget_period/);
  });

  it("refuses bad key settings field by field, writing nothing", async () => {
    const { email, userId } = await createKey();
    const before = await database().query("SELECT count(*)::int AS keys FROM api_keys WHERE user_id = $1", [userId]);
    expect(await refused("mint_key", { email, name: "x", models: ["nope/nothing"] })).toMatch(
      /models: no model has the id nope\/nothing/,
    );
    expect(await refused("mint_key", { email, name: "x", monthly_budget_usd: 0.001 })).toMatch(/monthly_budget_usd/);
    expect(await refused("mint_key", { email, name: "x", expires_on: "2020-01-01" })).toMatch(/expires_on/);
    expect(await refused("mint_key", { email, name: "x", expires_on: "soon" })).toMatch(/expires_on/);
    expect(await refused("mint_key", { email, name: "x", rpm: 1.5 })).toMatch(/rpm/);
    expect(await refused("mint_key", { email, name: "" })).toMatch(/name/);
    expect(await refused("mint_key", { email: uniqueEmail("nobody"), name: "x" })).toMatch(/No user/);
    const afterCount = await database().query("SELECT count(*)::int AS keys FROM api_keys WHERE user_id = $1", [
      userId,
    ]);
    expect(afterCount.rows[0].keys).toBe(before.rows[0].keys);
    expect(await refused("update_key", { key_id: "no-such-key", rpm: 5 })).toMatch(/No key with id/);
    expect(await refused("revoke_key", { key_id: "no-such-key", confirm: true })).toMatch(/No key with id/);
    expect(await refused("list_keys", { email: "nope" })).toMatch(/email/);
  });

  it("reports a month's usage: cost, tokens and requests", async () => {
    const { email, key } = await createKey({ credits: 2 });
    const response = await postChat(key, chatBody("openai/gpt-4o-mini"));
    expect(response.status).toBe(200);
    const cost = Number(response.headers.get("x-switchyard-cost-usd"));
    const month = new Date().toISOString().slice(0, 7);
    const usage = await eventually(
      async () => {
        const result = await ok("get_usage", { email, month });
        return result.requests === 1 ? result : undefined;
      },
      10_000,
      "the request to reach the usage roll-up",
    );
    expect(usage.cost_usd).toBeCloseTo(cost, 6);
    expect(usage.tokens).toBeGreaterThan(0);
    expect(usage.tokens).toBe(Number(usage.prompt_tokens) + Number(usage.completion_tokens));
    expect(await ok("get_usage", { email, month: "2020-01" })).toMatchObject({ requests: 0, cost_usd: 0 });
    expect((await ok("get_user", { email })).this_month).toMatchObject({ requests: 1 });
    expect(await refused("get_usage", { email, month: "2026-13" })).toMatch(/YYYY-MM/);
    expect(await refused("get_usage", { email, month: "2999-01" })).toMatch(/not begun/);
  });

  it("lists models and routes, and adds a route that is announced to the data plane", async () => {
    const models = await ok("list_models", { query: "gpt-4o-mini" });
    const mini = (models.models as Array<Record<string, unknown>>).find(
      (entry) => entry.model === "openai/gpt-4o-mini",
    );
    expect(mini).toMatchObject({ status: "live", provider: "openai", input_usd_per_1m: 0.15, output_usd_per_1m: 0.6 });
    const live = await ok("list_models", { status: "live" });
    expect((live.models as Array<{ status: string }>).every((entry) => entry.status === "live")).toBe(true);
    expect(await refused("list_models", { status: "retired" })).toMatch(/status/);

    const routes = await ok("list_routes", { model: "openai/gpt-4o-mini" });
    expect((routes.routes as Array<Record<string, unknown>>).length).toBeGreaterThan(0);
    expect((routes.routes as Array<Record<string, unknown>>)[0]).toMatchObject({ model: "openai/gpt-4o-mini" });

    const version = async () =>
      (await database().query("SELECT version FROM control_versions WHERE scope = 'catalog'")).rows[0]?.version ?? "0";
    const versionBefore = BigInt(await version());
    const upstream = `gpt-4o-mini-mcp-${Date.now()}`;
    // Disabled and last in line: the route exists but serves nothing, so other tests' requests are unaffected.
    const created = await ok("create_route", {
      model: "openai/gpt-4o-mini",
      provider: "openai",
      upstream_model: upstream,
      priority: 1000,
      enabled: false,
    });
    expect(created).toMatchObject({ provider: "openai", upstream_model: upstream, priority: 1000, enabled: false });
    const row = await database().query("SELECT model_id, weight FROM deployments WHERE id = $1", [created.route_id]);
    expect(row.rows[0]).toMatchObject({ model_id: "openai/gpt-4o-mini", weight: 1 });
    expect(BigInt(await version())).toBeGreaterThan(versionBefore);
    expect(await auditRows("route.create", String(created.route_id))).toHaveLength(1);

    const base = { model: "openai/gpt-4o-mini", provider: "openai", upstream_model: upstream };
    expect(await refused("create_route", base)).toMatch(/upstream_model: Already in use/);
    expect(await refused("create_route", { ...base, provider: "nowhere" })).toMatch(/provider: No such provider/);
    expect(await refused("create_route", { ...base, model: "nope/nothing" })).toMatch(/model: No such model/);
    expect(await refused("create_route", { ...base, weight: 0 })).toMatch(/weight/);
    expect(await refused("list_routes", { model: "nope/nothing" })).toMatch(/model: No such model/);
  });

  it("reads and sets a user's monthly spending limit, and refuses bad values", async () => {
    const { email, userId } = await createKey();
    expect(await ok("get_spending_limit", { email })).toMatchObject({
      email,
      limit_usd: null,
      alert_percents: [50, 80, 100],
      low_balance_usd: null,
    });
    const set = await ok("set_spending_limit", { email, usd: 100, alert_percents: [90, 75], low_balance_usd: 5 });
    expect(set).toMatchObject({ limit_usd: 100, alert_percents: [75, 90], low_balance_usd: 5 });
    const row = await database().query(
      "SELECT spending_limit_micros, spending_alert_percents, low_balance_micros FROM users WHERE id = $1",
      [userId],
    );
    expect(row.rows[0]).toMatchObject({
      spending_limit_micros: "100000000",
      spending_alert_percents: [75, 90],
      low_balance_micros: "5000000",
    });
    expect(await auditRows("spending_limit.update", userId)).toHaveLength(1);
    expect((await ok("get_spending_limit", { email })).limit_usd).toBe(100);
    expect((await ok("set_spending_limit", { email, usd: null })).limit_usd).toBeNull();

    expect(await refused("set_spending_limit", { email, usd: -1 })).toMatch(/above zero/);
    expect(await refused("set_spending_limit", { email, usd: 10, alert_percents: [150] })).toMatch(/percentage/);
    expect(await refused("set_spending_limit", { email })).toMatch(/usd/);
    expect(await refused("get_spending_limit", { email: uniqueEmail("nobody") })).toMatch(/No user/);
  });

  it("makes a Stripe Checkout URL for a user's top-up", async () => {
    const { email, userId } = await createKey();
    const checkout = await ok("create_checkout_url", { email, usd: 20 });
    expect(String(checkout.url)).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const payment = await database().query(
      "SELECT amount_micros, status FROM payments WHERE user_id = $1 AND stripe_session_id = $2",
      [userId, checkout.session_id],
    );
    expect(payment.rows[0]).toMatchObject({ amount_micros: "20000000", status: "pending" });
    expect(await auditRows("checkout.create", userId)).toHaveLength(1);
    expect(await refused("create_checkout_url", { email, usd: 20.001 })).toMatch(/cent|amount/i);
    expect(await refused("create_checkout_url", { email, usd: 10_000_000 })).toMatch(/\$/);
  });

  it("audits reads as mcp.read rows naming the tool and its arguments", async () => {
    const { email } = await createKey();
    await ok("get_credit_balance", { email });
    const rows = await database().query<{ target_id: string; after: { arguments: { email: string } } }>(
      "SELECT target_id, after FROM audit_log WHERE action = 'mcp.read' AND actor_id = $1 AND via = 'mcp' ORDER BY id DESC LIMIT 1",
      [admin.userId],
    );
    expect(rows.rows[0]).toMatchObject({ target_id: "get_credit_balance", after: { arguments: { email } } });
  });
});

describe("MCP authentication", () => {
  async function postWithToken(token?: string) {
    return send("/api/mcp", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
  }

  function expectUnauthorised(response: Awaited<ReturnType<typeof send>>) {
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: "invalid_admin_token" } });
  }

  it("answers 401 without a token, with an unknown one, or with a client key", async () => {
    expectUnauthorised(await postWithToken());
    expectUnauthorised(await postWithToken("sy-admin-0000000000000000000000000000000000000000"));
    const { key } = await createKey();
    expectUnauthorised(await postWithToken(key));
    await expect(connect("sy-admin-nope")).rejects.toThrow();
    expect((await postWithToken(admin.token)).status).toBe(200);
  });

  it("answers 401 to a revoked token and to a token whose user is no longer an admin", async () => {
    const other = await makeAdmin("mcp-revoked");
    expect((await postWithToken(other.token)).status).toBe(200);
    const revoked = await runCli(["admin", "token", "revoke", other.tokenId]);
    expect(revoked.exitCode, revoked.stderr).toBe(0);
    expectUnauthorised(await postWithToken(other.token));

    const demoted = await makeAdmin("mcp-demoted");
    expect((await postWithToken(demoted.token)).status).toBe(200);
    await database().query("UPDATE users SET is_admin = false WHERE id = $1", [demoted.userId]);
    expectUnauthorised(await postWithToken(demoted.token));

    const suspended = await makeAdmin("mcp-suspended");
    await database().query("UPDATE users SET suspended_at = now() WHERE id = $1", [suspended.userId]);
    expectUnauthorised(await postWithToken(suspended.token));
    // Seven CLI runs (three admins with a token each, a revocation): each starts Node with tsx, seconds apiece on a
    // loaded 2-core machine.
  }, 150_000);

  it("answers GET and DELETE with 405", async () => {
    for (const method of ["GET", "DELETE"]) {
      const response = await send("/api/mcp", { method, headers: { authorization: `Bearer ${admin.token}` } });
      expect(response.status, method).toBe(405);
    }
  });
});
