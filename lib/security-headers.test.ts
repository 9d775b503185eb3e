import { describe, expect, it } from "vitest";
// Next's own reading of the nonce from the request's policy: what the pages' scripts will carry.
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { newNonce, pageContentSecurityPolicy } from "./security-headers";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

describe("page Content-Security-Policy", () => {
  it("gives each page a fresh nonce that Next finds and puts on its scripts", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    expect(getScriptNonceFromHeader(pageContentSecurityPolicy(nonce))).toBe(nonce);
  });

  it("runs only scripts carrying the nonce, and cannot be framed", () => {
    const policy = directives(pageContentSecurityPolicy("abc123=="));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(pageContentSecurityPolicy("abc123==", { development: true })).toContain("'unsafe-eval'");
  });
});
