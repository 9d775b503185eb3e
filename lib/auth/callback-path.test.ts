import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/usage?days=7&split=key")).toBe("/usage?days=7&split=key");
    expect(safeCallbackPath("/billing")).toBe("/billing");
  });

  it("sends anything else to the dashboard", () => {
    for (const value of [undefined, null, 42, "", "usage", "https://evil.example/", "//evil.example/x", "/\\evil.example", "/\tx", "/api/auth/signout", "x".repeat(2_000)]) {
      expect(safeCallbackPath(value), String(value)).toBe("/keys");
    }
  });
});
