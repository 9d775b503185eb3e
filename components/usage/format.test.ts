import { describe, expect, it } from "vitest";
import { formatDay, formatDuration, formatMoney, formatPercent, formatSpend, formatTick, formatTime } from "./format";

describe("usage formats", () => {
  it("writes totals to the cent and a request's cost at six decimals, never more", () => {
    expect(formatMoney(25_959_590n, "total", "en")).toBe("$25.96");
    expect(formatMoney(1_234_567_890n, "total", "en")).toBe("$1,234.57");
    expect(formatMoney(0n, "total", "en")).toBe("$0.00");
    expect(formatMoney(178n, "request", "en")).toBe("$0.000178");
    expect(formatMoney(5_000_000n, "request", "en")).toBe("$5.000000");
    // Exact rounding from the decimal string: 0.005 rounds up, a float would not.
    expect(formatMoney(5_000n, "total", "en")).toBe("$0.01");
    expect(formatMoney(-4_999n, "total", "en")).toBe("$0.00");
    expect(formatMoney(25_959_590n, "total", "vi")).toMatch(/^25,96\sUS\$$/);
    // A spend too small for cents is not written as nothing.
    expect(formatSpend(178n, "en")).toBe("< $0.01");
    expect(formatSpend(0n, "en")).toBe("$0.00");
    expect(formatSpend(5_000, "en")).toBe("$0.01");
  });

  it("writes one date style, for the locale, in UTC", () => {
    expect(formatDay("2025-06-09", "en")).toBe("Jun 9, 2025");
    expect(formatTick("2025-06-09", "en")).toBe("Jun 9");
    expect(formatTime(new Date("2025-06-09T23:03:07Z"), "en")).toBe("Jun 9, 2025, 23:03:07");
    expect(formatDay("2025-06-09", "vi")).toBe("9 thg 6, 2025");
    expect(formatTime(new Date("2025-06-09T23:03:07Z"), "vi")).toContain("9 thg 6, 2025");
  });

  it("writes rates and durations", () => {
    expect(formatPercent(0, "en")).toBe("0%");
    expect(formatPercent(1, "en")).toBe("100%");
    expect(formatPercent(2 / 23, "en")).toBe("8.7%");
    expect(formatPercent(2 / 23, "vi")).toMatch(/^8,7\s?%$/);
    expect(formatDuration(840, "en")).toBe("840 ms");
    expect(formatDuration(2_450, "en")).toBe("2.5 s");
    expect(formatDuration(12_400, "en")).toBe("12 s");
  });
});
