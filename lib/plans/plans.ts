// Plans for the operator: list them, change a plan's limits, put an account on a plan. Each change is audited and
// announced as an "accounts" change in the same transaction, so every instance drops its cached keys and applies the
// new limits within a second (lib/gateway/auth.ts). The console, the CLI and MCP all come through here.
import "../server-only";
import { z } from "zod";
import { AdminError } from "../admin/admin-error";
import { type Actor, recordAudit } from "../admin/audit";
import { announceChange } from "../control-plane/changes";
import { db } from "../db/client";
import type { LimitColumns } from "./key-limits";

export interface PlanView extends LimitColumns {
  id: string;
  name: string;
  /** Accounts on the plan. */
  accounts: number;
}

export async function listPlans(): Promise<PlanView[]> {
  const plans = await db().plan.findMany({
    orderBy: { position: "asc" },
    include: { _count: { select: { users: true } } },
  });
  return plans.map((plan) => ({
    id: plan.id,
    name: plan.name,
    rpmLimit: plan.rpmLimit,
    rpdLimit: plan.rpdLimit,
    tpmLimit: plan.tpmLimit,
    concurrencyLimit: plan.concurrencyLimit,
    accounts: plan._count.users,
  }));
}

/** A limit as typed: blank is none, else a whole number from 1 to 100 million. */
const limitSchema = z
  .string()
  .trim()
  .transform((text, context) => {
    if (text === "") return null;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100_000_000) {
      context.addIssue({
        code: "custom",
        message: "A limit is a whole number from 1 to 100,000,000, or blank for none",
      });
      return z.NEVER;
    }
    return Number(text);
  });

export type PlanLimitsInput = Record<keyof LimitColumns, string>;

/** Changes a plan's limits (blank: no limit of the plan's own). */
export async function updatePlanLimits(actor: Actor, planId: string, input: PlanLimitsInput): Promise<void> {
  const limits = {} as LimitColumns;
  for (const field of ["rpmLimit", "rpdLimit", "tpmLimit", "concurrencyLimit"] as const) {
    const parsed = limitSchema.safeParse(input[field] ?? "");
    if (!parsed.success) throw new AdminError(parsed.error.issues[0]?.message ?? "Not valid", field);
    limits[field] = parsed.data;
  }
  await db().$transaction(async (tx) => {
    const before = await tx.plan.findUnique({ where: { id: planId } });
    if (!before) throw new AdminError("No such plan", "plan");
    await tx.plan.update({ where: { id: planId }, data: limits });
    await recordAudit(tx, actor, {
      action: "plan.update",
      target: { type: "plan", id: planId },
      before: {
        rpmLimit: before.rpmLimit,
        rpdLimit: before.rpdLimit,
        tpmLimit: before.tpmLimit,
        concurrencyLimit: before.concurrencyLimit,
      },
      after: limits,
    });
    await announceChange(tx, "accounts");
  });
}

export type AccountRef = { email: string } | { userId: string };

/** Puts an account on a plan, named by its name or id (case-insensitive). Returns the plan's name. */
export async function setAccountPlan(actor: Actor, account: AccountRef, planText: string): Promise<string> {
  const wanted = planText.trim().toLowerCase();
  return db().$transaction(async (tx) => {
    const plans = await tx.plan.findMany();
    const plan = plans.find((row) => row.id === wanted || row.name.toLowerCase() === wanted);
    if (!plan) {
      throw new AdminError(`No plan named '${planText}' (plans: ${plans.map((row) => row.name).join(", ")})`, "plan");
    }
    const where = "email" in account ? { email: account.email.trim().toLowerCase() } : { id: account.userId };
    const user = await tx.user.findUnique({ where, select: { id: true, email: true, planId: true } });
    if (!user) throw new AdminError("email" in account ? `No user with email ${where.email}` : "No such user", "user");
    if (user.planId !== plan.id) {
      await tx.user.update({ where: { id: user.id }, data: { planId: plan.id } });
      await recordAudit(tx, actor, {
        action: "user.plan",
        target: { type: "user", id: user.id },
        before: { email: user.email, plan: user.planId },
        after: { email: user.email, plan: plan.id },
      });
      await announceChange(tx, "accounts");
    }
    return plan.name;
  });
}
