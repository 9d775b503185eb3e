import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { devLinksVisible } from "@/lib/auth/dev-link-visibility";
import { devSignInLinkFor } from "@/lib/auth/dev-mailer";
import { SIGN_IN_EMAIL_COOKIE } from "@/lib/auth/sign-in-email-cookie";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.checkEmail");
  return { title: t("metaTitle") };
}

/** The address the link just went to, as the sign-in action remembered it for this browser (none if it did not). */
async function sentTo(): Promise<string | undefined> {
  const value = (await cookies()).get(SIGN_IN_EMAIL_COOKIE)?.value;
  return value && value.length <= 320 && value.includes("@") ? value : undefined;
}

async function DevLink({ email }: { email: string | undefined }) {
  const requestHeaders = await headers();
  if (!devLinksVisible(requestHeaders.get("x-forwarded-for"))) return null;
  const t = await getTranslations("auth.checkEmail");
  // Only the link of the address this browser asked for: never another visitor's.
  const link = email ? devSignInLinkFor(email) : undefined;
  return (
    <section className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950/40">
      <h2 className="font-semibold">{t("devTitle")}</h2>
      <p className="mt-1 text-zinc-700 dark:text-zinc-300">{t("devText")}</p>
      {link ? (
        <p className="mt-3">
          <a href={link.url} className="font-medium text-amber-900 underline underline-offset-2 dark:text-amber-200">
            {t("devLink", { email: link.email })}
          </a>
        </p>
      ) : (
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">{t("devNone")}</p>
      )}
    </section>
  );
}

async function CheckEmail() {
  const [t, email] = await Promise.all([getTranslations("auth.checkEmail"), sentTo()]);
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="sent-to">
        {email
          ? t.rich("sentTo", {
              email,
              address: (chunks) => <strong className="font-semibold text-zinc-900 dark:text-zinc-100">{chunks}</strong>,
            })
          : t("sent")}
      </p>
      <DevLink email={email} />
      <p className="mt-6 text-sm">
        <Link href="/signin" className="text-zinc-600 underline underline-offset-2 dark:text-zinc-400">
          {t("differentEmail")}
        </Link>
      </p>
    </>
  );
}

export default function CheckEmailPage() {
  return (
    <Suspense fallback={null}>
      <CheckEmail />
    </Suspense>
  );
}
