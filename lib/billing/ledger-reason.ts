// Why a ledger row moved the balance, in terms a customer knows. The rows' descriptions are bookkeeping for operators
// (they name Stripe's session, charge and dispute ids, in English); what the billing page shows is chosen from the
// row's kind and idempotency key instead, and worded per language (messages/<locale>/billing.json, history.reasons).
import type { HistoryKind } from "../db/queries/billing";

export type LedgerReason =
  | "trialCredit"
  | "creditsAdded"
  | "cardTopUp"
  | "topUpRefunded"
  | "chargeback"
  | "chargebackReversed"
  | "adjustment"
  | "usage";

export function ledgerReason(row: { kind: HistoryKind; idempotencyKey: string | null }): LedgerReason {
  const key = row.idempotencyKey ?? "";
  switch (row.kind) {
    case "usage":
      return "usage";
    case "grant":
      return key.startsWith("signup:") ? "trialCredit" : "creditsAdded";
    case "topup":
      return "cardTopUp";
    case "refund":
      return "topUpRefunded";
    case "adjustment":
      if (key.startsWith("stripe:dispute:") && key.endsWith(":withdrawn")) return "chargeback";
      if (key.startsWith("stripe:dispute:") && key.endsWith(":reinstated")) return "chargebackReversed";
      return "adjustment";
  }
}
