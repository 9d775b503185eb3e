"use server";
// Key mutations from the dashboard: validated with zod, always for the signed-in user's own keys.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentUserId } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";
import type { CreateKeyState } from "@/lib/keys/create-key-state";
import { createKeyInput } from "@/lib/keys/key-input";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";

export async function createKeyAction(_previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const userId = await currentUserId();
  if (!userId) return { status: "error", message: "Your session has ended: sign in again." };
  const parsed = createKeyInput.safeParse({
    name: formData.get("name"),
    rpmLimit: formData.get("rpmLimit"),
    monthlyBudgetUsd: formData.get("monthlyBudgetUsd"),
    allowedModels: formData.get("allowedModels"),
    expiresOn: formData.get("expiresOn"),
  });
  if (!parsed.success) return { status: "error", message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  const result = await createApiKey(db(), userId, parsed.data);
  if (!result.ok) return { status: "error", message: result.error };
  revalidatePath("/keys");
  return { status: "created", key: result.key, name: parsed.data.name };
}

const revokeInput = z.object({ keyId: z.string().min(1).max(100) });

export async function revokeKeyAction(input: { keyId: string }): Promise<{ ok: boolean; message?: string }> {
  const userId = await currentUserId();
  if (!userId) return { ok: false, message: "Your session has ended: sign in again." };
  const parsed = revokeInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Key not found." };
  const result = await revokeApiKey(db(), userId, parsed.data.keyId);
  if (result === "not-found") return { ok: false, message: "Key not found." };
  revalidatePath("/keys");
  return { ok: true };
}
