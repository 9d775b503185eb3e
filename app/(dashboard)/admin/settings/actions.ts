"use server";
// The console's settings form: one setting saved (or reset to its default) per post, through lib/admin/settings.ts
// (validated, audited, announced to every instance). Plain form posts: they work without JavaScript.
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/admin/guard";
import { SETTING_NAMES, SettingInputError, type SettingName, updateSetting } from "@/lib/admin/settings";

function page(outcome: Record<string, string>): string {
  return `/admin/settings?${new URLSearchParams(outcome).toString()}#setting-${outcome.setting ?? ""}`;
}

export async function updateSettingAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const name = String(formData.get("name") ?? "") as SettingName;
  if (!SETTING_NAMES.includes(name)) redirect("/admin/settings");
  const reset = formData.get("intent") === "reset";
  const text = String(formData.get("value") ?? "").trim();
  const value = reset ? null : text === "" ? Number.NaN : Number(text);
  if (value !== null && !Number.isFinite(value)) {
    redirect(page({ setting: name, error: "notNumber", value: text.slice(0, 50) }));
  }
  try {
    await updateSetting(admin, name, value);
  } catch (error) {
    if (error instanceof SettingInputError) {
      redirect(page({ setting: name, error: "outOfBounds", detail: error.message, value: text.slice(0, 50) }));
    }
    throw error;
  }
  redirect(page({ setting: name, done: reset ? "reset" : "saved" }));
}
