// A client that hangs up mid-stream: the gateway aborts its upstream call and still meters what was delivered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appBaseUrl, chatBody, eventually } from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, requestLogs, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const standIn = connectStandIn();
let account: MintedKey;

beforeAll(async () => {
  account = await createKey({ credits: 5 });
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await closeDatabase();
});

describe("client disconnect", () => {
  it("aborts the upstream stream, logs the request as closed by the client, and charges what was delivered", async () => {
    // A slow upstream (a model thinking between tokens): frames 3 s apart. The gateway must hang up on it at
    // once, not when the next frame happens to arrive.
    const gapMs = 3_000;
    await standIn.enqueue({ chunkIntervalMs: gapMs, content: "word0 word1 word2 word3 word4 word5" });
    const before = await balanceMicros(account.userId);

    const controller = new AbortController();
    const response = await fetch(`${appBaseUrl()}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
      body: JSON.stringify(chatBody("openai/gpt-4o-mini", "Tell me a long story.", { stream: true })),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!/"content":"[^"]+"/.test(received)) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended before the client hung up");
      received += decoder.decode(value, { stream: true });
    }
    const hungUpAt = Date.now();
    controller.abort();

    const upstream = await eventually(
      async () => {
        const [request] = await standIn.chatRequests();
        return request?.closedByCaller ? request : undefined;
      },
      gapMs / 2,
      "the stand-in to see the gateway hang up",
    );
    expect(upstream.closedByCaller).toBe(true);
    expect(Date.now() - hungUpAt).toBeLessThan(gapMs);

    const log = await eventually(
      async () => (await requestLogs(account.userId)).find((row) => row.stream),
      5_000,
      "the request log row",
    );
    expect(log.status).toBe(499);
    expect(log.errorCode).toBe("client_closed");
    // No usage came from upstream before the hang-up: the delivered text is estimated and charged.
    expect(log.completionTokens).toBeGreaterThan(0);
    expect(log.costMicros).toBeGreaterThan(0n);
    const after = await eventually(
      async () => {
        const balance = await balanceMicros(account.userId);
        return balance < before ? balance : undefined;
      },
      5_000,
      "the charge",
    );
    expect(before - after).toBe(log.costMicros);
  });

  it("cancels the upstream call of a non-stream request whose client gave up, logs it as 499 and charges nothing", async () => {
    const fresh = await createKey({ credits: 1 });
    const before = await balanceMicros(fresh.userId);
    // An upstream still thinking when the client gives up.
    await standIn.enqueue({ delayFirstByteMs: 2_500 });
    const controller = new AbortController();
    const sent = fetch(`${appBaseUrl()}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${fresh.key}`, "content-type": "application/json" },
      body: JSON.stringify(chatBody("openai/gpt-4o-mini", "a question I stop waiting for")),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await eventually(
      async () => ((await standIn.chatRequests()).length > 0 ? true : undefined),
      5_000,
      "the upstream call",
    );
    controller.abort();
    await sent;

    const upstream = await eventually(
      async () => {
        const [request] = await standIn.chatRequests();
        return request?.closedByCaller ? request : undefined;
      },
      2_000,
      "the gateway to cancel its upstream call",
    );
    expect(upstream.closedByCaller).toBe(true);
    const log = await eventually(async () => (await requestLogs(fresh.userId))[0], 5_000, "the request log row");
    expect(log).toMatchObject({ status: 499, errorCode: "client_closed", costMicros: 0n });
    expect(await balanceMicros(fresh.userId)).toBe(before);
  });
});
