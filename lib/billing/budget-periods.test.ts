import { describe, expect, it } from "vitest";
import { periodEnd, periodLabel, periodStart } from "./budget-periods";

describe("budget periods (UTC)", () => {
  // A Sunday, late in the day.
  const now = new Date("2026-12-06T22:15:00Z");

  it("start at the day's 00:00, the Monday of the week, and the first of the month", () => {
    expect(periodStart("day", now).toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(periodStart("week", now).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(periodStart("month", now).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });

  it("end when the next one starts", () => {
    expect(periodEnd("day", now).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(periodEnd("week", now).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(periodEnd("month", new Date("2026-12-31T23:59:59Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(periodStart("week", new Date("2026-12-07T00:00:00Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });

  it("name each period apart", () => {
    expect(periodLabel("day", now)).toBe("day:2026-12-06");
    expect(periodLabel("week", now)).toBe("week:2026-11-30");
    expect(periodLabel("month", now)).not.toBe(periodLabel("month", new Date("2027-01-01T00:00:00Z")));
  });
});
