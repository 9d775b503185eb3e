"use server";
// Mint and revoke admin access tokens from the console. Each action checks the admin first (404 for anyone else).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { AdminError } from "@/lib/admin/admin-error";
import { requireAdmin } from "@/lib/admin/guard";
import type { MintTokenState } from "@/lib/admin/token-form-state";
import { mintAdminToken, revokeAdminToken } from "@/lib/admin/tokens";

/** Mints a token for the signed-in admin; the token is in the answer once. */
export async function mintTokenAction(_previous: MintTokenState, formData: FormData): Promise<MintTokenState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin-tokens.mint");
  const name = String(formData.get("name") ?? "");
  try {
    const minted = await mintAdminToken(admin, { email: admin.email, name });
    revalidatePath("/admin/tokens");
    return { status: "minted", token: minted.token, name: minted.name };
  } catch (error) {
    if (error instanceof AdminError && error.field === "name") {
      return { status: "error", message: name.trim() ? t("nameTooLong") : t("nameRequired"), name };
    }
    if (error instanceof AdminError) return { status: "error", message: error.message, name };
    throw error;
  }
}

/** Revokes a token (any admin's): calls made with it get 401 from the next one. */
export async function revokeTokenAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const id = String(formData.get("id") ?? "");
  try {
    await revokeAdminToken(admin, id);
  } catch (error) {
    // A token that no longer exists needs no revoking; the list is drawn again either way.
    if (!(error instanceof AdminError)) throw error;
  }
  revalidatePath("/admin/tokens");
}
