"use server";
// The Models page's changes: create and edit catalog models, import from a provider's list. Admins only.
import { getTranslations } from "next-intl/server";
import type { AdminFormState } from "@/components/admin/form-state";
import { createModel, importModels, updateModel } from "@/lib/admin/catalog/models";
import { requireAdmin } from "@/lib/admin/guard";
import { runCatalogAction } from "../run-catalog-action";

export async function createModelAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.models.done");
  return runCatalogAction(formData, async (raw) => {
    const { id } = await createModel(admin, raw);
    return { message: t("created", { id }) };
  });
}

export async function updateModelAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.models.done");
  return runCatalogAction(formData, async (raw) => {
    const modelId = String(formData.get("modelId") ?? "");
    await updateModel(admin, modelId, raw);
    return { message: t("saved", { id: modelId }) };
  });
}

export async function importModelsAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.models.done");
  return runCatalogAction(formData, async (raw) => {
    const added = await importModels(admin, raw);
    return { message: t("imported", { count: added.length }), list: added };
  });
}
