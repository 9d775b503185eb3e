import { describe, expect, it } from "vitest";
import { ledgerReason } from "./ledger-reason";

describe("the reason a ledger row shows", () => {
  it("tells the trial credit from credits an operator added", () => {
    expect(ledgerReason({ kind: "grant", idempotencyKey: "signup:user_1" })).toBe("trialCredit");
    expect(ledgerReason({ kind: "grant", idempotencyKey: null })).toBe("creditsAdded");
  });

  it("names card top-ups and their refunds without Stripe's ids", () => {
    expect(ledgerReason({ kind: "topup", idempotencyKey: "stripe:topup:cs_test_a1b2" })).toBe("cardTopUp");
    expect(ledgerReason({ kind: "refund", idempotencyKey: "stripe:refund:pi_123:500" })).toBe("topUpRefunded");
  });

  it("tells a chargeback from its reversal, and an operator's adjustment from both", () => {
    expect(ledgerReason({ kind: "adjustment", idempotencyKey: "stripe:dispute:dp_1:withdrawn" })).toBe("chargeback");
    expect(ledgerReason({ kind: "adjustment", idempotencyKey: "stripe:dispute:dp_1:reinstated" })).toBe(
      "chargebackReversed",
    );
    expect(ledgerReason({ kind: "adjustment", idempotencyKey: null })).toBe("adjustment");
    expect(ledgerReason({ kind: "adjustment", idempotencyKey: "admin:adjust:42" })).toBe("adjustment");
  });

  it("sums usage as usage", () => {
    expect(ledgerReason({ kind: "usage", idempotencyKey: null })).toBe("usage");
  });
});
