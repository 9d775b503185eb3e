// A card top-up's life in the database: its payments row and the ledger movements it makes.
//
// Money rules (DESIGN.md principle 4):
// - Credits come only from what Stripe reports (a verified webhook, or Stripe's API), never from the browser.
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
import "../../server-only";
import type Stripe from "stripe";
import type { Database } from "../../db/client";
import type { Payment, Prisma } from "../../db/generated/client";
import type { PaymentStatus } from "../../db/generated/enums";
import { log } from "../../log";
import { formatUsd, type Micros } from "../../money";
import { recordMovement } from "../ledger";
import { idOf, type StripeLookups } from "./stripe-lookups";
import { centsToMicros, microsToCents } from "./top-up-amount";

/** In the metadata of every Checkout Session this app creates; anything else sold on the Stripe account is left alone. */
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
  const rows = await transaction.$queryRaw<Array<{ id: string }>>`SELECT id FROM payments WHERE stripe_session_id = ${sessionId} FOR UPDATE`;
  if (rows.length === 0) return undefined;
  return transaction.payment.findUniqueOrThrow({ where: { id: rows[0].id } });
}

/** What a Checkout Session says about a top-up. */
interface SessionFacts {
  sessionId: string;
  /** Set by createTopUpCheckout; only such sessions get a payments row made from an event. */
  isTopUp: boolean;
  userId: string | undefined;
  /** What the customer was charged; undefined when it cannot be credited exactly (not USD, not payment mode). */
  amountMicros: Micros | undefined;
  paymentIntentId: string | undefined;
}

function readSession(session: Stripe.Checkout.Session): SessionFacts {
  const metadata = session.metadata ?? {};
  const creditable = session.mode === "payment" && session.currency === "usd" && session.amount_total !== null && session.amount_total > 0;
  return {
    sessionId: session.id,
    isTopUp: metadata.purpose === TOP_UP_PURPOSE,
    userId: metadata.userId || session.client_reference_id || undefined,
    amountMicros: creditable && session.amount_total !== null ? centsToMicros(session.amount_total) : undefined,
    paymentIntentId: idOf(session.payment_intent),
  };
}

/**
 * The locked payments row of a session, made from the session when missing (its pending row can be lost, or an
 * event can come before createTopUpCheckout wrote it), brought up to date with its payment intent. Undefined when
 * the session is not a top-up of a user of this app.
 */
async function lockOrCreatePayment(transaction: Transaction, facts: SessionFacts): Promise<Payment | undefined> {
  let payment = await lockPayment(transaction, facts.sessionId);
  if (!payment) {
    if (!facts.isTopUp) return undefined;
    if (!facts.userId || facts.amountMicros === undefined) {
      log.error("stripe: a top-up session without a user or a creditable USD amount", { sessionId: facts.sessionId, userId: facts.userId });
      return undefined;
    }
    const user = await transaction.user.findUnique({ where: { id: facts.userId }, select: { id: true } });
    if (!user) {
      log.error("stripe: a top-up session for a user who does not exist (deleted?); refund it in Stripe", { sessionId: facts.sessionId, userId: facts.userId });
      return undefined;
    }
    await transaction.payment.createMany({
      data: [{ userId: facts.userId, stripeSessionId: facts.sessionId, amountMicros: facts.amountMicros, status: "pending" }],
      skipDuplicates: true,
    });
    payment = await lockPayment(transaction, facts.sessionId);
    if (!payment) throw new Error(`payments row for ${facts.sessionId} vanished after it was made`);
  }

  const changes: Prisma.PaymentUpdateInput = {};
  if (facts.paymentIntentId && payment.stripePaymentIntentId !== facts.paymentIntentId) {
    if (payment.stripePaymentIntentId) {
      log.warn("stripe: a session reports another payment intent than the one recorded", { sessionId: facts.sessionId, recorded: payment.stripePaymentIntentId, reported: facts.paymentIntentId });
    } else changes.stripePaymentIntentId = facts.paymentIntentId;
  }
  // The credit is what Stripe charged. The pending row holds what was asked for; they only differ if the session was
  // changed in Stripe, and then the charge wins (until credited: a credited amount is never rewritten).
  if (facts.amountMicros !== undefined && facts.amountMicros !== payment.amountMicros && !isCredited(payment)) {
    log.warn("stripe: the session's amount differs from the pending top-up; crediting what Stripe charged", {
      sessionId: facts.sessionId,
      pendingMicros: payment.amountMicros,
      chargedMicros: facts.amountMicros,
    });
    changes.amountMicros = facts.amountMicros;
  }
  if (facts.userId && facts.userId !== payment.userId) {
    log.warn("stripe: a session names another user than its payments row; the row wins", { sessionId: facts.sessionId });
  }
  if (Object.keys(changes).length > 0) payment = await transaction.payment.update({ where: { id: payment.id }, data: changes });
  return payment;
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
  if (!added) log.warn("stripe: the ledger already held this top-up's credit; only its status is set", { sessionId: payment.stripeSessionId });
  if (payment.refundedMicros > 0n) {
    await recordMovement(transaction, {
      userId: payment.userId,
      kind: "refund",
      amountMicros: -payment.refundedMicros,
      description: `Refund of card top-up ${formatUsd(payment.refundedMicros)} (Stripe ${payment.stripePaymentIntentId ?? payment.stripeSessionId})`,
      idempotencyKey: refundIdempotencyKey(payment.stripePaymentIntentId ?? payment.stripeSessionId, microsToCents(payment.refundedMicros)),
    });
  }
  return transaction.payment.update({ where: { id: payment.id }, data: { status: statusAfterRefunds(payment.amountMicros, payment.refundedMicros) } });
}

export interface SessionResult {
  outcome: TopUpOutcome;
  payment?: Payment;
}

/** A Checkout Session as Stripe reports it: recorded, and credited once when `paid`. */
export function recordCheckoutSession(prisma: Database, session: Stripe.Checkout.Session, paid: boolean): Promise<SessionResult> {
  const facts = readSession(session);
  return inPaymentTransaction(prisma, async (transaction) => {
    const payment = await lockOrCreatePayment(transaction, facts);
    if (!payment) return { outcome: "not_a_top_up" };
    if (!paid) return { outcome: isCredited(payment) ? "already_credited" : "awaiting_payment", payment };
    if (isCredited(payment)) return { outcome: "already_credited", payment };
    if (facts.amountMicros === undefined) {
      // Not USD or not a one-off payment: crediting it would not be exact, so a person has to look.
      log.error("stripe: a paid top-up session that cannot be credited exactly", { sessionId: facts.sessionId, currency: session.currency, mode: session.mode });
      return { outcome: "unchanged", payment };
    }
    return { outcome: "credited", payment: await credit(transaction, payment) };
  });
}

/** A session that will never be paid: async payment failed, or expired unpaid. A credited payment is left as it is. */
export function markCheckoutSession(prisma: Database, session: Stripe.Checkout.Session, status: "failed" | "expired"): Promise<SessionResult> {
  const facts = readSession(session);
  return inPaymentTransaction(prisma, async (transaction) => {
    const payment = await lockOrCreatePayment(transaction, facts);
    if (!payment) return { outcome: "not_a_top_up" };
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
    const refunded = reported < payment.amountMicros ? reported : payment.amountMicros;
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
    const updated = Object.keys(changes).length > 0 ? await transaction.payment.update({ where: { id: payment.id }, data: changes }) : payment;
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
  const amount = disputed < unrefunded ? disputed : unrefunded;
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
export function recordDisputeWithdrawal(prisma: Database, sessionId: string, dispute: ChargeDispute): Promise<SessionResult> {
  return inPaymentTransaction(prisma, async (transaction) => {
    const payment = await lockPayment(transaction, sessionId);
    if (!payment) return { outcome: "not_a_top_up" };
    if (!isCredited(payment)) {
      log.error("stripe: a chargeback of a top-up that was never credited; nothing to take back", { sessionId, disputeId: dispute.disputeId });
      return { outcome: "unchanged", payment };
    }
    const taken = await withdrawForDispute(transaction, payment, dispute);
    if (taken === 0n) return { outcome: "dispute_already_taken", payment };
    const updated = await transaction.payment.update({ where: { id: payment.id }, data: { status: "disputed" } });
    return { outcome: "dispute_withdrawn", payment: updated };
  });
}

/** charge.dispute.funds_reinstated: the dispute was won; exactly what the withdrawal took comes back. */
export function recordDisputeReinstatement(prisma: Database, sessionId: string, dispute: ChargeDispute): Promise<SessionResult> {
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
 * and credited when paid, before the caller takes anything from it. Undefined for charges that are no top-up.
 */
export async function topUpSessionOfPaymentIntent(
  prisma: Database,
  paymentIntentId: string | undefined,
  lookups: StripeLookups | undefined,
): Promise<string | undefined> {
  // Top-ups are Checkout payments, which always charge through a payment intent; other charges are not ours.
  if (!paymentIntentId) return undefined;
  const known = await prisma.payment.findUnique({ where: { stripePaymentIntentId: paymentIntentId }, select: { stripeSessionId: true } });
  if (known) return known.stripeSessionId;
  // Failing here (500) makes Stripe deliver the event again later, by when checkout.session.completed has linked it.
  if (!lookups) throw new Error(`an event for payment intent ${paymentIntentId}, which no top-up is linked to yet, and no Stripe client to ask`);
  const session = await lookups.findSessionByPaymentIntent(paymentIntentId);
  if (!session) return undefined;
  // Out of order: Stripe's own account of the session is as good as its webhook.
  const recorded = await recordCheckoutSession(prisma, session, session.payment_status === "paid");
  return recorded.outcome === "not_a_top_up" ? undefined : session.id;
}

/** Best effort: a receipt link for the billing page. Never fails the webhook; the refund event brings one too. */
export async function attachReceipt(prisma: Database, payment: Payment, lookups: StripeLookups | undefined): Promise<void> {
  if (!lookups || payment.receiptUrl || !payment.stripePaymentIntentId) return;
  try {
    const receiptUrl = await lookups.findReceiptUrl(payment.stripePaymentIntentId);
    if (receiptUrl) await prisma.payment.updateMany({ where: { id: payment.id, receiptUrl: null }, data: { receiptUrl } });
  } catch (error) {
    log.warn("stripe: could not fetch the receipt of a top-up", { sessionId: payment.stripeSessionId, reason: error instanceof Error ? error.message : String(error) });
  }
}
