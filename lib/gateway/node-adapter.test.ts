import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { serveDirect } from "./node-adapter";
import { clientGoneOf } from "./client-gone";
import { type PullSource, withBodyText, withPullSource } from "./pull-source";
import type { RouteHandler } from "./routes";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A node:http server that hands every request to `handler` through the adapter, as scripts/server.ts does. */
async function serve(handler: RouteHandler, params: Record<string, string[]> = {}): Promise<string> {
  const started = createServer((request, response) => {
    const match = { handler, context: { params: Promise.resolve(params) } };
    void serveDirect(request, response, request.url ?? "/", match, () => ({
      status: 500,
      headers: { "content-type": "application/json" },
      body: '{"error":{"code":"internal_error"}}',
    }));
  });
  server = started;
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

/** A client that posts a chat request and hangs up as soon as the first chunk of the answer arrives. */
function hangUpAfterFirstChunk(origin: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const client = httpRequest(`${origin}/v1/chat/completions`, { method: "POST" }, (response) => {
      response.once("data", () => {
        client.destroy();
        resolve();
      });
    });
    client.on("error", () => undefined);
    client.once("error", reject);
    client.end("{}");
  });
}

describe("the direct path's node:http adapter", () => {
  it("hands the handler the method, path, query, headers, body and route params", async () => {
    let seen: Record<string, unknown> = {};
    const origin = await serve(
      async (request, context) => {
        seen = {
          method: request.method,
          url: request.url,
          auth: request.headers.get("authorization"),
          body: await request.text(),
          params: await context?.params,
        };
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
      { id: ["a/b"] },
    );
    const response = await fetch(`${origin}/v1/models/a%2Fb?all=true`, {
      method: "POST",
      headers: { authorization: "Bearer sy-live-x", "content-type": "application/json" },
      body: '{"model":"m"}',
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual({
      method: "POST",
      url: "http://localhost/v1/models/a%2Fb?all=true",
      auth: "Bearer sy-live-x",
      body: '{"model":"m"}',
      params: { id: ["a/b"] },
    });
  });

  it("writes the status, every header (each cookie apart) and the API's security headers", async () => {
    const origin = await serve(async () => {
      const headers = new Headers({ "x-request-id": "req_1", "content-type": "application/json" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response('{"error":{}}', { status: 429, headers });
    });
    const response = await fetch(`${origin}/v1/key`);
    expect(response.status).toBe(429);
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    // A JSON answer goes out whole, with its length.
    expect(response.headers.get("content-length")).toBe("12");
    expect(response.headers.get("transfer-encoding")).toBeNull();
    expect(await response.text()).toBe('{"error":{}}');
  });

  it("sends each chunk of a stream as it comes, not when the stream ends", async () => {
    let release: () => void = () => undefined;
    const origin = await serve(async () => {
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("data: 1\n\n"));
          await new Promise<void>((resolve) => (release = resolve));
          controller.enqueue(new TextEncoder().encode("data: 2\n\n"));
          controller.close();
        },
      });
      return new Response(stream, { headers: { "content-type": "text/event-stream" } });
    });
    const response = await fetch(`${origin}/v1/chat/completions`, { method: "POST", body: "{}" });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 1\n\n");
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 2\n\n");
    expect((await reader.read()).done).toBe(true);
  });

  it("tells the handler its client went, and cancels the body, when the client goes mid-stream", async () => {
    let aborted: Promise<boolean> = Promise.resolve(false);
    let cancelled!: () => void;
    const bodyCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    const origin = await serve(async (request) => {
      aborted = new Promise((resolve) => clientGoneOf(request)?.addEventListener("abort", () => resolve(true)));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("data: 1\n\n"));
        },
        cancel: () => cancelled(),
      });
      return new Response(stream, { headers: { "content-type": "text/event-stream" } });
    });
    await hangUpAfterFirstChunk(origin);
    await bodyCancelled;
    expect(await aborted).toBe(true);
  });

  it("writes a relayed stream from its pull source, pull by pull, and cancels it when the client goes", async () => {
    const encoder = new TextEncoder();
    let release: () => void = () => undefined;
    let pulls = 0;
    let cancelled!: () => void;
    const sourceCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    const source: PullSource = {
      async pull(controller) {
        pulls += 1;
        if (pulls === 1) return controller.enqueue(encoder.encode("data: 1\n\n"));
        await new Promise<void>((resolve) => (release = resolve));
        controller.enqueue(encoder.encode("data: 2\n\n"));
        if (pulls === 3) controller.close();
      },
      cancel: () => cancelled(),
    };
    // The web stream over the same source is what Next would read; the adapter must not read it as well.
    const origin = await serve(async () => {
      const readable = new ReadableStream<Uint8Array>(
        { pull: () => Promise.reject(new Error("read through the web stream")) },
        { highWaterMark: 0 },
      );
      return withPullSource(new Response(readable, { headers: { "content-type": "text/event-stream" } }), source);
    });
    const response = await fetch(`${origin}/v1/chat/completions`, { method: "POST", body: "{}" });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 1\n\n");
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 2\n\n");
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 2\n\n");
    expect((await reader.read()).done).toBe(true);
    expect(pulls).toBe(3);

    // A client that goes mid-stream: the source is cancelled, not pulled to its end.
    pulls = 0;
    await hangUpAfterFirstChunk(origin);
    await sourceCancelled;
    release();
    expect(pulls).toBe(2);
  });

  it("writes a JSON answer from the text it was made from, with its length, without reading its body stream", async () => {
    const text = '{"id":"chatcmpl-1","object":"chat.completion"}';
    let bodyRead = false;
    const origin = await serve(async () => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            bodyRead = true;
            controller.error(new Error("the body stream was read"));
          },
        },
        { highWaterMark: 0 },
      );
      return withBodyText(new Response(body, { status: 201, headers: { "content-type": "application/json" } }), text);
    });
    const response = await fetch(`${origin}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-length")).toBe(String(text.length));
    expect(await response.text()).toBe(text);
    expect(bodyRead).toBe(false);
  });

  it("answers HEAD with the headers and no body", async () => {
    const origin = await serve(async () => new Response('{"data":[]}', { headers: { "x-request-id": "req_2" } }));
    const response = await fetch(`${origin}/v1/models`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req_2");
    expect(await response.text()).toBe("");
  });

  it("answers a handler that throws with the server's own 500 in the API's shape", async () => {
    const origin = await serve(async () => {
      throw new Error("adapter fault");
    });
    const response = await fetch(`${origin}/v1/key`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "internal_error" } });
  });

  it("answers a header Node refuses with the server's 500, not a crash", async () => {
    const origin = await serve(async () => new Response("{}", { headers: { "x-odd": "a\u0001b" } }));
    const response = await fetch(`${origin}/v1/key`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "internal_error" } });
  });
});
