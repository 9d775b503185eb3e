// npm start serves pages and their assets compressed (scripts/compression.ts), in the encoding the browser asks for,
// and never the API: /v1 answers and every event stream leave exactly as written.
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { appBaseUrl } from "./support/app-client";
import { closeDatabase, createKey } from "./support/keys";

afterAll(closeDatabase);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with raw bytes back: fetch would decode the body and hide what was sent. */
function get(
  path: string,
  acceptEncoding: string,
  init: { method?: string; body?: string; apiKey?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${appBaseUrl()}${path}`,
      {
        method: init.method ?? "GET",
        headers: {
          "accept-encoding": acceptEncoding,
          ...(init.apiKey ? { authorization: `Bearer ${init.apiKey}` } : {}),
          ...(init.body ? { "content-type": "application/json", "content-length": Buffer.byteLength(init.body) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on("error", reject);
      },
    );
    call.on("error", reject);
    call.end(init.body);
  });
}

describe("compression", () => {
  it("serves a page in brotli when asked, gzip otherwise, and plain to a client that accepts neither", async () => {
    const brotli = await get("/", "gzip, deflate, br");
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const html = brotliDecompressSync(brotli.body).toString();
    expect(html).toContain("<html");

    const gzip = await get("/", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toContain("<html");

    const plain = await get("/", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toContain("<html");
    // Worth it: the page is several times smaller on the wire.
    expect(brotli.body.length * 3).toBeLessThan(plain.body.length);
  });

  it("compresses the page's scripts", async () => {
    const page = (await get("/", "identity")).body.toString();
    const script = page.match(/<script src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const compressed = await get(script as string, "br");
    expect(compressed.status).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe("br");
    const plain = await get(script as string, "identity");
    expect(brotliDecompressSync(compressed.body).equals(plain.body)).toBe(true);
  });

  it("never compresses the API, its errors or its event streams", async () => {
    const { key } = await createKey();
    const models = await get("/v1/models", "gzip, br", { apiKey: key });
    expect(models.status).toBe(200);
    expect(models.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(models.body.toString()).object).toBe("list");

    const refused = await get("/v1/chat/completions", "gzip, br", { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
    expect(refused.headers["content-encoding"]).toBeUndefined();

    const status = await get("/api/status", "gzip, br");
    expect(status.headers["content-encoding"]).toBeUndefined();

    const demo = await get("/api/demo/chat", "gzip, br", {
      method: "POST",
      body: JSON.stringify({ model: "zhipu/glm-4-flash", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(demo.headers["content-encoding"]).toBeUndefined();
    expect(demo.status).toBe(200);
    expect(demo.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(demo.body.toString()).toContain("data: ");
  });
});
