// A request body that trickles in (a byte a second would do) must not hold a connection and an in-flight slot until
// Node's 300 s limit: past REQUEST_BODY_TIMEOUT_MS (3 s in this run) without 1 KiB of progress, the gateway answers
// 408 in the API's error shape.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appBaseUrl, expectOpenAIError } from "./support/app-client";
import { closeDatabase, createKey, type MintedKey } from "./support/keys";
import { answerHeaders } from "./support/raw-http";
import { requestBodyTimeoutMs } from "./support/test-environment";

let account: MintedKey;

beforeAll(async () => {
  account = await createKey({ name: "slow-body", credits: 1 });
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

interface TrickleResult {
  status: number;
  headers: Headers;
  text: string;
  elapsedMs: number;
  /** Bytes of the body written before the answer came. */
  sent: number;
}

/** Posts `body` to a chat completion one byte every `everyMs`, and stops writing once the answer arrives. */
function trickle(body: string, everyMs: number): Promise<TrickleResult> {
  const { hostname, port } = new URL(appBaseUrl());
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const outgoing = request(
      {
        host: hostname, port, method: "POST", path: "/v1/chat/completions", agent: false,
        headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        clearInterval(timer);
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          const headers = answerHeaders({ status: response.statusCode ?? 0, headers: response.headers, text });
          resolve({ status: response.statusCode ?? 0, headers, text, elapsedMs: Date.now() - started, sent });
          outgoing.destroy();
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.flushHeaders();
    timer = setInterval(() => {
      if (sent < body.length) outgoing.write(body[sent++]);
    }, everyMs);
  });
}

describe("a slow request body", () => {
  it("is refused with 408 once it stalls, long before it would have finished", async () => {
    const body = JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(200) }] });
    // 250 bytes at 5 a second would take 50 s.
    const answer = await trickle(body, 200);
    expectOpenAIError(answer, 408, "request_timeout");
    expect(answer.headers.get("x-request-id")).toMatch(/^req_/);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(requestBodyTimeoutMs - 500);
    expect(answer.elapsedMs).toBeLessThan(requestBodyTimeoutMs + 10_000);
    expect(answer.sent).toBeLessThan(body.length);
  }, 70_000);
});
