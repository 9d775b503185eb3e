// Reads for the billing page: always scoped to the signed-in user's id. Usage is settled one ledger row per
// request, so the history sums those rows per UTC day instead of listing each one.
import "../../server-only";
import { db, type Database } from "../client";

export const HISTORY_DAYS = 90;
const HISTORY_LIMIT = 500;
const PAYMENTS_LIMIT = 50;

export async function getBillingAccount(userId: string, prisma: Database = db()) {
  return prisma.user.findUnique({ where: { id: userId }, select: { email: true, balanceMicros: true } });
}

export type HistoryKind = "grant" | "topup" | "refund" | "adjustment" | "usage";

export interface HistoryRow {
  /** Stable within one page: the ledger id, or "usage:<YYYY-MM-DD>". */
  id: string;
  kind: HistoryKind;
  /** Signed micro-USD: credits positive, usage negative. */
  amountMicros: bigint;
  description: string;
  /** When it happened; for a usage row, the last settled request of that day. */
  at: Date;
  /** For a usage row: the UTC day (midnight UTC) and how many requests were settled. */
  day: Date | null;
  requests: number;
  /** What makes the movement happen once ("signup:…", "stripe:topup:…"): the reason shown is read from it. */
  idempotencyKey: string | null;
  /** Stripe's receipt of the card payment a top-up or refund row belongs to, once there is one. */
  receiptUrl: string | null;
}

interface RawRow {
  id: string;
  kind: HistoryKind;
  amount_micros: bigint;
  description: string;
  at: Date;
  day: Date | null;
  requests: number;
  idempotency_key: string | null;
  receipt_url: string | null;
}

/** Movements of the last `days` days, newest first: one row per grant, top-up, refund or adjustment, one per day of usage. */
export async function listLedgerHistory(
  userId: string,
  options: { days?: number; now?: Date; limit?: number } = {},
  prisma: Database = db(),
): Promise<HistoryRow[]> {
  const days = options.days ?? HISTORY_DAYS;
  const now = options.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const limit = options.limit ?? HISTORY_LIMIT;
  // created_at is a UTC timestamp without a zone, so date_trunc('day', …) is the UTC day.
  const rows = await prisma.$queryRaw<RawRow[]>`
    SELECT id, kind, amount_micros, description, at, day, requests, idempotency_key, receipt_url FROM (
      SELECT entry.id::text AS id, entry.kind::text AS kind, entry.amount_micros, entry.description,
             entry.created_at AS at, NULL::timestamp AS day, 0 AS requests, entry.idempotency_key,
             payment.receipt_url
        FROM ledger_entries AS entry
        -- A top-up's key names its Checkout Session; a refund's, its payment intent (stripe:refund:<pi>:<cents>).
        LEFT JOIN payments AS payment
          ON payment.user_id = entry.user_id
         AND (entry.idempotency_key = 'stripe:topup:' || payment.stripe_session_id
              OR entry.idempotency_key LIKE 'stripe:refund:' || payment.stripe_payment_intent_id || ':%')
       WHERE entry.user_id = ${userId} AND entry.kind <> 'settle' AND entry.created_at >= ${since}
      UNION ALL
      SELECT 'usage:' || to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS id, 'usage' AS kind,
             SUM(amount_micros)::bigint AS amount_micros, '' AS description, MAX(created_at) AS at,
             date_trunc('day', created_at) AS day, COUNT(*)::int AS requests, NULL AS idempotency_key,
             NULL AS receipt_url
        FROM ledger_entries
       WHERE user_id = ${userId} AND kind = 'settle' AND created_at >= ${since}
       GROUP BY date_trunc('day', created_at)
    ) AS history
    ORDER BY at DESC, id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    amountMicros: BigInt(row.amount_micros),
    description: row.description,
    at: row.at,
    day: row.day,
    requests: Number(row.requests),
    idempotencyKey: row.idempotency_key,
    receiptUrl: row.receipt_url,
  }));
}

export async function listPayments(userId: string, prisma: Database = db()) {
  return prisma.payment.findMany({
    // Checkouts that expired unpaid (abandoned, or cancelled by the customer) stay, marked "Not completed".
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: PAYMENTS_LIMIT,
    select: { id: true, amountMicros: true, refundedMicros: true, status: true, receiptUrl: true, createdAt: true },
  });
}

export type PaymentRow = Awaited<ReturnType<typeof listPayments>>[number];

/** One of the user's top-ups by its Checkout Session id, for the page Checkout returns to; null when it is not theirs. */
export async function findTopUp(userId: string, stripeSessionId: string, prisma: Database = db()) {
  return prisma.payment.findFirst({ where: { userId, stripeSessionId }, select: { amountMicros: true, status: true } });
}
