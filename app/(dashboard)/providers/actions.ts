"use server";
// /providers' changes: the signed-in customer's own endpoints (lib/byo). Each action reads the session itself (a
// server action is a POST anyone can send) and lib/byo touches only that account's rows.
import { getTranslations } from "next-intl/server";
import type { AdminFormState } from "@/components/admin/form-state";
import { requireUserId } from "@/lib/auth/session";
import {
  addByoKey,
  createByoProvider,
  deleteByoProvider,
  removeByoKey,
  setByoModels,
  testByoConnection,
} from "@/lib/byo/byo-providers";
import { connectionTestState, runCatalogAction } from "../admin/run-catalog-action";

const PATHS = ["/providers"];

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));

export async function createByoProviderAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const userId = await requireUserId();
  const t = await getTranslations("providers.done");
  return runCatalogAction(
    formData,
    async (raw) => {
      await createByoProvider(userId, raw);
      return { message: t("created", { name: one(raw.name).trim().toLowerCase() }) };
    },
    PATHS,
  );
}

export async function addByoKeyAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const userId = await requireUserId();
  const t = await getTranslations("providers.done");
  return runCatalogAction(
    formData,
    async (raw) => {
      await addByoKey(userId, one(raw.providerId), raw);
      return { message: t("keyAdded") };
    },
    PATHS,
  );
}

export async function removeByoKeyAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const userId = await requireUserId();
  const t = await getTranslations("providers.done");
  return runCatalogAction(
    formData,
    async (raw) => {
      await removeByoKey(userId, one(raw.keyId));
      return { message: t("keyRemoved") };
    },
    PATHS,
  );
}

export async function deleteByoProviderAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const userId = await requireUserId();
  const t = await getTranslations("providers.done");
  return runCatalogAction(
    formData,
    async (raw) => {
      await deleteByoProvider(userId, one(raw.providerId));
      return { message: t("deleted") };
    },
    PATHS,
  );
}

export async function saveByoModelsAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const userId = await requireUserId();
  const t = await getTranslations("providers.done");
  return runCatalogAction(
    formData,
    async (raw) => {
      const count = await setByoModels(userId, one(raw.providerId), raw);
      return { message: t("modelsSaved", { count }) };
    },
    PATHS,
  );
}

/** Reads only: the endpoint's model list (or its exact error) with the chosen key, through the SSRF guard. */
export async function testByoConnectionAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const userId = await requireUserId();
  const t = await getTranslations("providers.done");
  const providerId = String(formData.get("providerId") ?? "");
  const keyId = String(formData.get("keyId") ?? "") || null;
  const result = await testByoConnection(userId, providerId, keyId);
  return connectionTestState(result, t);
}
