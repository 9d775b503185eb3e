import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/usage?days=7&split=key")).toBe("/usage?days=7&split=key");
    expect(safeCallbackPath("/usage?days=30#log")).toBe("/usage?days=30#log");
    expect(safeCallbackPath("/keys/../billing")).toBe("/billing");
    expect(safeCallbackPath(["/billing", "/keys"])).toBe("/billing");
    expect(safeCallbackPath("/signing-up")).toBe("/signing-up");
  });

  it("sends anything that could leave the site, or loop, to the dashboard", () => {
    for (const value of [
      undefined, null, 42, [], "", "usage", " /keys", "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\/evil.example",
      "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "/api/auth/signout", "/signin", "/signin/check-email",
      "/signin?callbackUrl=/keys", "/x".repeat(1_000),
    ]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBe("/keys");
    }
  });
});
