import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safe callback path", () => {
  it("takes a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/usage")).toBe("/usage");
    expect(safeCallbackPath("/usage?days=30&split=key#log")).toBe("/usage?days=30&split=key#log");
    expect(safeCallbackPath("/keys/../billing")).toBe("/billing");
    expect(safeCallbackPath(["/billing", "/keys"])).toBe("/billing");
  });

  it("refuses anything that could leave the site", () => {
    for (const value of ["https://evil.example/keys", "//evil.example", "/\\evil.example", "\\/evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "keys", " /keys", ""]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBeUndefined();
    }
    expect(safeCallbackPath(undefined)).toBeUndefined();
    expect(safeCallbackPath([])).toBeUndefined();
  });

  it("refuses the sign-in pages, which would loop", () => {
    expect(safeCallbackPath("/signin")).toBeUndefined();
    expect(safeCallbackPath("/signin/check-email")).toBeUndefined();
    expect(safeCallbackPath("/signin?callbackUrl=/keys")).toBeUndefined();
    expect(safeCallbackPath("/signing-up")).toBe("/signing-up");
  });
});
