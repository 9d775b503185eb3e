import { describe, expect, it } from "vitest";
import { siteOrigin, trustedOrigin } from "./site-origin";

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe("site origin", () => {
  it("is AUTH_URL's origin when that is set", () => {
    expect(
      siteOrigin({ authUrl: "https://gateway.example.com/api/auth", header: headers({ host: "10.0.0.5:3000" }) }),
    ).toBe("https://gateway.example.com");
  });

  it("is the request's host otherwise, over https when a proxy says so", () => {
    expect(siteOrigin({ authUrl: undefined, header: headers({ host: "127.0.0.1:3690" }) })).toBe(
      "http://127.0.0.1:3690",
    );
    expect(siteOrigin({ authUrl: "not a url", header: headers({ host: "[::1]:3000" }) })).toBe("http://[::1]:3000");
    expect(
      siteOrigin({
        authUrl: undefined,
        header: headers({
          host: "internal:3000",
          "x-forwarded-host": "gateway.example.com, cdn.example.net",
          "x-forwarded-proto": "https,http",
        }),
      }),
    ).toBe("https://gateway.example.com");
  });

  it("is unknown when the host is missing or not a plain host name", () => {
    expect(siteOrigin({ authUrl: undefined, header: headers({}) })).toBeUndefined();
    expect(siteOrigin({ authUrl: undefined, header: headers({ host: "evil.example/<script>" }) })).toBeUndefined();
    expect(siteOrigin({ authUrl: "ftp://files.example.com", header: headers({ host: "a b" }) })).toBeUndefined();
  });
});

describe("trusted origin", () => {
  const trusted = (values: Record<string, string>, authUrl?: string) =>
    trustedOrigin({ authUrl, header: headers(values) });

  it("is AUTH_URL's origin when that is set, whatever the request says", () => {
    expect(trusted({ host: "evil.test" }, "https://gateway.example.com/api/auth")).toBe("https://gateway.example.com");
  });

  it("is the request's own origin for a loopback host, any port", () => {
    expect(trusted({ host: "localhost:3000" })).toBe("http://localhost:3000");
    expect(trusted({ host: "127.0.0.1:3690" })).toBe("http://127.0.0.1:3690");
    expect(trusted({ host: "[::1]:3000" })).toBe("http://[::1]:3000");
    expect(trusted({ host: "LOCALHOST" })).toBe("http://LOCALHOST");
    const proxied = { host: "internal:3000", "x-forwarded-host": "localhost:8443", "x-forwarded-proto": "https" };
    expect(trusted(proxied)).toBe("https://localhost:8443");
  });

  it("is unknown for any other host, or a loopback one dressed up", () => {
    const cases: Record<string, string>[] = [
      { host: "evil.test" },
      { host: "evil.test:3000" },
      { host: "localhost.evil.test" },
      { host: "127.0.0.1.evil.test" },
      { host: "localhost@evil.test" },
      { host: "localhost, evil.test" },
      { host: "10.0.0.5:3000" },
      { host: "127.0.0.2" },
      { host: "localhost:3000", "x-forwarded-host": "evil.test" },
      { host: "localhost:3000", "x-forwarded-host": "localhost, evil.test" },
      { host: "localhost:3000", "x-forwarded-proto": "javascript" },
      {},
    ];
    for (const values of cases) {
      expect(trusted(values), JSON.stringify(values)).toBeUndefined();
    }
  });
});
