import { describe, expect, it } from "vitest";
import { auditFiltersSchema, fieldChanges } from "./audit-log";

describe("fieldChanges", () => {
  it("pairs each field's value before and after", () => {
    expect(
      fieldChanges({ balanceUsd: "$1.00", email: "a@b.c" }, { balanceUsd: "$3.50", email: "a@b.c", reason: "x" }),
    ).toEqual([
      { field: "balanceUsd", before: "$1.00", after: "$3.50" },
      { field: "email", before: "a@b.c", after: "a@b.c" },
      { field: "reason", before: null, after: "x" },
    ]);
  });

  it("shows a creation, a removal and a plain value", () => {
    expect(fieldChanges(null, { email: "a@b.c" })).toEqual([{ field: "email", before: null, after: "a@b.c" }]);
    expect(fieldChanges({ value: 5 }, null)).toEqual([{ field: "value", before: "5", after: null }]);
    expect(fieldChanges(3, 4)).toEqual([{ field: "value", before: "3", after: "4" }]);
    expect(fieldChanges(null, null)).toEqual([]);
  });
});

describe("auditFiltersSchema", () => {
  it("drops what is not a valid filter instead of failing the page", () => {
    expect(auditFiltersSchema.parse({ from: "yesterday", before: "12; DROP", actor: "ops@" })).toEqual({
      actor: "ops@",
      from: undefined,
      before: undefined,
    });
  });
});
