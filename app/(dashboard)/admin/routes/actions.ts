"use server";
// The Routes page's changes: a model's deployments (add, edit, enable or disable, remove). Admins only.
import { getTranslations } from "next-intl/server";
import type { AdminFormState } from "@/components/admin/form-state";
import {
  addDeployment,
  removeDeployment,
  setDeploymentEnabled,
  updateDeployment,
} from "@/lib/admin/catalog/deployments";
import { requireAdmin } from "@/lib/admin/guard";
import { runCatalogAction } from "../run-catalog-action";

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));

export async function addRouteAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.routes.done");
  return runCatalogAction(formData, async (raw) => {
    await addDeployment(admin, one(raw.modelId), raw);
    return { message: t("added") };
  });
}

export async function updateRouteAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.routes.done");
  return runCatalogAction(formData, async (raw) => {
    await updateDeployment(admin, one(raw.deploymentId), raw);
    return { message: t("saved") };
  });
}

export async function setRouteEnabledAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.routes.done");
  return runCatalogAction(formData, async (raw) => {
    const enabled = one(raw.enabled) === "true";
    await setDeploymentEnabled(admin, one(raw.deploymentId), enabled);
    return { message: enabled ? t("enabled") : t("disabled") };
  });
}

export async function removeRouteAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.routes.done");
  return runCatalogAction(formData, async (raw) => {
    await removeDeployment(admin, one(raw.deploymentId));
    return { message: t("removed") };
  });
}
