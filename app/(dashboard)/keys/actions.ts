"use server";
// Key mutations from the dashboard: validated with zod, always for the signed-in user's own keys.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentUserId } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";
import { KEY_NOT_FOUND, type CreateKeyState, type EditKeyState, type KeyActionResult } from "@/lib/keys/key-form-state";
import { createKeyInput, keyFormErrors, keyFormValues, updateKeyInput } from "@/lib/keys/key-input";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { updateApiKey } from "@/lib/keys/update-api-key";

const SESSION_ENDED = "Your session has ended: sign in again.";

export async function createKeyAction(_previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const values = keyFormValues(formData);
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: SESSION_ENDED, values };
  const parsed = createKeyInput.safeParse(values);
  if (!parsed.success) return { status: "error", ...keyFormErrors(parsed.error), values };
  const result = await createApiKey(db(), userId, parsed.data);
  if (!result.ok) return { status: "error", message: result.error, values };
  revalidatePath("/keys");
  return { status: "created", key: result.key, name: parsed.data.name };
}

export async function updateKeyAction(_previous: EditKeyState, formData: FormData): Promise<EditKeyState> {
  const values = keyFormValues(formData);
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: SESSION_ENDED, values };
  const parsed = updateKeyInput.safeParse(values);
  if (!parsed.success) return { status: "error", ...keyFormErrors(parsed.error), values };
  const result = await updateApiKey(db(), userId, parsed.data);
  if (!result.ok) return { status: "error", message: result.error, values };
  revalidatePath("/keys");
  return { status: "saved" };
}

const revokeInput = z.object({ keyId: z.string().min(1).max(100) });

export async function revokeKeyAction(input: { keyId: string }): Promise<KeyActionResult> {
  const userId = await currentUserId();
  if (!userId) return { ok: false, message: SESSION_ENDED };
  const parsed = revokeInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: KEY_NOT_FOUND };
  const result = await revokeApiKey(db(), userId, parsed.data.keyId);
  if (result === "not-found") return { ok: false, message: KEY_NOT_FOUND };
  revalidatePath("/keys");
  return { ok: true };
}
