"use server";
// Sign-in form actions: an email magic link, or GitHub when configured. Both build URLs from the request's host when
// AUTH_URL is unset, so both are refused through a host that links may not name (see lib/auth/sign-in-origin.ts).
import { z } from "zod";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SIGN_IN_EMAIL_COOKIE, SIGN_IN_EMAIL_MAX_AGE_S } from "@/lib/auth/sign-in-email-cookie";
import { signInOrigin } from "@/lib/auth/sign-in-origin";

const emailInput = z.object({ email: z.email().max(320) });

async function refuseUntrustedHost(redirectTo: string): Promise<void> {
  const requestHeaders = await headers();
  if (!signInOrigin((name) => requestHeaders.get(name))) {
    redirect(`/signin?${new URLSearchParams({ error: "UntrustedHost", callbackUrl: redirectTo })}`);
  }
}

export async function signInWithEmail(formData: FormData): Promise<void> {
  const parsed = emailInput.safeParse({ email: String(formData.get("email") ?? "").trim() });
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  await refuseUntrustedHost(redirectTo);
  if (!parsed.success) redirect(`/signin?${new URLSearchParams({ error: "EmailInvalid", callbackUrl: redirectTo })}`);
  // Sends the link without following Auth.js's redirect to /api/auth/verify-request, so the address bar shows the
  // check-email page's own URL.
  const email = parsed.data.email.toLowerCase();
  await signIn("nodemailer", { email, redirectTo, redirect: false });
  // The check-email page names this address, and on a developer machine shows its link and no other.
  (await cookies()).set(SIGN_IN_EMAIL_COOKIE, email, {
    httpOnly: true,
    sameSite: "lax",
    path: "/signin",
    maxAge: SIGN_IN_EMAIL_MAX_AGE_S,
  });
  redirect("/signin/check-email");
}

export async function signInWithGitHub(formData: FormData): Promise<void> {
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  await refuseUntrustedHost(redirectTo);
  await signIn("github", { redirectTo });
}
