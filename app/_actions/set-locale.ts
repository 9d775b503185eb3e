"use server";
// The language switcher's action: remember the choice; the page it was posted from renders again in that language
// (with JavaScript off too, as a plain form post).
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S } from "@/i18n/locales";

export async function setLocale(form: FormData): Promise<void> {
  const locale = form.get("locale");
  if (typeof locale !== "string" || !isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: "lax" });
}
