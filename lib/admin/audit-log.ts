// Reading the audit log for the console (and MCP): newest first, filtered by actor, target and date, a page at a time
// (keyset on the id, which grows with time: a page stays right while new rows arrive).
import "../server-only";
import { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";

export const AUDIT_PAGE_SIZE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const auditFiltersSchema = z.object({
  /** Part of the actor's email (or "cli:<name>"), any case. */
  actor: z.string().trim().max(320).optional().catch(undefined),
  targetType: z.string().trim().max(100).optional().catch(undefined),
  targetId: z.string().trim().max(200).optional().catch(undefined),
  /** UTC days, inclusive. */
  from: z.string().regex(DAY).optional().catch(undefined),
  to: z.string().regex(DAY).optional().catch(undefined),
  /** Rows older than this id (the next page). */
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .catch(undefined),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorEmail: string;
  actorId: string | null;
  via: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

function dayStart(day: string, offsetDays = 0): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date;
}

/** One page of entries, newest first; `next` is the `before` of the following page, when there is one. */
export async function listAuditEntries(filters: AuditFilters): Promise<{ rows: AuditRow[]; next: string | null }> {
  const where: Prisma.AuditEntryWhereInput = {};
  if (filters.actor) where.actorEmail = { contains: filters.actor, mode: "insensitive" };
  if (filters.targetType) where.targetType = filters.targetType;
  if (filters.targetId) where.targetId = filters.targetId;
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from && !Number.isNaN(dayStart(filters.from).getTime())) createdAt.gte = dayStart(filters.from);
  if (filters.to && !Number.isNaN(dayStart(filters.to).getTime())) createdAt.lt = dayStart(filters.to, 1);
  if (createdAt.gte || createdAt.lt) where.createdAt = createdAt;
  if (filters.before) where.id = { lt: BigInt(filters.before) };
  const rows = await db().auditEntry.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, id: row.id.toString() }));
  return { rows: page, next: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}

/** The target types that occur in the log, for the filter's choices. */
export async function auditTargetTypes(): Promise<string[]> {
  const rows = await db().auditEntry.findMany({ distinct: ["targetType"], select: { targetType: true } });
  return rows.map((row) => row.targetType).sort();
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function readable(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** before → after per field, for the table: objects compared key by key, anything else as one "value". */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    !!value && typeof value === "object" && !Array.isArray(value);
  if (!isObject(before) && !isObject(after)) {
    if (before == null && after == null) return [];
    return [{ field: "value", before: readable(before), after: readable(after) }];
  }
  const from = isObject(before) ? before : {};
  const to = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields.map((field) => ({ field, before: readable(from[field]), after: readable(to[field]) }));
}
