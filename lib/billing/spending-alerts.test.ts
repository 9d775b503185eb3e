import { describe, expect, it } from "vitest";
import { crossedAlerts } from "./spending-alerts";

const base = { limitMicros: 10_000_000n, percents: [50, 80, 100], lowBalanceMicros: null, balanceMicros: 5_000_000n };

describe("crossedAlerts", () => {
  it("lists the thresholds the month's spend has reached, lowest first", () => {
    expect(crossedAlerts({ ...base, spentMicros: 4_999_999n })).toEqual([]);
    expect(crossedAlerts({ ...base, spentMicros: 5_000_000n })).toEqual(["limit:50"]);
    expect(crossedAlerts({ ...base, percents: [100, 80, 50], spentMicros: 9_000_000n })).toEqual([
      "limit:50",
      "limit:80",
    ]);
    expect(crossedAlerts({ ...base, spentMicros: 12_000_000n })).toEqual(["limit:50", "limit:80", "limit:100"]);
  });

  it("has no limit alerts without a limit, and a low-balance alert only below its threshold", () => {
    expect(crossedAlerts({ ...base, limitMicros: null, spentMicros: 99_000_000n })).toEqual([]);
    expect(crossedAlerts({ ...base, lowBalanceMicros: 5_000_000n, spentMicros: 0n })).toEqual([]);
    expect(crossedAlerts({ ...base, lowBalanceMicros: 5_000_001n, spentMicros: 0n })).toEqual(["low_balance"]);
  });
});
