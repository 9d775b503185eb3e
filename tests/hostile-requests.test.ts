// Requests built to hurt: characters PostgreSQL refuses (which once dropped a request's log row and its charge), JSON
// nested deep enough to overflow the stack (once a 502 blamed on a healthy provider, opening its circuits), and models
// no key here can serve (once a 502 that told clients to retry an upstream that was never called).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chargedRow, chatBody, expectOpenAIError, parseJson, postChat, send } from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, database, requestLogs, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const openai = connectStandIn();
const model = "openai/gpt-4o-mini";
let account: MintedKey;

/** JSON text nested `depth` levels deep; JSON.stringify itself could not build it. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`;

beforeAll(async () => {
  account = await createKey({ credits: 5 });
});

beforeEach(async () => {
  await openai.reset();
});

afterAll(async () => {
  await openai.reset();
  await closeDatabase();
});

describe("characters PostgreSQL refuses", () => {
  it("logs and charges a request whose logged prompt holds NUL and a lone surrogate", async () => {
    const logged = await createKey({ credits: 1 });
    await database().query("UPDATE users SET prompt_logging = true WHERE id = $1", [logged.userId]);
    const before = await balanceMicros(logged.userId);
    const body = `{"model":"${model}","messages":[{"role":"user","content":"free\\u0000lunch \\ud800 and \\\\u0000"}]}`;
    const response = await send("/v1/chat/completions", { apiKey: logged.key, body });
    expect(response.status, response.text).toBe(200);
    expect(Number(response.headers.get("x-switchyard-cost-usd"))).toBeGreaterThan(0);
    const row = await chargedRow(logged.userId, before, response.headers.get("x-request-id"));
    expect(row.costMicros).toBeGreaterThan(0n);
    expect(JSON.stringify(row.prompt)).toContain("free\uFFFDlunch");
    expect(JSON.stringify(row.prompt), "an escaped backslash stays text").toContain("\\\\u0000");
  });

  it("logs and charges a request whose failed attempt's upstream error echoed a NUL", async () => {
    const before = await balanceMicros(account.userId);
    await openai.enqueue({
      status: 500,
      body: {
        error: {
          message: "Unrecognized request argument supplied: bad\u0000field",
          type: "server_error",
          param: null,
          code: null,
        },
      },
    });
    const response = await send("/v1/chat/completions", {
      apiKey: account.key,
      body: `{"model":"${model}","messages":[{"role":"user","content":"hi"}],"bad\\u0000field":1}`,
    });
    expect(response.status, response.text).toBe(200);
    const row = await chargedRow(account.userId, before, response.headers.get("x-request-id"));
    expect(row.costMicros).toBeGreaterThan(0n);
    expect(JSON.stringify(row.attempts)).toContain("bad\uFFFDfield");
  });
});

describe("deeply nested JSON", () => {
  it.each([
    ["metadata", `"metadata":${nested(10_000)}`, "metadata.a.a"],
    [
      "tools[0].function.parameters",
      `"tools":[{"type":"function","function":{"name":"f","parameters":${nested(10_000)}}}]`,
      "tools[0].function.parameters",
    ],
    [
      "response_format.json_schema.schema",
      `"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${nested(10_000)}}}`,
      "response_format.json_schema.schema",
    ],
  ])("is refused in %s with a 400 naming the field, before any upstream call", async (_field, field, param) => {
    const body = `{"model":"${model}","messages":[{"role":"user","content":"hi"}],${field}}`;
    expectOpenAIError(await send("/v1/chat/completions", { apiKey: account.key, body }), 400, "invalid_value", param);
    expect(await openai.chatRequests()).toEqual([]);
  });

  it("is refused on /v1/messages in a tool_use input, in Anthropic's shape", async () => {
    const body =
      `{"model":"${model}","max_tokens":10,"messages":[{"role":"user","content":"hi"},` +
      `{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":${nested(10_000)}}]},` +
      `{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}`;
    const response = await send("/v1/messages", { headers: { "x-api-key": account.key }, body });
    expect(response.status, response.text).toBe(400);
    const error = (parseJson(response) as { type: string; error: { type: string; param: string } }).error;
    expect(error).toMatchObject({ type: "invalid_request_error", param: "messages[1].content[0].input" });
    expect(await openai.chatRequests()).toEqual([]);
  });

  it("leaves the provider healthy: the next request is served at the first attempt", async () => {
    for (let round = 0; round < 3; round += 1) {
      const body = `{"model":"${model}","messages":[{"role":"user","content":"hi"}],"metadata":${nested(10_000)}}`;
      expect((await send("/v1/chat/completions", { apiKey: account.key, body })).status).toBe(400);
    }
    const served = await postChat(account.key, chatBody(model, "still healthy?"));
    expect(served.status, served.text).toBe(200);
    expect(served.headers.get("x-switchyard-attempts")).toBe("1");
  });
});

describe("a model no key on this gateway can serve", () => {
  it("answers 501 not_implemented, calls nothing, charges nothing, and is not listed", async () => {
    const fresh = await createKey({ credits: 1 });
    const before = await balanceMicros(fresh.userId);
    const error = expectOpenAIError(
      await postChat(fresh.key, chatBody("moonshot/kimi-k2")),
      501,
      "not_implemented",
      "model",
    );
    expect(error.message).toMatch(/no provider configured for 'moonshot\/kimi-k2'/);
    expect(await openai.chatRequests()).toEqual([]);
    const listed = parseJson(await send("/v1/models", { apiKey: fresh.key })) as { data: Array<{ id: string }> };
    expect(listed.data.map((entry) => entry.id)).not.toContain("moonshot/kimi-k2");
    const rows = await requestLogs(fresh.userId);
    expect(rows.filter((row) => row.status === 501).every((row) => row.costMicros === 0n)).toBe(true);
    expect(await balanceMicros(fresh.userId)).toBe(before);
  });
});
