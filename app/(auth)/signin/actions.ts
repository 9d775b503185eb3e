"use server";
// Sign-in form actions: an email magic link, or GitHub when configured.
import { z } from "zod";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";

const emailInput = z.object({ email: z.email().max(320) });

export async function signInWithEmail(formData: FormData): Promise<void> {
  const parsed = emailInput.safeParse({ email: String(formData.get("email") ?? "").trim() });
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  if (!parsed.success) redirect(`/signin?${new URLSearchParams({ error: "EmailInvalid", callbackUrl: redirectTo })}`);
  // Sends the link without following Auth.js's redirect to /api/auth/verify-request, so the address bar shows the
  // check-email page's own URL.
  await signIn("nodemailer", { email: parsed.data.email.toLowerCase(), redirectTo, redirect: false });
  redirect("/signin/check-email");
}

export async function signInWithGitHub(formData: FormData): Promise<void> {
  await signIn("github", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
