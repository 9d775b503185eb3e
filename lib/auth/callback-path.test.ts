import { describe, expect, it } from "vitest";
import { afterWelcomePath, safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/usage?days=7&split=key")).toBe("/usage?days=7&split=key");
    expect(safeCallbackPath("/usage?days=30#log")).toBe("/usage?days=30#log");
    expect(safeCallbackPath("/keys/../billing")).toBe("/billing");
    expect(safeCallbackPath(["/billing", "/keys"])).toBe("/billing");
    expect(safeCallbackPath("/signing-up")).toBe("/signing-up");
    expect(safeCallbackPath("/models/openai/gpt-4o%20mini")).toBe("/models/openai/gpt-4o%20mini");
    expect(safeCallbackPath("/usage?next=//evil.example")).toBe("/usage?next=//evil.example");
  });

  it("sends anything that could leave the site, or loop, to the dashboard", () => {
    for (const value of [
      undefined,
      null,
      42,
      [],
      "",
      "usage",
      " /keys",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "javascript:alert(1)",
      "/api/auth/signout",
      "/signin",
      "/signin/check-email",
      "/signin?callbackUrl=/keys",
      "/x".repeat(1_000),
    ]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBe("/keys");
    }
  });

  // Each of these normalises, or decodes and then normalises, to "//evil.test/…": a browser would leave the site.
  it.each([
    ["dot-dot before the slashes", "/..//evil.test/phish"],
    ["dot segment before the slashes", "/.//evil.test"],
    ["encoded dot-dot", "/%2e%2e//evil.test"],
    ["encoded dot segment", "/%2E//evil.test"],
    ["dot-dot deeper in", "/keys/../..//evil.test"],
    ["encoded slashes", "/%2f%2fevil.test"],
    ["encoded slash after a slash", "/%2Fevil.test"],
    ["encoded slashes and dot-dot", "/keys%2f..%2f..%2f%2fevil.test"],
    ["doubly encoded slashes", "/%252f%252fevil.test"],
    ["doubly encoded dot-dot", "/%252e%252e//evil.test"],
    ["backslash after dot-dot", "/..\\evil.test"],
    ["backslash deeper in", "/keys/\\\\evil.test"],
    ["encoded backslash", "/%5cevil.test"],
    ["encoded backslash, upper case", "/%5C%5Cevil.test"],
    ["doubly encoded backslash", "/%255cevil.test"],
    ["broken encoding", "/%ff%2"],
  ])("refuses %s: %s", (_name, value) => {
    expect(safeCallbackPath(value)).toBe("/keys");
  });
});

describe("afterWelcomePath", () => {
  it("takes the path of the absolute callback Auth.js gives a new account", () => {
    expect(afterWelcomePath("http://127.0.0.1:3000/usage?days=7")).toBe("/usage?days=7");
    expect(afterWelcomePath("https://switchyard.example/billing#top")).toBe("/billing#top");
    expect(afterWelcomePath("/playground")).toBe("/playground");
  });

  it("never leaves the site, nor loops back to the welcome page", () => {
    expect(afterWelcomePath("https://evil.example//evil.example/x")).toBe("/keys");
    expect(afterWelcomePath("https://evil.example/keys")).toBe("/keys");
    expect(afterWelcomePath("http://127.0.0.1:3000/welcome?callbackUrl=x")).toBe("/keys");
    expect(afterWelcomePath("/welcome")).toBe("/keys");
    expect(afterWelcomePath("http://127.0.0.1:3000/api/auth/signout")).toBe("/keys");
    expect(afterWelcomePath(undefined)).toBe("/keys");
    expect(afterWelcomePath("javascript:alert(1)")).toBe("/keys");
  });
});
