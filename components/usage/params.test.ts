import { describe, expect, it } from "vitest";
import { logFilters, NO_MODEL_PARAM, parseUsageParams, periodDays, usageQuery, usageWindow } from "./params";

const NOW = new Date("2025-06-15T12:00:00Z");
const parse = (query: string) => parseUsageParams(new URLSearchParams(query), NOW);

describe("usage params", () => {
  it("defaults to the last 30 days, no filters, split by model", () => {
    expect(parse("")).toEqual({
      period: { kind: "days", days: 30 },
      split: "model",
      key: undefined,
      model: undefined,
      status: undefined,
      cursor: undefined,
    });
    expect(parse("days=7").period).toEqual({ kind: "days", days: 7 });
    expect(parse("days=90").period).toEqual({ kind: "days", days: 90 });
    expect(parse("days=14").period).toEqual({ kind: "days", days: 30 });
  });

  it("reads the same params from a page's record and from a URL", () => {
    const fromRecord = parseUsageParams({ days: ["7", "90"], status: "upstream_error", key: " k1 " }, NOW);
    expect(fromRecord).toMatchObject({ period: { kind: "days", days: 7 }, status: "upstream_error", key: "k1" });
    expect(parse("status=client_error").status).toBe("client_error");
    expect(parse("status=teapot").status).toBeUndefined();
  });

  it("takes a from–to range over days, filling a missing end with today or a missing start with 30 days", () => {
    expect(parse("days=7&from=2025-06-01&to=2025-06-03").period).toEqual({
      kind: "range",
      from: "2025-06-01",
      to: "2025-06-03",
    });
    expect(parse("from=2025-06-10").period).toEqual({ kind: "range", from: "2025-06-10", to: "2025-06-15" });
    expect(parse("to=2025-06-10").period).toEqual({ kind: "range", from: "2025-05-12", to: "2025-06-10" });
    // One day is a range of one.
    expect(parse("from=2025-06-10&to=2025-06-10").period).toEqual({
      kind: "range",
      from: "2025-06-10",
      to: "2025-06-10",
    });
    // Not calendar days: ignored.
    expect(parse("from=2025-02-30&to=junk").period).toEqual({ kind: "days", days: 30 });
  });

  it("refuses a range that runs backwards or is too long, with the default period for the rest of the page", () => {
    const reversed = parse("from=2025-06-10&to=2025-06-09");
    expect(reversed.problem).toEqual({ code: "range_reversed", from: "2025-06-10", to: "2025-06-09" });
    expect(reversed.period).toEqual({ kind: "days", days: 30 });
    expect(parse("from=2023-01-01&to=2025-06-09").problem).toMatchObject({ code: "range_too_long", maxDays: 366 });
    expect(parse("from=2025-06-09&to=2025-06-10").problem).toBeUndefined();
  });

  it("gives the charts and the log the same period and filters", () => {
    const params = parse(`from=2025-06-01&to=2025-06-03&key=k1&model=${NO_MODEL_PARAM}&status=error`);
    expect(usageWindow(params, "u1")).toEqual({
      userId: "u1",
      from: "2025-06-01",
      to: "2025-06-03",
      apiKeyId: "k1",
      model: "",
      status: "error",
    });
    expect(logFilters(params, NOW)).toEqual({
      from: new Date("2025-06-01T00:00:00Z"),
      to: new Date("2025-06-04T00:00:00Z"),
      apiKeyId: "k1",
      model: "",
      status: "error",
    });
    const lastWeek = parse("days=7&model=openai/gpt-4o-mini");
    expect(usageWindow(lastWeek, "u1")).toEqual({ userId: "u1", days: 7, model: "openai/gpt-4o-mini" });
    expect(periodDays(lastWeek.period, NOW)).toEqual({ from: "2025-06-09", to: "2025-06-15" });
    expect(logFilters(lastWeek, NOW)).toMatchObject({
      from: new Date("2025-06-09T00:00:00Z"),
      to: new Date("2025-06-16T00:00:00Z"),
    });
  });

  it("writes links back, defaults left out, a period change dropping the range", () => {
    const params = parse("from=2025-06-01&to=2025-06-03&split=key&status=ok&cursor=abc");
    expect(usageQuery(params)).toBe("?from=2025-06-01&to=2025-06-03&split=key&status=ok&cursor=abc");
    expect(usageQuery(params, { period: { kind: "days", days: 7 }, cursor: undefined })).toBe(
      "?days=7&split=key&status=ok",
    );
    expect(usageQuery(parse(""))).toBe("");
    expect(parse(usageQuery(params).slice(1))).toEqual(params);
  });
});
