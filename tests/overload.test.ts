// Past capacity, npm start's server refuses /v1 requests itself, before reading their bodies or running Next: a 503
// in the API's error shape with Retry-After, in milliseconds, while the requests already admitted carry on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatBody, eventually, sleep } from "./support/app-client";
import { closeDatabase, createKey, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { startServer, type RunningServer } from "./support/spawn-server";

const openai = connectStandIn();
let server: RunningServer;
let account: MintedKey;

beforeAll(async () => {
  server = await startServer({ MAX_IN_FLIGHT: "2", SHED_EVENT_LOOP_DELAY_MS: "0" });
  account = await createKey({ credits: 2 });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await openai.reset();
  await closeDatabase();
});

const post = (text: string, stream = false) =>
  fetch(`${server.origin}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
    body: JSON.stringify(chatBody("openai/gpt-4o-mini", text, { stream })),
  });

describe("a server at its in-flight bound", () => {
  it("refuses the next /v1 request at once with 503 and Retry-After, and admits again when a slot frees", async () => {
    // Two slow streams hold both places.
    await openai.enqueue(
      { chunkIntervalMs: 300, content: "slow ".repeat(8) },
      { chunkIntervalMs: 300, content: "slow ".repeat(8) },
    );
    const streams = [await post("first", true), await post("second", true)];
    expect(streams.map((response) => response.status)).toEqual([200, 200]);

    const startedAt = performance.now();
    const refused = await post("one too many");
    const elapsed = performance.now() - startedAt;
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await refused.json()).toMatchObject({ error: { code: "overloaded", type: "overloaded_error" } });
    expect(elapsed, "refused without waiting for the others").toBeLessThan(500);
    // The pages and the status page are not the data plane: they still answer.
    expect((await fetch(`${server.origin}/api/status`)).status).toBe(200);

    await Promise.all(streams.map((response) => response.text()));
    await sleep(50);
    const admitted = await eventually(
      async () => {
        const response = await post("room again");
        return response.status === 200 ? response : undefined;
      },
      5_000,
      "a slot to free",
    );
    expect(admitted.status).toBe(200);
  });
});
