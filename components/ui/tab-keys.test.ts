import { describe, expect, it } from "vitest";
import { tabMove } from "./tab-keys";

describe("tabMove", () => {
  it("moves right and left with wrapping, and to the ends with Home and End", () => {
    expect(tabMove("ArrowRight", 0, 3)).toBe(1);
    expect(tabMove("ArrowRight", 2, 3)).toBe(0);
    expect(tabMove("ArrowLeft", 1, 3)).toBe(0);
    expect(tabMove("ArrowLeft", 0, 3)).toBe(2);
    expect(tabMove("Home", 2, 3)).toBe(0);
    expect(tabMove("End", 0, 3)).toBe(2);
  });

  it("leaves other keys alone", () => {
    expect(tabMove("Enter", 1, 3)).toBeUndefined();
    expect(tabMove("ArrowDown", 1, 3)).toBeUndefined();
  });
});
