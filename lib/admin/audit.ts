// The audit log: one append-only row per admin change, from the console, the CLI or MCP, written in the same
// transaction as the change itself (so a change is never unaudited and an audit row never describes a change that
// rolled back). Values are recorded as they read, minus anything secret.
import "../server-only";
import type { Prisma } from "../db/generated/client";

/** Who changed something, and through which door. */
export interface Actor {
  userId: string | null;
  email: string;
  via: "console" | "cli" | "mcp";
}

/** The CLI acts as the machine's operator: no user signed in, named by the shell account that ran it. */
export function cliActor(): Actor {
  const name = process.env.USER ?? process.env.USERNAME ?? "operator";
  return { userId: null, email: `cli:${name}`, via: "cli" };
}

export interface AuditChange {
  /** Dotted verb: "model.update", "credit.grant", "user.suspend". */
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

/** Field names whose values are never written to the audit log, whatever object they appear in. */
const SECRET_FIELD = /secret|password|token|apikey|api_key|encrypted|keyhash|key_hash|^key$/i;

/** A value as the audit log may hold it: JSON-safe (bigint as a string, dates as ISO) and without secret fields. */
export function auditValue(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined) return undefined;
  const clean = (item: unknown): unknown => {
    if (typeof item === "bigint") return item.toString();
    if (item instanceof Date) return item.toISOString();
    if (Array.isArray(item)) return item.map(clean);
    if (item && typeof item === "object") {
      return Object.fromEntries(
        Object.entries(item)
          .filter(([name, field]) => field !== undefined && !SECRET_FIELD.test(name))
          .map(([name, field]) => [name, clean(field)]),
      );
    }
    return item;
  };
  return (clean(value) ?? null) as Prisma.InputJsonValue;
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditEntry">;

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(tx: AuditWriter, actor: Actor, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: actor.userId,
      actorEmail: actor.email,
      via: actor.via,
      action: change.action,
      targetType: change.target.type,
      targetId: change.target.id,
      before: auditValue(change.before),
      after: auditValue(change.after),
    },
  });
}
