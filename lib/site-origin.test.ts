import { describe, expect, it } from "vitest";
import { siteOrigin } from "./site-origin";

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe("site origin", () => {
  it("is AUTH_URL's origin when that is set", () => {
    expect(siteOrigin({ authUrl: "https://gateway.example.com/api/auth", header: headers({ host: "10.0.0.5:3000" }) })).toBe("https://gateway.example.com");
  });

  it("is the request's host otherwise, over https when a proxy says so", () => {
    expect(siteOrigin({ authUrl: undefined, header: headers({ host: "127.0.0.1:3690" }) })).toBe("http://127.0.0.1:3690");
    expect(siteOrigin({ authUrl: "not a url", header: headers({ host: "[::1]:3000" }) })).toBe("http://[::1]:3000");
    expect(siteOrigin({ authUrl: undefined, header: headers({ host: "internal:3000", "x-forwarded-host": "gateway.example.com, cdn.example.net", "x-forwarded-proto": "https,http" }) })).toBe(
      "https://gateway.example.com",
    );
  });

  it("is unknown when the host is missing or not a plain host name", () => {
    expect(siteOrigin({ authUrl: undefined, header: headers({}) })).toBeUndefined();
    expect(siteOrigin({ authUrl: undefined, header: headers({ host: "evil.example/<script>" }) })).toBeUndefined();
    expect(siteOrigin({ authUrl: "ftp://files.example.com", header: headers({ host: "a b" }) })).toBeUndefined();
  });
});
