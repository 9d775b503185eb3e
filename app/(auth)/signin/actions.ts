"use server";
// Sign-in form actions: an email magic link, or GitHub when configured.
import { z } from "zod";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";

const emailInput = z.object({ email: z.email().max(320) });

export async function signInWithEmail(formData: FormData): Promise<void> {
  const parsed = emailInput.safeParse({ email: String(formData.get("email") ?? "").trim() });
  if (!parsed.success) redirect("/signin?error=EmailInvalid");
  await signIn("nodemailer", { email: parsed.data.email.toLowerCase(), redirectTo: "/keys" });
}

export async function signInWithGitHub(): Promise<void> {
  await signIn("github", { redirectTo: "/keys" });
}
