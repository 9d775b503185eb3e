import { describe, expect, it } from "vitest";
import { divideRounded, formatUsd, formatUsdCents, formatUsdCost, microsToUsd, usdToMicros } from "./money";

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

  describe("for people", () => {
    it("shows balances and totals to the cent, rounding half away from zero", () => {
      expect(formatUsdCents(25_959_590n)).toBe("$25.96");
      expect(formatUsdCents(25_954_999n)).toBe("$25.95");
      expect(formatUsdCents(25_955_000n)).toBe("$25.96");
      expect(formatUsdCents(-25_955_000n)).toBe("-$25.96");
      expect(formatUsdCents(1_500_000_000n)).toBe("$1,500.00");
    });

    it("never writes a negative zero, and signs credits when asked", () => {
      expect(formatUsdCents(0n)).toBe("$0.00");
      expect(formatUsdCents(-4_999n)).toBe("$0.00");
      expect(formatUsdCents(-5_000n)).toBe("-$0.01");
      expect(formatUsdCents(10_000_000n, { signed: true })).toBe("+$10.00");
      expect(formatUsdCents(-178n, { signed: true })).toBe("$0.00");
      expect(formatUsdCents(-1_000_000n, { signed: true })).toBe("-$1.00");
      expect(formatUsdCents(0n, { signed: true })).toBe("$0.00");
    });

    it("shows what one request cost at a fixed six decimals", () => {
      expect(formatUsdCost(178n)).toBe("$0.000178");
      expect(formatUsdCost(0n)).toBe("$0.000000");
      expect(formatUsdCost(1n)).toBe("$0.000001");
      expect(formatUsdCost(12_500_000n)).toBe("$12.500000");
      expect(formatUsdCost(-178n)).toBe("-$0.000178");
      expect(formatUsdCost(178n, { signed: true })).toBe("+$0.000178");
    });

    it("keeps every digit of amounts beyond a double's precision", () => {
      const largest = 9_223_372_036_854_775_807n; // PostgreSQL's bigint
      expect(formatUsdCents(largest)).toBe("$9,223,372,036,854.78");
      expect(formatUsdCost(largest)).toBe("$9,223,372,036,854.775807");
      expect(formatUsdCents(-largest)).toBe("-$9,223,372,036,854.78");
    });

    it("writes numbers as Vietnamese does, and says which dollar", () => {
      expect(formatUsdCents(25_959_590n, { locale: "vi" })).toBe("25,96\u00a0US$");
      expect(formatUsdCents(1_234_567_890n, { locale: "vi" })).toBe("1.234,57\u00a0US$");
      expect(formatUsdCost(178n, { locale: "vi" })).toBe("0,000178\u00a0US$");
      expect(formatUsdCents(10_000_000n, { locale: "vi", signed: true })).toBe("+10,00\u00a0US$");
    });
  });
});
