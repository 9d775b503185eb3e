"use server";
// The Routes page's changes: a model's deployments (add, edit, enable or disable, remove). Admins only.
import {
  addDeployment,
  removeDeployment,
  setDeploymentEnabled,
  updateDeployment,
} from "@/lib/admin/catalog/deployments";
import { catalogAction, firstValue } from "../run-catalog-action";

const done = "admin-catalog.routes.done";

export const addRouteAction = catalogAction(done, async ({ admin, raw, t }) => {
  await addDeployment(admin, firstValue(raw.modelId), raw);
  return { message: t("added") };
});

export const updateRouteAction = catalogAction(done, async ({ admin, raw, t }) => {
  await updateDeployment(admin, firstValue(raw.deploymentId), raw);
  return { message: t("saved") };
});

export const setRouteEnabledAction = catalogAction(done, async ({ admin, raw, t }) => {
  const enabled = firstValue(raw.enabled) === "true";
  await setDeploymentEnabled(admin, firstValue(raw.deploymentId), enabled);
  return { message: enabled ? t("enabled") : t("disabled") };
});

export const removeRouteAction = catalogAction(done, async ({ admin, raw, t }) => {
  await removeDeployment(admin, firstValue(raw.deploymentId));
  return { message: t("removed") };
});
