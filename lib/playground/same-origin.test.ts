import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe("the playground's same-origin check", () => {
  it("takes a request whose Origin is the host it was sent to", () => {
    expect(isSameOrigin(headers({ origin: "http://localhost:3000", host: "localhost:3000" }), undefined)).toBe(true);
    expect(
      isSameOrigin(headers({ origin: "https://gateway.example.com", host: "GATEWAY.example.com" }), undefined),
    ).toBe(true);
  });

  it("refuses another site, another port, a missing or opaque Origin", () => {
    expect(isSameOrigin(headers({ origin: "https://evil.example", host: "localhost:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(headers({ origin: "http://localhost:3001", host: "localhost:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(headers({ origin: "null", host: "localhost:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(headers({ origin: "not a url", host: "localhost:3000" }), undefined)).toBe(false);
  });

  it("with AUTH_URL, takes only AUTH_URL's origin, whatever the Host says", () => {
    const authUrl = "https://gateway.example.com";
    expect(isSameOrigin(headers({ origin: "https://gateway.example.com", host: "internal:8080" }), authUrl)).toBe(true);
    expect(isSameOrigin(headers({ origin: "http://gateway.example.com", host: "gateway.example.com" }), authUrl)).toBe(
      false,
    );
    expect(isSameOrigin(headers({ origin: "https://evil.example", host: "evil.example" }), authUrl)).toBe(false);
  });
});
