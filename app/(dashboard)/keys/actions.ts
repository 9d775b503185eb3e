"use server";
// Key mutations from the dashboard: every field checked at once, always for the signed-in user's own keys.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { currentUserId } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { accountPlan, activeKeyNames, createApiKey, unknownModels } from "@/lib/keys/create-api-key";
import type { CreateKeyState, EditKeyState, KeyActionResult, KeyFormValues } from "@/lib/keys/key-form-state";
import { keyFormValues } from "@/lib/keys/key-input";
import { checkKeySettings, requestedModels } from "@/lib/keys/key-settings-issues";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { updateApiKey } from "@/lib/keys/update-api-key";
import { issueMessages } from "./issue-messages";

/** The form checked against what only the database knows: the catalog's model ids, the user's other key names, the plan. */
async function checkForm(userId: string, values: KeyFormValues, exceptKeyId?: string) {
  const now = new Date();
  const [unknown, takenNames, plan] = await Promise.all([
    unknownModels(db(), requestedModels(values)),
    activeKeyNames(db(), userId, { now, exceptKeyId }),
    accountPlan(db(), userId),
  ]);
  return checkKeySettings(values, { now, unknownModels: unknown, takenNames, plan });
}

export async function createKeyAction(_previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const { keyId: _ignored, ...values } = keyFormValues(formData);
  const t = await getTranslations("keys.errors");
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: t("sessionEnded"), issues: [], values };
  const checked = await checkForm(userId, values);
  if (!checked.ok) return { status: "error", message: "", issues: await issueMessages(checked.issues), values };
  const created = await createApiKey(db(), userId, checked.settings);
  revalidatePath("/keys");
  return { status: "created", key: created.key, keyId: created.id, name: checked.settings.name };
}

export async function updateKeyAction(_previous: EditKeyState, formData: FormData): Promise<EditKeyState> {
  const { keyId, ...values } = keyFormValues(formData);
  const t = await getTranslations("keys.errors");
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: t("sessionEnded"), issues: [], values };
  if (keyId === "" || keyId.length > 100) return { status: "error", message: t("notFound"), issues: [], values };
  const checked = await checkForm(userId, values, keyId);
  if (!checked.ok) return { status: "error", message: "", issues: await issueMessages(checked.issues), values };
  const result = await updateApiKey(db(), userId, keyId, checked.settings);
  if (result === "not-found") return { status: "error", message: t("notFound"), issues: [], values };
  revalidatePath("/keys");
  return { status: "saved" };
}

const revokeInput = z.object({ keyId: z.string().min(1).max(100) });

export async function revokeKeyAction(input: { keyId: string }): Promise<KeyActionResult> {
  const t = await getTranslations("keys.errors");
  const userId = await currentUserId();
  if (!userId) return { ok: false, message: t("sessionEnded") };
  const parsed = revokeInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: t("notFound") };
  const result = await revokeApiKey(db(), userId, parsed.data.keyId);
  if (result === "not-found") return { ok: false, message: t("notFound") };
  revalidatePath("/keys");
  return { ok: true };
}
