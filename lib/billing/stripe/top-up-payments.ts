// A card top-up's life in the database: its payments row and the ledger movements it makes.
//
// Money rules (DESIGN.md principle 4):
// - Credits come only from Stripe's API and our own records, never from the browser or from an event's body: an
//   event names a session, the webhook retrieves Stripe's record of it, and a top-up is credited once that record
//   says `paid`, in USD, for exactly the amount of the payments row createTopUpCheckout made when it created the
//   session. A session without such a row is not ours and is left alone; one that disagrees with its row is refused
//   (StripeEventRefused) and credited by nobody until a person looks.
// - Every change to one payment runs in one transaction holding that payment's row lock, so webhook deliveries
//   that race (the same event twice, completed + async_payment_succeeded) serialise; the ledger's idempotency
//   keys are a second guard: `stripe:topup:<session id>` credits a session once, whichever event brings it, and
//   `stripe:refund:<payment intent>:<cumulative cents refunded>` takes each increase of a refund once.
// - A refund only takes back money the top-up added. One that arrives before the payment was credited (events
//   come in any order) is remembered on the row (refunded_micros, status unchanged) and taken when the credit
//   lands; so a top-up never pushes a balance below zero with money that was never added. A refund of credit
//   already spent can take the balance below zero: that is a debt, and the gateway refuses requests until it is
//   paid.
// - A chargeback takes the disputed amount (at most what the top-up added and no refund took back) when Stripe
//   withdraws the funds, under `stripe:dispute:<dispute id>:withdrawn`, and gives that same amount back if the
//   dispute is won and the funds are reinstated (`…:reinstated`). A reinstatement that arrives first takes the
//   withdrawal too, so that a late withdrawal event cannot take the money again.
// - Amounts reach this file as integers within Stripe's bounds (stripe-schemas.ts); refunds and chargebacks are
//   clamped to what the top-up added.
import "../../server-only";
import type { Database } from "../../db/client";
import type { Payment, Prisma } from "../../db/generated/client";
import type { PaymentStatus } from "../../db/generated/enums";
import { log } from "../../log";
import { formatUsd, type Micros, minMicros } from "../../money";
import { recordMovement } from "../ledger";
import { StripeEventRefused } from "./refused-stripe-event";
import type { StripeLookups } from "./stripe-lookups";
import type { CheckoutSession } from "./stripe-schemas";
import { centsToMicros, microsToCents } from "./top-up-amount";

/** In the metadata of every Checkout Session this app creates, for people reading the Stripe dashboard. */
export const TOP_UP_PURPOSE = "switchyard_topup";

export function topUpIdempotencyKey(sessionId: string): string {
  return `stripe:topup:${sessionId}`;
}

/** Keyed by payment intent (a Checkout payment has one successful charge) so a refund remembered before the credit
 * is taken under the same key a redelivered charge.refunded would use. */
export function refundIdempotencyKey(paymentIntentId: string, refundedCents: bigint): string {
  return `stripe:refund:${paymentIntentId}:${refundedCents}`;
}

export type TopUpOutcome =
  | "credited"
  | "already_credited"
  | "awaiting_payment"
  | "marked_failed"
  | "marked_expired"
  | "unchanged"
  | "refunded"
  | "refund_remembered"
  | "refund_already_taken"
  | "dispute_withdrawn"
  | "dispute_reinstated"
  | "dispute_already_taken"
  | "not_a_top_up";

const creditedStatuses: readonly PaymentStatus[] = ["paid", "partially_refunded", "refunded", "disputed"];

export function isCredited(payment: Pick<Payment, "status">): boolean {
  return creditedStatuses.includes(payment.status);
}

function statusAfterRefunds(amountMicros: Micros, refundedMicros: Micros): PaymentStatus {
  if (refundedMicros <= 0n) return "paid";
  return refundedMicros >= amountMicros ? "refunded" : "partially_refunded";
}

type Transaction = Prisma.TransactionClient;

function inPaymentTransaction<T>(prisma: Database, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
}

async function lockPayment(transaction: Transaction, sessionId: string): Promise<Payment | undefined> {
  const rows = await transaction.$queryRaw<
    Array<{ id: string }>
  >`SELECT id FROM payments WHERE stripe_session_id = ${sessionId} FOR UPDATE`;
  if (rows.length === 0) return undefined;
  return transaction.payment.findUniqueOrThrow({ where: { id: rows[0].id } });
}

/** The payments row of a Checkout Session, if we made one for it. */
export async function findTopUpPayment(prisma: Database, sessionId: string): Promise<Pick<Payment, "id"> | undefined> {
  const payment = await prisma.payment.findUnique({ where: { stripeSessionId: sessionId }, select: { id: true } });
  return payment ?? undefined;
}

/** Refuses a session that is not a one-off USD payment of exactly the amount its row was made for. */
function checkChargedAsAsked(session: CheckoutSession, payment: Payment): void {
  const oneOffUsd = session.mode === "payment" && session.currency === "usd" && session.amount_total !== null;
  if (oneOffUsd && centsToMicros(session.amount_total ?? 0) === payment.amountMicros) return;
  const asked = formatUsd(payment.amountMicros);
  throw new StripeEventRefused(
    `Checkout Session ${session.id} is not a USD payment of the ${asked} it was created for; nothing is credited`,
    {
      sessionId: session.id,
      userId: payment.userId,
      askedMicros: payment.amountMicros,
      mode: session.mode,
      currency: session.currency,
      amountTotal: session.amount_total,
    },
    "data.object.amount_total",
  );
}

/** Records the payment intent Stripe reports, which refunds and disputes name instead of the session. */
async function linkPaymentIntent(
  transaction: Transaction,
  payment: Payment,
  paymentIntentId: string | null,
): Promise<Payment> {
  if (!paymentIntentId || payment.stripePaymentIntentId === paymentIntentId) return payment;
  if (payment.stripePaymentIntentId) {
    log.warn("stripe: a session reports another payment intent than the one recorded", {
      sessionId: payment.stripeSessionId,
      recorded: payment.stripePaymentIntentId,
      reported: paymentIntentId,
    });
    return payment;
  }
  return transaction.payment.update({ where: { id: payment.id }, data: { stripePaymentIntentId: paymentIntentId } });
}

/** Credits a locked, not yet credited payment, then takes any refund that arrived before it. */
async function credit(transaction: Transaction, payment: Payment): Promise<Payment> {
  const added = await recordMovement(transaction, {
    userId: payment.userId,
    kind: "topup",
    amountMicros: payment.amountMicros,
    description: `Card top-up ${formatUsd(payment.amountMicros)} (Stripe Checkout ${payment.stripeSessionId})`,
    idempotencyKey: topUpIdempotencyKey(payment.stripeSessionId),
  });
  if (!added)
    log.warn("stripe: the ledger already held this top-up's credit; only its status is set", {
      sessionId: payment.stripeSessionId,
    });
  if (payment.refundedMicros > 0n) {
    await recordMovement(transaction, {
      userId: payment.userId,
      kind: "refund",
      amountMicros: -payment.refundedMicros,
      description: `Refund of card top-up ${formatUsd(payment.refundedMicros)} (Stripe ${payment.stripePaymentIntentId ?? payment.stripeSessionId})`,
      idempotencyKey: refundIdempotencyKey(
        payment.stripePaymentIntentId ?? payment.stripeSessionId,
        microsToCents(payment.refundedMicros),
      ),
    });
  }
  return transaction.payment.update({
    where: { id: payment.id },
    data: { status: statusAfterRefunds(payment.amountMicros, payment.refundedMicros) },
  });
}

export interface SessionResult {
  outcome: TopUpOutcome;
  payment?: Payment;
}

/** Stripe's record of a Checkout Session (from its API, not an event): checked against our row, credited once when
 * `paid`. */
export function recordCheckoutSession(prisma: Database, session: CheckoutSession): Promise<SessionResult> {
  return inPaymentTransaction(prisma, async (transaction) => {
    const locked = await lockPayment(transaction, session.id);
    if (!locked) return { outcome: "not_a_top_up" };
    checkChargedAsAsked(session, locked);
    const payment = await linkPaymentIntent(transaction, locked, session.payment_intent);
    if (isCredited(payment)) return { outcome: "already_credited", payment };
    if (session.payment_status !== "paid") return { outcome: "awaiting_payment", payment };
    return { outcome: "credited", payment: await credit(transaction, payment) };
  });
}

/** A session Stripe says will never be paid: async payment failed, or expired unpaid. Only a pending row changes. */
export function markCheckoutSession(
  prisma: Database,
  session: CheckoutSession,
  status: "failed" | "expired",
): Promise<SessionResult> {
  return inPaymentTransaction(prisma, async (transaction) => {
    const locked = await lockPayment(transaction, session.id);
    if (!locked) return { outcome: "not_a_top_up" };
    const payment = await linkPaymentIntent(transaction, locked, session.payment_intent);
    if (payment.status !== "pending") return { outcome: "unchanged", payment };
    const updated = await transaction.payment.update({ where: { id: payment.id }, data: { status } });
    return { outcome: status === "failed" ? "marked_failed" : "marked_expired", payment: updated };
  });
}

export interface ChargeRefund {
  paymentIntentId: string;
  chargeId: string;
  /** Stripe's cumulative amount refunded on the charge, in cents. */
  refundedCents: number;
  receiptUrl: string | null;
}

/** Takes the increase of a charge's cumulative refund since the last one taken; older or repeated events change nothing. */
export function recordRefund(prisma: Database, sessionId: string, refund: ChargeRefund): Promise<SessionResult> {
  return inPaymentTransaction(prisma, async (transaction) => {
    const payment = await lockPayment(transaction, sessionId);
    if (!payment) return { outcome: "not_a_top_up" };
    const reported = centsToMicros(refund.refundedCents);
    // Stripe never refunds more than it charged; the clamp keeps a malformed event from taking back more than was added.
    const refunded = minMicros(reported, payment.amountMicros);
    const changes: Prisma.PaymentUpdateInput = {};
    if (refund.receiptUrl && refund.receiptUrl !== payment.receiptUrl) changes.receiptUrl = refund.receiptUrl;
    let outcome: TopUpOutcome = "refund_already_taken";
    if (refunded > payment.refundedMicros) {
      changes.refundedMicros = refunded;
      if (isCredited(payment)) {
        const increase = refunded - payment.refundedMicros;
        await recordMovement(transaction, {
          userId: payment.userId,
          kind: "refund",
          amountMicros: -increase,
          description: `Refund of card top-up ${formatUsd(increase)} (Stripe charge ${refund.chargeId})`,
          idempotencyKey: refundIdempotencyKey(refund.paymentIntentId, microsToCents(refunded)),
        });
        changes.status = statusAfterRefunds(payment.amountMicros, refunded);
        outcome = "refunded";
      } else {
        outcome = "refund_remembered";
      }
    }
    const updated =
      Object.keys(changes).length > 0
        ? await transaction.payment.update({ where: { id: payment.id }, data: changes })
        : payment;
    return { outcome, payment: updated };
  });
}

export interface ChargeDispute {
  disputeId: string;
  chargeId: string;
  /** The disputed amount, in cents. */
  amountCents: number;
}

export function disputeIdempotencyKey(disputeId: string, step: "withdrawn" | "reinstated"): string {
  return `stripe:dispute:${disputeId}:${step}`;
}

/** Takes a dispute's withdrawal from a locked, credited payment once; returns what it took (0 when already taken). */
async function withdrawForDispute(transaction: Transaction, payment: Payment, dispute: ChargeDispute): Promise<Micros> {
  const disputed = centsToMicros(dispute.amountCents);
  const unrefunded = payment.amountMicros - payment.refundedMicros;
  const amount = minMicros(disputed, unrefunded);
  if (amount <= 0n) return 0n;
  const taken = await recordMovement(transaction, {
    userId: payment.userId,
    kind: "adjustment",
    amountMicros: -amount,
    description: `Chargeback of card top-up ${formatUsd(amount)} (Stripe dispute ${dispute.disputeId})`,
    idempotencyKey: disputeIdempotencyKey(dispute.disputeId, "withdrawn"),
  });
  return taken ? amount : 0n;
}

/** charge.dispute.funds_withdrawn: the bank took the money back; so does the balance. */
export function recordDisputeWithdrawal(
  prisma: Database,
  sessionId: string,
  dispute: ChargeDispute,
): Promise<SessionResult> {
  return inPaymentTransaction(prisma, async (transaction) => {
    const payment = await lockPayment(transaction, sessionId);
    if (!payment) return { outcome: "not_a_top_up" };
    if (!isCredited(payment)) {
      log.error("stripe: a chargeback of a top-up that was never credited; nothing to take back", {
        sessionId,
        disputeId: dispute.disputeId,
      });
      return { outcome: "unchanged", payment };
    }
    const taken = await withdrawForDispute(transaction, payment, dispute);
    if (taken === 0n) return { outcome: "dispute_already_taken", payment };
    const updated = await transaction.payment.update({ where: { id: payment.id }, data: { status: "disputed" } });
    return { outcome: "dispute_withdrawn", payment: updated };
  });
}

/** charge.dispute.funds_reinstated: the dispute was won; exactly what the withdrawal took comes back. */
export function recordDisputeReinstatement(
  prisma: Database,
  sessionId: string,
  dispute: ChargeDispute,
): Promise<SessionResult> {
  return inPaymentTransaction(prisma, async (transaction) => {
    const payment = await lockPayment(transaction, sessionId);
    if (!payment) return { outcome: "not_a_top_up" };
    if (!isCredited(payment)) return { outcome: "unchanged", payment };
    await withdrawForDispute(transaction, payment, dispute);
    const withdrawal = await transaction.ledgerEntry.findUnique({
      where: { idempotencyKey: disputeIdempotencyKey(dispute.disputeId, "withdrawn") },
      select: { amountMicros: true },
    });
    if (!withdrawal) return { outcome: "unchanged", payment };
    const returned = await recordMovement(transaction, {
      userId: payment.userId,
      kind: "adjustment",
      amountMicros: -withdrawal.amountMicros,
      description: `Chargeback reversed: dispute won, ${formatUsd(-withdrawal.amountMicros)} back (Stripe dispute ${dispute.disputeId})`,
      idempotencyKey: disputeIdempotencyKey(dispute.disputeId, "reinstated"),
    });
    if (!returned) return { outcome: "dispute_already_taken", payment };
    const updated = await transaction.payment.update({
      where: { id: payment.id },
      data: { status: statusAfterRefunds(payment.amountMicros, payment.refundedMicros) },
    });
    return { outcome: "dispute_reinstated", payment: updated };
  });
}

/**
 * The top-up session a charge's payment intent belongs to (refunds and disputes name the charge, not the session):
 * from our rows, else asked of Stripe, for an event that came before the top-up's own. Such a session is recorded,
 * and credited when Stripe says it is paid, before the caller takes anything from it. Undefined for charges that are
 * no top-up of ours.
 */
export async function topUpSessionOfPaymentIntent(
  prisma: Database,
  paymentIntentId: string,
  lookups: StripeLookups,
): Promise<string | undefined> {
  const known = await prisma.payment.findUnique({
    where: { stripePaymentIntentId: paymentIntentId },
    select: { stripeSessionId: true },
  });
  if (known) return known.stripeSessionId;
  // Failing here (Stripe unreachable: 500) makes Stripe deliver the event again later.
  const session = await lookups.findSessionByPaymentIntent(paymentIntentId);
  if (!session) return undefined;
  const recorded = await recordCheckoutSession(prisma, session);
  return recorded.outcome === "not_a_top_up" ? undefined : session.id;
}

/** Best effort: a receipt link for the billing page. Never fails the webhook; the refund event brings one too. */
export async function attachReceipt(prisma: Database, payment: Payment, lookups: StripeLookups): Promise<void> {
  if (payment.receiptUrl || !payment.stripePaymentIntentId) return;
  try {
    const receiptUrl = await lookups.findReceiptUrl(payment.stripePaymentIntentId);
    if (receiptUrl)
      await prisma.payment.updateMany({ where: { id: payment.id, receiptUrl: null }, data: { receiptUrl } });
  } catch (error) {
    log.warn("stripe: could not fetch the receipt of a top-up", {
      sessionId: payment.stripeSessionId,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}
