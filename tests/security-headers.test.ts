import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./support/app-client";
import { closeDatabase, createKey, sessionCookie } from "./support/keys";
import { rawRequest } from "./support/raw-http";
import { startServer } from "./support/spawn-server";

let cookie: string;

beforeAll(async () => {
  const account = await createKey({ name: "headers-check" });
  cookie = await sessionCookie(account.userId);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

function expectStaticHeaders(headers: Headers, what: string): void {
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(headers.get("x-frame-options"), what).toBe("DENY");
  expect(headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(headers.get("strict-transport-security"), `${what}: plain http`).toBeNull();
}

/** The page's policy nonce, checked against every script tag in its HTML. */
function expectNoncedPage(headers: Headers, html: string, what: string): string {
  const policy = headers.get("content-security-policy") ?? "";
  expect(policy, what).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  const nonce = policy.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/)?.[1];
  expect(nonce, `${what}: ${policy}`).toBeDefined();
  expect(policy, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, what).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  return nonce ?? "";
}

describe("security headers", () => {
  it.each(["/", "/signin", "/signin/check-email", "/no-such-page"])("are on the page %s", async (path) => {
    const first = await send(path);
    expectStaticHeaders(first.headers, path);
    const nonce = expectNoncedPage(first.headers, first.text, path);
    const second = await send(path);
    expect(expectNoncedPage(second.headers, second.text, path)).not.toBe(nonce);
  });

  it("keep /keys, where keys are shown once, out of every frame", async () => {
    const page = await send("/keys", { headers: { cookie } });
    expect(page.status).toBe(200);
    expectStaticHeaders(page.headers, "/keys");
    expectNoncedPage(page.headers, page.text, "/keys");
    const signedOut = await rawRequest({ path: "/keys" });
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers["x-frame-options"]).toBe("DENY");
    expect(signedOut.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it.each([
    ["GET", "/v1/models"],
    ["POST", "/v1/chat/completions"],
    ["GET", "/v1/no-such-endpoint"],
    ["GET", "/api/status"],
  ])("are on the API's %s %s, with a policy that lets nothing run", async (method, path) => {
    const answer = await send(path, { method, body: method === "POST" ? {} : undefined });
    expectStaticHeaders(answer.headers, path);
    const policy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    expect(answer.headers.get("content-security-policy"), path).toBe(policy);
  });

  it("add HSTS only when a trusted proxy says the request came over TLS", async () => {
    const spoofed = await send("/", { headers: { "x-forwarded-proto": "https" } });
    expect(spoofed.headers.get("strict-transport-security")).toBeNull();
    const behindProxy = await startServer({ TRUST_PROXY: "1" });
    try {
      for (const path of ["/", "/api/status"]) {
        const overTls = await fetch(`${behindProxy.origin}${path}`, { headers: { "x-forwarded-proto": "https" } });
        expect(overTls.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
        const overHttp = await fetch(`${behindProxy.origin}${path}`, { headers: { "x-forwarded-proto": "http" } });
        expect(overHttp.headers.get("strict-transport-security"), path).toBeNull();
      }
    } finally {
      await behindProxy.stop();
    }
  });
});
