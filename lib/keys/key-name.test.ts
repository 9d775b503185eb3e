import { describe, expect, it } from "vitest";
import { duplicateKeyName, keyNameIdentity } from "./key-name";

describe("key names", () => {
  it("are the same name whatever their case and surrounding or repeated spaces", () => {
    expect(keyNameIdentity("  My  Laptop ")).toBe("my laptop");
    expect(duplicateKeyName("prod", ["staging", "Prod"])).toBe("Prod");
    expect(duplicateKeyName(" PROD ", ["prod"])).toBe("prod");
    expect(duplicateKeyName("my laptop", ["My   Laptop"])).toBe("My   Laptop");
  });

  it("are free when no taken name matches, and a blank name duplicates nothing", () => {
    expect(duplicateKeyName("prod-2", ["prod"])).toBeUndefined();
    expect(duplicateKeyName("prod", [])).toBeUndefined();
    expect(duplicateKeyName("   ", ["", " "])).toBeUndefined();
  });

  it("compare letters beyond ASCII by case too", () => {
    expect(duplicateKeyName("KHÓA CHÍNH", ["khóa chính"])).toBe("khóa chính");
    expect(duplicateKeyName("khoa chinh", ["khóa chính"])).toBeUndefined();
  });
});
