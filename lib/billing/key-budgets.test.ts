import { describe, expect, it } from "vitest";
import { budgetRefusal } from "./key-budgets";

describe("budgetRefusal", () => {
  it("says the budget is used up once spend and requests in flight reach it", () => {
    expect(budgetRefusal(5_000_000n, 4_000_000n, 1_000_000n, 10n)).toBe(
      "This key's monthly budget of $5.00 is used up ($4.00 spent this month, $1.00 in flight)",
    );
    expect(budgetRefusal(5_000_000n, 5_000_000n, 0n, 10n)).toBe(
      "This key's monthly budget of $5.00 is used up ($5.00 spent this month)",
    );
  });

  it("says what is left when this request alone could overrun it", () => {
    expect(budgetRefusal(1n, 0n, 0n, 9_800n)).toBe(
      "This request may cost up to $0.0098, more than the $0.000001 left of this key's monthly budget of $0.000001 ($0.00 spent this month); lower max_tokens or raise the budget",
    );
  });
});
