// What every catalog server action does around its one call into lib/admin/catalog: read the form, turn a refusal into
// messages beside the fields (in the operator's language), refresh the pages that show the change.
import "@/lib/server-only";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { AdminFormState } from "@/components/admin/form-state";
import { CatalogInputError } from "@/lib/admin/catalog/catalog-input";
import { log } from "@/lib/log";

/** The form as a record: one string per field, an array for a field sent more than once (checkbox groups). */
export function formRecord(formData: FormData): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$")) continue;
    const existing = record[name];
    record[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

/** The values as typed, to put back in the form after a refusal; never a secret. */
function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$") || name === "secret") continue;
    values[name] = value;
    values[`${name}:${value}`] = "on";
  }
  return values;
}

export async function runCatalogAction(
  formData: FormData,
  work: (raw: Record<string, string | string[]>) => Promise<{ message: string; list?: string[] }>,
  paths: string[] = ["/admin/providers", "/admin/models", "/admin/routes"],
): Promise<AdminFormState> {
  const t = await getTranslations("admin-catalog.issues");
  try {
    const result = await work(formRecord(formData));
    for (const path of paths) revalidatePath(path);
    return { status: "saved", ...result, at: Date.now() };
  } catch (error) {
    if (error instanceof CatalogInputError) {
      const issues: Record<string, string> = {};
      const general: string[] = [];
      for (const issue of error.issues) {
        const message = t(issue.code);
        if (issue.field) issues[issue.field] = message;
        else general.push(message);
      }
      const message = general.length > 0 ? general.join(" ") : t("checkFields");
      return { status: "error", message, issues, values: typedValues(formData), at: Date.now() };
    }
    log.error("a catalog change failed", { error });
    return { status: "error", message: t("failed"), issues: {}, values: typedValues(formData), at: Date.now() };
  }
}
