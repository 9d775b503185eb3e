// The key forms' fields as sent, and the api_keys columns a checked form sets (lib/keys/key-settings-issues.ts checks).
import type { KeyFormValues } from "./key-form-state";
import type { KeySettings } from "./key-settings-issues";

/** The fields both key forms send (a missing one reads as blank). */
export function keyFormValues(formData: FormData): KeyFormValues & { keyId: string } {
  const text = (field: string) => {
    const value = formData.get(field);
    return typeof value === "string" ? value : "";
  };
  return {
    keyId: text("keyId"),
    name: text("name"),
    rpmLimit: text("rpmLimit"),
    rpdLimit: text("rpdLimit"),
    tpmLimit: text("tpmLimit"),
    concurrencyLimit: text("concurrencyLimit"),
    monthlyBudgetUsd: text("monthlyBudgetUsd"),
    budgetPeriod: text("budgetPeriod"),
    expiresOn: text("expiresOn"),
    allowedModels: text("allowedModels"),
    allowedIps: text("allowedIps"),
  };
}

/** The api_keys columns a key's settings set; unset limits become NULL (or an empty list), so an edit clears them. */
export function keySettingsColumns(settings: KeySettings) {
  return {
    name: settings.name,
    rpmLimit: settings.rpmLimit ?? null,
    rpdLimit: settings.rpdLimit ?? null,
    tpmLimit: settings.tpmLimit ?? null,
    concurrencyLimit: settings.concurrencyLimit ?? null,
    monthlyBudgetMicros: settings.monthlyBudgetMicros ?? null,
    budgetPeriod: settings.budgetPeriod ?? "month",
    allowedModels: settings.allowedModels,
    allowedIps: settings.allowedIps,
    expiresAt: settings.expiresAt ?? null,
  };
}
