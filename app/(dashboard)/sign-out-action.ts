"use server";
import { signOut } from "@/lib/auth/auth";

/** Signed out, the visitor is back on the home page (not a sign-in form they just chose to leave). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
