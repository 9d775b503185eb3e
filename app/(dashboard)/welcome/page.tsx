import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { afterWelcomePath } from "@/lib/auth/callback-path";
import { requireUserId } from "@/lib/auth/session";
import { signupCredit } from "@/lib/db/queries/dashboard";
import { env } from "@/lib/env";
import { formatUsdCents } from "@/lib/money";
import { siteOrigin } from "@/lib/site-origin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("welcome");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STEPS = [
  { id: "key", href: "/keys" },
  { id: "call", href: "/docs/quickstart" },
  { id: "topUp", href: "/billing" },
] as const;

/** A new account's first page (next-auth's pages.newUser): the three steps to a first answer, then on its way. */
async function Welcome({ searchParams }: { searchParams: SearchParams }) {
  const userId = await requireUserId();
  const [t, locale, credit, list, { callbackUrl }] = await Promise.all([
    getTranslations("welcome"),
    getLocale(),
    signupCredit(userId),
    headers(),
    searchParams,
  ]);
  const origin = siteOrigin({ authUrl: env().AUTH_URL, header: (name) => list.get(name) });
  const baseUrl = origin ? `${origin}/v1` : "/v1";
  const destination = afterWelcomePath(callbackUrl);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          {credit > 0n ? t("intro", { credit: formatUsdCents(credit, { locale }) }) : t("introNoCredit")}
        </p>
      </header>
      <ol className="grid gap-4 md:grid-cols-3">
        {STEPS.map((step, index) => (
          <li
            key={step.id}
            className="flex flex-col rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
            aria-labelledby={`step-${step.id}`}
          >
            <p className="flex items-center gap-2 text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              <span
                aria-hidden
                className="flex size-6 items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-white dark:bg-white dark:text-zinc-900"
              >
                {index + 1}
              </span>
              {t("stepLabel", { number: index + 1 })}
            </p>
            <h2 id={`step-${step.id}`} className="mt-3 text-base font-semibold">
              {t(`steps.${step.id}.title`)}
            </h2>
            <p className="mt-1 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
              {step.id === "call"
                ? t.rich("steps.call.text", {
                    baseUrl,
                    code: (chunks) => <code className="font-mono text-[13px]">{chunks}</code>,
                  })
                : t(`steps.${step.id}.text`)}
            </p>
            <Link href={step.href} className={`${index === 0 ? primaryButton : secondaryButton} mt-4 self-start`}>
              {t(`steps.${step.id}.action`)}
            </Link>
          </li>
        ))}
      </ol>
      <p>
        <Link
          href={destination}
          className="text-sm font-medium text-zinc-900 underline underline-offset-2 hover:text-zinc-600 dark:text-zinc-100 dark:hover:text-zinc-300"
        >
          {t("continue")}
        </Link>
      </p>
    </div>
  );
}

export default function WelcomePage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Suspense fallback={null}>
      <Welcome searchParams={searchParams} />
    </Suspense>
  );
}
