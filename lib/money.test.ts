import { describe, expect, it } from "vitest";
import { divideRounded, formatUsd, microsToUsd, usdToMicros } from "./money";

describe("money", () => {
  it("converts decimal USD to micros exactly, without float error", () => {
    expect(usdToMicros("0.15")).toBe(150_000n);
    expect(usdToMicros("2.5")).toBe(2_500_000n);
    expect(usdToMicros("0.000001")).toBe(1n);
    expect(usdToMicros("-3")).toBe(-3_000_000n);
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000n);
  });

  it("refuses amounts it would have to round", () => {
    expect(() => usdToMicros("0.0000001")).toThrow();
    expect(() => usdToMicros("1e3")).toThrow();
    expect(() => usdToMicros("")).toThrow();
  });

  it("formats for people and for JSON", () => {
    expect(formatUsd(1_234_567n)).toBe("$1.234567");
    expect(formatUsd(5_000_000n)).toBe("$5.00");
    expect(formatUsd(-150_000n)).toBe("-$0.15");
    expect(formatUsd(1_500_000_000n)).toBe("$1,500.00");
    expect(formatUsd(-1_234_567_890_123n)).toBe("-$1,234,567.890123");
    expect(formatUsd(999_000_000n)).toBe("$999.00");
    expect(microsToUsd(31n)).toBe(0.000031);
  });

  it("rounds half away from zero", () => {
    expect(divideRounded(15n, 10n)).toBe(2n);
    expect(divideRounded(14n, 10n)).toBe(1n);
    expect(divideRounded(-15n, 10n)).toBe(-2n);
  });
});
