// The operator command line (CONTRACT.md §3) beyond key creation: listings, usage export, and its errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatBody, postChat } from "./support/app-client";
import { closeDatabase, createKey, database, hashKey, runCli, uniqueEmail, type MintedKey } from "./support/keys";
import { upstreamDeepSeekKeys, upstreamOpenAIKey } from "./support/test-environment";

let account: MintedKey;

beforeAll(async () => {
  account = await createKey({ credits: 2 });
});

afterAll(async () => {
  await closeDatabase();
});

describe("cli", () => {
  it("lists providers with their key counts and never prints a provider key", async () => {
    const result = await runCli(["providers", "list"]);
    expect(result.exitCode).toBe(0);
    const openai = result.stdout.split("\n").find((line) => line.startsWith("openai "));
    expect(openai).toMatch(/1 active/);
    expect(result.stdout.split("\n").find((line) => line.startsWith("deepseek "))).toMatch(/2 active/);
    for (const secret of [upstreamOpenAIKey, ...upstreamDeepSeekKeys]) expect(result.stdout).not.toContain(secret);
  });

  it("lists the catalog with list prices", async () => {
    const result = await runCli(["models", "list"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\n").find((line) => line.startsWith("openai/gpt-4o-mini "))).toMatch(
      /live\s+\$0\.15\s+\$0\.075\s+\$0\.6\s+gpt-4o-mini/,
    );
  });

  it("exports a user's requests as CSV, one row per request with its cost", async () => {
    const response = await postChat(account.key, chatBody("openai/gpt-4o-mini"));
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id")!;
    let csv = "";
    for (let tries = 0; tries < 20 && !csv.includes(requestId); tries++) {
      csv = (await runCli(["usage", "--email", account.email, "--csv"])).stdout;
    }
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toBe(
      "time,request_id,key_id,model,provider,status,prompt_tokens,completion_tokens,cost_usd,latency_ms",
    );
    const row = rows.find((line) => line.includes(requestId))!.split(",");
    expect(row[3]).toBe("openai/gpt-4o-mini");
    expect(row[5]).toBe("200");
    expect(Number(row[8])).toBeCloseTo(Number(response.headers.get("x-switchyard-cost-usd")), 6);
  });

  it("adds and removes credits, and lists and revokes keys", async () => {
    const added = await runCli(["credits", "add", "--email", account.email, "--usd", "1.5"]);
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toMatch(/added \$1\.50/);
    const removed = await runCli(["credits", "add", "--email", account.email, "--usd", "-0.5"]);
    expect(removed.stdout).toMatch(/removed \$0\.50/);
    const listed = await runCli(["key", "list", "--email", account.email]);
    expect(listed.stdout).toContain(account.keyId);
    expect(listed.stdout).not.toContain(account.key);
    const revoked = await runCli(["key", "revoke", account.keyId]);
    expect(revoked.exitCode).toBe(0);
    expect((await runCli(["key", "list", "--email", account.email])).stdout).toMatch(/revoked/);
  });

  it("mints an admin token for an admin only, prints it alone on the last line, and revokes it; both audited", async () => {
    const admin = await createKey();
    const refused = await runCli(["admin", "token", "create", "--email", admin.email]);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/^error: --email: .* is not an admin/);
    await database().query("UPDATE users SET is_admin = true WHERE id = $1", [admin.userId]);

    const created = await runCli(["admin", "token", "create", "--email", admin.email, "--name", "deploy bot"]);
    expect(created.exitCode, created.stderr).toBe(0);
    const token = created.stdout.trim().split("\n").at(-1) ?? "";
    expect(token).toMatch(/^sy-admin-[0-9A-Za-z]{40}$/);
    const row = await database().query<{ id: string; name: string; user_id: string; last_four: string }>(
      "SELECT id, name, user_id, last_four FROM admin_tokens WHERE token_hash = $1",
      [hashKey(token)],
    );
    expect(row.rows[0]).toMatchObject({ name: "deploy bot", user_id: admin.userId, last_four: token.slice(-4) });
    const tokenId = row.rows[0].id;

    const revoked = await runCli(["admin", "token", "revoke", tokenId]);
    expect(revoked.exitCode, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/revoked admin token/);
    const after = await database().query("SELECT revoked_at FROM admin_tokens WHERE id = $1", [tokenId]);
    expect(after.rows[0].revoked_at).not.toBeNull();
    expect((await runCli(["admin", "token", "revoke", tokenId])).stdout).toMatch(/already revoked/);

    const audit = await database().query<{ action: string; via: string; actor_email: string; after: unknown }>(
      "SELECT action, via, actor_email, after FROM audit_log WHERE target_id = $1 ORDER BY id",
      [tokenId],
    );
    expect(audit.rows.map((entry) => entry.action)).toEqual(["admin_token.create", "admin_token.revoke"]);
    expect(audit.rows.every((entry) => entry.via === "cli" && entry.actor_email.startsWith("cli:"))).toBe(true);
    expect(JSON.stringify(audit.rows)).not.toContain(token);
  });

  it("exits non-zero with a one-line reason on bad input", async () => {
    for (const args of [
      ["credits", "add", "--email", account.email, "--usd", "lots"],
      ["credits", "add", "--email", uniqueEmail("nobody"), "--usd", "1"],
      ["key", "create", "--email", "not-an-email"],
      ["key", "create", "--email", uniqueEmail(), "--models", "nope/nothing"],
      ["key", "revoke", "no-such-key"],
      ["admin", "token", "create", "--email", uniqueEmail("nobody")],
      ["admin", "token", "revoke", "no-such-token"],
      ["admin", "token", "revoke"],
      ["frobnicate"],
    ]) {
      const result = await runCli(args);
      expect(result.exitCode, args.join(" ")).not.toBe(0);
      expect(result.stderr.trim().split("\n")[0], args.join(" ")).toMatch(/^error: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
