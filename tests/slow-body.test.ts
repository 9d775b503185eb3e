// A request body that trickles in (a byte a second would do) must not hold a connection and an in-flight slot until
// Node's 300 s limit: past REQUEST_BODY_TIMEOUT_MS (3 s in this run) without 1 KiB of progress, the gateway answers
// 408 in the API's error shape.
import { Agent, request } from "node:http";
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
  /**
   * Whether the server closed the (kept-alive) connection within 20 s of its answer (it closes it 5 s after, LINGER_MS in
   * scripts/server.ts; the margin is for a loaded machine), long before the trickled body would have finished.
   */
  connectionEnded: boolean;
}

/** Posts `body` to a chat completion one byte every `everyMs`, on a kept-alive connection; stops once answered. */
function trickle(body: string, everyMs: number, apiKey = account.key): Promise<TrickleResult> {
  const { hostname, port } = new URL(appBaseUrl());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let serverEnded = false;
    let answered = false;
    const outgoing = request(
      {
        host: hostname,
        port,
        method: "POST",
        path: "/v1/chat/completions",
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        answered = true;
        clearInterval(timer);
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const headers = answerHeaders({ status, headers: response.headers, text });
          const elapsedMs = Date.now() - started;
          const waited = Date.now();
          const settle = setInterval(() => {
            if (!serverEnded && Date.now() - waited < 20_000) return;
            clearInterval(settle);
            agent.destroy();
            resolve({ status, headers, text, elapsedMs, sent, connectionEnded: serverEnded });
          }, 50);
        });
      },
    );
    // Closed by the server: the client itself never closes a kept-alive connection with a request still being sent.
    outgoing.on("socket", (socket) => socket.on("close", () => (serverEnded = true)));
    // A reset once answered is the server closing the connection, which is what is watched for.
    outgoing.on("error", (error) => {
      if (!answered) reject(error);
    });
    outgoing.flushHeaders();
    const timer = setInterval(() => {
      if (sent < body.length) outgoing.write(body[sent++]);
    }, everyMs);
  });
}

const chatBody = JSON.stringify({
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "x".repeat(190) }],
});

describe("a slow request body", () => {
  it("is refused with 408 once it stalls, long before it would have finished", async () => {
    // 240 bytes at 5 a second would take 48 s.
    const answer = await trickle(chatBody, 200);
    expectOpenAIError(answer, 408, "request_timeout");
    expect(answer.headers.get("x-request-id")).toMatch(/^req_/);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(requestBodyTimeoutMs - 500);
    expect(answer.elapsedMs).toBeLessThan(requestBodyTimeoutMs + 10_000);
    expect(answer.sent).toBeLessThan(chatBody.length);
    // Nobody will read the rest of that body: the connection ends with the answer instead of staying open for it.
    expect(answer.connectionEnded).toBe(true);
  }, 70_000);

  it("refused before it is read (an unknown key), does not keep the connection waiting for the rest", async () => {
    const answer = await trickle(chatBody, 200, `sy-live-${"x".repeat(40)}`);
    expectOpenAIError(answer, 401, "invalid_api_key");
    expect(answer.connectionEnded).toBe(true);
  }, 70_000);
});
