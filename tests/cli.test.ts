// The operator command line (CONTRACT.md §3) beyond key creation: listings, usage export, and its errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatBody, postChat } from "./support/app-client";
import { closeDatabase, createKey, runCli, uniqueEmail, type MintedKey } from "./support/keys";
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

  it("exits non-zero with a one-line reason on bad input", async () => {
    for (const args of [
      ["credits", "add", "--email", account.email, "--usd", "lots"],
      ["credits", "add", "--email", uniqueEmail("nobody"), "--usd", "1"],
      ["key", "create", "--email", "not-an-email"],
      ["key", "create", "--email", uniqueEmail(), "--models", "nope/nothing"],
      ["key", "revoke", "no-such-key"],
      ["frobnicate"],
    ]) {
      const result = await runCli(args);
      expect(result.exitCode, args.join(" ")).not.toBe(0);
      expect(result.stderr.trim().split("\n")[0], args.join(" ")).toMatch(/^error: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
