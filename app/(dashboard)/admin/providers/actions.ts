"use server";
// The Providers page's changes: custom providers, and every provider's keys. Admins only, checked first in each.
import { getTranslations } from "next-intl/server";
import type { AdminFormState } from "@/components/admin/form-state";
import { testProviderConnection } from "@/lib/admin/catalog/test-connection";
import {
  addProviderKey,
  removeProviderKey,
  setProviderKeyEnabled,
  updateProviderKey,
} from "@/lib/admin/catalog/provider-keys";
import { createCustomProvider, setProviderEnabled, updateProvider } from "@/lib/admin/catalog/providers";
import { requireAdmin } from "@/lib/admin/guard";
import { connectionTestState, runCatalogAction } from "../run-catalog-action";

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));

export async function createProviderAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    const { id } = await createCustomProvider(admin, raw);
    return { message: t("created", { id }) };
  });
}

export async function updateProviderAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    await updateProvider(admin, one(raw.providerId), raw);
    return { message: t("saved") };
  });
}

export async function setProviderEnabledAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    const enabled = one(raw.enabled) === "true";
    await setProviderEnabled(admin, one(raw.providerId), enabled);
    return { message: enabled ? t("enabled") : t("disabled") };
  });
}

export async function addKeyAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    await addProviderKey(admin, one(raw.providerId), raw);
    return { message: t("keyAdded") };
  });
}

export async function updateKeyAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    await updateProviderKey(admin, one(raw.keyId), raw);
    return { message: t("saved") };
  });
}

export async function setKeyEnabledAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    const enabled = one(raw.enabled) === "true";
    await setProviderKeyEnabled(admin, one(raw.keyId), enabled);
    return { message: enabled ? t("keyEnabled") : t("keyDisabled") };
  });
}

export async function removeKeyAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.done");
  return runCatalogAction(formData, async (raw) => {
    await removeProviderKey(admin, one(raw.keyId));
    return { message: t("keyRemoved") };
  });
}

/** Reads only: the upstream's model list (or its error) with the chosen key. Not audited, nothing changes. */
export async function testConnectionAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  await requireAdmin();
  const t = await getTranslations("admin-catalog.providers.test");
  const providerId = String(formData.get("providerId") ?? "");
  const keyId = String(formData.get("keyId") ?? "") || null;
  const result = await testProviderConnection(providerId, keyId);
  return connectionTestState(result, t);
}
