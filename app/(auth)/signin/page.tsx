import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import { githubConfigured } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { currentUserId } from "@/lib/auth/session";
import { signInOrigin } from "@/lib/auth/sign-in-origin";
import { signInWithEmail, signInWithGitHub } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("metaTitle") };
}

/** The `?error=` codes this page explains (ours and Auth.js's); any other reads as a plain failure. */
const KNOWN_ERRORS = ["EmailInvalid", "Verification", "UntrustedHost"] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];
const isKnownError = (code: string | undefined): code is KnownError => KNOWN_ERRORS.some((known) => known === code);

const alertClass = "mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/40 dark:text-red-300";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string | string[] }>;
}) {
  const { error, callbackUrl } = await searchParams;
  const destination = safeCallbackPath(callbackUrl);
  // Already signed in (a valid session, not just a cookie): nothing to do here.
  if (await currentUserId()) redirect(destination);
  // Where the visitor was going: carried through the form, checked again by the action.
  const t = await getTranslations("auth.signIn");
  const next = <input type="hidden" name="callbackUrl" value={destination} />;
  const github = githubConfigured();
  const requestHeaders = await headers();
  if (!signInOrigin((name) => requestHeaders.get(name))) {
    return (
      <>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p role="alert" className={alertClass}>
          {t("errors.UntrustedHost")}
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("lead")}</p>
      {error && (
        <p role="alert" className={alertClass}>
          {isKnownError(error) ? t(`errors.${error}`) : t("errors.other")}
        </p>
      )}
      <form action={signInWithEmail} className="mt-6">
        {next}
        <label className="block text-sm font-medium">
          {t("email")}
          <input
            name="email"
            type="email"
            required
            autoComplete="email"
            placeholder={t("emailPlaceholder")}
            className={`${fieldControl} mt-1 block w-full px-3 py-2 dark:bg-zinc-950`}
          />
        </label>
        <button type="submit" className={`${primaryButton} mt-4 w-full`}>
          {t("sendLink")}
        </button>
      </form>
      {github && (
        <>
          <div className="my-6 flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            {t("or")}
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
          <form action={signInWithGitHub}>
            {next}
            <button type="submit" className={`${secondaryButton} w-full`}>
              {t("github")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
