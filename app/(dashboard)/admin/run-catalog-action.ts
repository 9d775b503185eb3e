// What every catalog server action does around its one call into lib/admin/catalog: read the form, turn a refusal into
// messages beside the fields (in the operator's language), refresh the pages that show the change.
import "@/lib/server-only";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { AdminFormAction, AdminFormState } from "@/components/admin/form-state";
import { CatalogInputError } from "@/lib/admin/catalog/catalog-input";
import type { ConnectionResult } from "@/lib/admin/catalog/test-connection";
import { type Admin, requireAdmin } from "@/lib/admin/guard";
import { log } from "@/lib/log";

type FormRecord = Record<string, string | string[]>;
type Outcome = { message: string; list?: string[] };

/** The form as a record: one string per field, an array for a field sent more than once (checkbox groups). */
export function formRecord(formData: FormData): FormRecord {
  const record: FormRecord = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$")) continue;
    const existing = record[name];
    record[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

/** One field of the form record as text: the first value of a repeated field, "" when absent. */
export function firstValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
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

/**
 * A connection test's answer as its form shows it, for the operator's providers and a customer's own alike: the
 * models the upstream lists, or its exact error (with its HTTP status when it answered). `t` words both in the
 * page's namespace ("works" with a count, "failed" with the detail).
 */
export function connectionTestState(
  result: ConnectionResult,
  t: (key: "works" | "failed", values: Record<string, string | number>) => string,
): AdminFormState {
  if (result.ok)
    return {
      status: "saved",
      message: t("works", { count: result.models.length }),
      list: result.models,
      at: Date.now(),
    };
  const status = result.status === null ? "" : `HTTP ${result.status}: `;
  return {
    status: "error",
    message: t("failed", { detail: `${status}${result.message}` }),
    issues: {},
    values: {},
    at: Date.now(),
  };
}

export async function runCatalogAction(
  formData: FormData,
  work: (raw: FormRecord) => Promise<Outcome>,
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

/**
 * A catalog form's server action: `export const addRouteAction = catalogAction("admin-catalog.routes.done", …)`.
 * The admin is checked before anything is read; `t` words the outcome from `doneNamespace`.
 */
export function catalogAction(
  doneNamespace: string,
  work: (change: { admin: Admin; raw: FormRecord; t: Awaited<ReturnType<typeof getTranslations>> }) => Promise<Outcome>,
): AdminFormAction {
  return async (_previous, formData) => {
    const admin = await requireAdmin();
    const t = await getTranslations(doneNamespace);
    return runCatalogAction(formData, (raw) => work({ admin, raw, t }));
  };
}
