"use server";
// The console's plan form: one plan's limits saved per post, through lib/plans/plans.ts (validated, audited,
// announced to every instance). Plain form posts: they work without JavaScript.
import { redirect } from "next/navigation";
import { AdminError } from "@/lib/admin/admin-error";
import { requireAdmin } from "@/lib/admin/guard";
import { type PlanLimitsInput, updatePlanLimits } from "@/lib/plans/plans";
import { PLAN_LIMIT_FIELDS } from "./fields";

function page(outcome: Record<string, string>): string {
  return `/admin/plans?${new URLSearchParams(outcome).toString()}#plan-${outcome.plan ?? ""}`;
}

export async function updatePlanAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const planId = String(formData.get("planId") ?? "");
  const input = Object.fromEntries(
    PLAN_LIMIT_FIELDS.map((field) => [field, String(formData.get(field) ?? "").slice(0, 20)]),
  ) as PlanLimitsInput;
  try {
    await updatePlanLimits(admin, planId, input);
  } catch (error) {
    if (error instanceof AdminError) redirect(page({ plan: planId, error: error.message, ...input }));
    throw error;
  }
  redirect(page({ plan: planId, done: "saved" }));
}
