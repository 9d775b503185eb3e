// Money movements that are not request usage: grants, top-ups, refunds, adjustments. Each is one ledger row and
// one atomic change of the balance in the same transaction; an idempotency key makes a movement happen once.
import "../server-only";
import type { Database } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { LedgerKind } from "../db/generated/enums";

export interface Movement {
  userId: string;
  kind: Exclude<LedgerKind, "settle">;
  amountMicros: bigint;
  description: string;
  idempotencyKey?: string;
}

/** Returns false when a movement with the same idempotency key already happened. */
/** Takes the client or a transaction's client: a movement can commit together with the change that caused it. */
export async function recordMovement(
  prisma: Database | Prisma.TransactionClient,
  movement: Movement,
): Promise<boolean> {
  const inserted = await prisma.$queryRawUnsafe<Array<{ id: bigint }>>(
    `WITH entry AS (
       INSERT INTO ledger_entries (user_id, kind, amount_micros, description, idempotency_key)
       VALUES ($1, $2::"LedgerKind", $3::bigint, $4, $5)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, amount_micros
     ), moved AS (
       UPDATE users SET balance_micros = balance_micros + (SELECT amount_micros FROM entry), updated_at = now()
       WHERE id = $1 AND EXISTS (SELECT 1 FROM entry)
     )
     SELECT id FROM entry`,
    movement.userId,
    movement.kind,
    movement.amountMicros,
    movement.description,
    movement.idempotencyKey ?? null,
  );
  return inserted.length > 0;
}
