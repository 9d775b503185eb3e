"use server";
// The Models page's changes: create and edit catalog models, import from a provider's list. Admins only.
import { createModel, importModels, updateModel } from "@/lib/admin/catalog/models";
import { catalogAction, firstValue } from "../run-catalog-action";

const done = "admin-catalog.models.done";

export const createModelAction = catalogAction(done, async ({ admin, raw, t }) => {
  const { id } = await createModel(admin, raw);
  return { message: t("created", { id }) };
});

export const updateModelAction = catalogAction(done, async ({ admin, raw, t }) => {
  const modelId = firstValue(raw.modelId);
  await updateModel(admin, modelId, raw);
  return { message: t("saved", { id: modelId }) };
});

export const importModelsAction = catalogAction(done, async ({ admin, raw, t }) => {
  const added = await importModels(admin, raw);
  return { message: t("imported", { count: added.length }), list: added };
});
