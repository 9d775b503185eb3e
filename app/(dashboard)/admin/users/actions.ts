"use server";
// The console's user actions: each checks the admin first, calls lib/admin/accounts.ts (which validates, audits and
// announces), and answers by redirecting to the user's page with what happened, or with the problem beside its field.
// Plain form posts: they work without JavaScript.
import { redirect } from "next/navigation";
import { createUser, grantCredit, removeCredit, setAdmin, suspendUser, unsuspendUser } from "@/lib/admin/accounts";
import { AdminError } from "@/lib/admin/admin-error";
import { requireAdmin } from "@/lib/admin/guard";
import { SpendingLimitError, setSpendingLimit } from "@/lib/billing/spending-limit-settings";
import { setAccountPlan } from "@/lib/plans/plans";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function userPage(userId: string, outcome: Record<string, string>): string {
  return `/admin/users/${encodeURIComponent(userId)}?${new URLSearchParams(outcome).toString()}#${outcome.form ?? ""}`;
}

/** Runs `change`; a refusal for a person comes back beside its form and field, anything else is a real failure. */
async function attempt(userId: string, form: string, done: string, change: () => Promise<unknown>): Promise<never> {
  try {
    await change();
  } catch (error) {
    if (error instanceof AdminError || error instanceof SpendingLimitError) {
      redirect(userPage(userId, { form, error: error.message, field: error.field ?? "" }));
    }
    throw error;
  }
  redirect(userPage(userId, { form, done }));
}

export async function changeCreditAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const userId = text(formData, "userId");
  const change = { amountUsd: text(formData, "amountUsd"), reason: text(formData, "reason") };
  const remove = text(formData, "direction") === "remove";
  await attempt(userId, "credit", remove ? "removed" : "granted", () =>
    remove ? removeCredit(admin, { userId }, change) : grantCredit(admin, { userId }, change),
  );
}

export async function suspensionAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const userId = text(formData, "userId");
  const reason = text(formData, "reason");
  const lift = text(formData, "suspend") !== "true";
  await attempt(userId, "suspension", lift ? "unsuspended" : "suspended", () =>
    lift ? unsuspendUser(admin, { userId }, reason) : suspendUser(admin, { userId }, reason),
  );
}

export async function adminFlagAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const userId = text(formData, "userId");
  const makeAdmin = text(formData, "admin") === "true";
  await attempt(userId, "admin", makeAdmin ? "madeAdmin" : "removedAdmin", () =>
    setAdmin(admin, { userId }, makeAdmin),
  );
}

export async function userSpendingLimitAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const userId = text(formData, "userId");
  await attempt(userId, "limit", "limitSaved", () =>
    setSpendingLimit(admin, userId, {
      limitUsd: text(formData, "limitUsd"),
      thresholds: text(formData, "thresholds"),
      lowBalanceUsd: text(formData, "lowBalanceUsd"),
    }),
  );
}

export async function userPlanAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const userId = text(formData, "userId");
  await attempt(userId, "plan", "planSaved", () => setAccountPlan(admin, { userId }, text(formData, "plan")));
}

export async function createUserAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  let created: { id: string };
  try {
    created = await createUser(admin, text(formData, "email"));
  } catch (error) {
    if (error instanceof AdminError) {
      redirect(`/admin/users?${new URLSearchParams({ error: error.message, field: error.field ?? "" }).toString()}`);
    }
    throw error;
  }
  redirect(userPage(created.id, { form: "created", done: "created" }));
}
