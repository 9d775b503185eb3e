// The landing page: what Switchyard is, the one line that changes in code, the providers, the free demo, what it does
// and how paying works. No database query per view: the visitor's way in comes from the session cookie, the models and
// prices from the gateway's in-memory catalog; the code samples point at the host the visitor reached.
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DemoSection } from "@/components/landing/demo-section";
import { Features } from "@/components/landing/features";
import { PricingSummary } from "@/components/landing/pricing-summary";
import { landingSamples } from "@/lib/docs/samples/landing";
import { CodeTabs } from "@/components/site/code-tabs";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { getCatalog, type Catalog } from "@/lib/catalog/catalog";
import { demoSettings } from "@/lib/demo/demo-settings";
import { env } from "@/lib/env";
import { PROVIDERS } from "@/lib/gateway/providers/registry";
import { log } from "@/lib/log";
import { formatUsd, usdToMicros } from "@/lib/money";
import { hasSessionCookie } from "@/lib/signed-in";
import { siteOrigin } from "@/lib/site-origin";

const PLACEHOLDER_ORIGIN = "https://your-switchyard-host";

/** The catalog as the gateway holds it; a page without it still renders (no demo, prices on /pricing). */
async function catalogOrNothing(): Promise<Catalog | undefined> {
  try {
    return await getCatalog();
  } catch (error) {
    log.warn("landing page: the catalog could not be read", { error });
    return undefined;
  }
}

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const requestHeaders = await headers();
  const config = env();
  const origin =
    siteOrigin({ authUrl: config.AUTH_URL, header: (name) => requestHeaders.get(name) }) ?? PLACEHOLDER_ORIGIN;
  const [signedIn, catalog] = await Promise.all([hasSessionCookie(), catalogOrNothing()]);
  const signupCredit = config.SIGNUP_CREDIT_USD > 0 ? formatUsd(usdToMicros(config.SIGNUP_CREDIT_USD)) : undefined;
  const providers = PROVIDERS.filter((provider) => !provider.keyless);

  return (
    <div className="flex flex-col">
      <section
        aria-labelledby="hero-heading"
        className="relative overflow-hidden border-b border-zinc-200 dark:border-zinc-800"
      >
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_80%_70%_at_70%_0%,rgb(16_185_129/0.12),transparent)] dark:bg-[radial-gradient(ellipse_80%_70%_at_70%_0%,rgb(16_185_129/0.14),transparent)]"
        />
        <div className="relative mx-auto grid max-w-6xl gap-12 px-4 py-16 sm:px-6 sm:py-20 lg:grid-cols-[1fr_1.05fr] lg:items-center lg:gap-16">
          <div className="flex flex-col gap-6">
            <p className="w-fit rounded-full border border-zinc-200 bg-white/70 px-3 py-1 text-xs font-medium text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900/70 dark:text-zinc-300">
              {t("hero.eyebrow")}
            </p>
            <h1 id="hero-heading" className="text-4xl font-semibold leading-[1.1] tracking-tight sm:text-5xl">
              {t("hero.title")}
            </h1>
            <p className="max-w-xl text-lg leading-relaxed text-zinc-600 dark:text-zinc-400">
              {t("hero.lead", { providers: providers.length })}
            </p>
            {signedIn ? (
              <div className="flex flex-wrap gap-3">
                <Link href="/keys" className={primaryButton}>
                  {t("hero.dashboard")}
                </Link>
                <Link href="/playground" className={secondaryButton}>
                  {t("hero.playground")}
                </Link>
              </div>
            ) : (
              <div className="flex flex-col gap-3">
                <div className="flex flex-wrap gap-3">
                  <Link href="/signin" className={primaryButton}>
                    {t("hero.getStarted")}
                  </Link>
                  <a href="#demo" className={secondaryButton}>
                    {t("hero.tryDemo")}
                  </a>
                </div>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {signupCredit ? `${t("hero.trialCredit", { amount: signupCredit })} ` : ""}
                  {t.rich("hero.haveAccount", {
                    link: (chunks) => (
                      <Link
                        href="/signin"
                        className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100"
                      >
                        {chunks}
                      </Link>
                    ),
                  })}
                </p>
              </div>
            )}
          </div>
          <div className="flex min-w-0 flex-col gap-3">
            <p className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{t("hero.codeCaption")}</p>
            <CodeTabs
              samples={landingSamples(origin)}
              label={t("hero.codeLabel")}
              className="bg-white shadow-lg shadow-zinc-900/5 dark:bg-zinc-900 dark:shadow-black/30"
            />
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("hero.codeNote")}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="providers-heading" className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-10 sm:px-6">
          <h2 id="providers-heading" className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
            {t("providers.title")}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {providers.map((provider) => (
              <li
                key={provider.id}
                className="rounded-full border border-zinc-200 bg-white px-3.5 py-1.5 text-sm font-medium text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"
              >
                {provider.name}
              </li>
            ))}
            <li className="rounded-full border border-dashed border-zinc-300 px-3.5 py-1.5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              {t("providers.selfHosted")}
            </li>
          </ul>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.rich("providers.catalog", {
              link: (chunks) => (
                <Link
                  href="/models"
                  className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100"
                >
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
      </section>

      <section id="demo" aria-labelledby="demo-heading" className="scroll-mt-16 bg-zinc-50 dark:bg-zinc-900/40">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-16 sm:px-6 lg:grid-cols-[0.8fr_1.2fr] lg:items-center lg:gap-14">
          <div className="flex flex-col gap-4">
            <h2 id="demo-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
              {t("demo.title")}
            </h2>
            <p className="leading-relaxed text-zinc-600 dark:text-zinc-400">{t("demo.lead")}</p>
            <ul className="hidden flex-col gap-2 text-sm text-zinc-700 sm:flex dark:text-zinc-300">
              {(["free", "limits", "same"] as const).map((point) => (
                <li key={point} className="flex gap-2">
                  <span aria-hidden="true" className="mt-1.5 size-1.5 shrink-0 rounded-full bg-emerald-500" />
                  {t(`demo.points.${point}`)}
                </li>
              ))}
            </ul>
          </div>
          <DemoSection catalog={catalog} settings={demoSettings(config)} />
        </div>
      </section>

      <section aria-labelledby="features-heading">
        <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-16 sm:px-6">
          <div className="flex max-w-2xl flex-col gap-3">
            <h2 id="features-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
              {t("features.title")}
            </h2>
            <p className="text-zinc-600 dark:text-zinc-400">{t("features.lead")}</p>
          </div>
          <Features />
        </div>
      </section>

      <section aria-labelledby="pricing-heading" className="border-t border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <PricingSummary catalog={catalog} />
        </div>
      </section>

      <section aria-labelledby="cta-heading" className="px-4 pb-16 sm:px-6">
        <div className="mx-auto flex max-w-6xl flex-col items-start gap-6 rounded-2xl bg-zinc-900 px-6 py-10 text-white sm:flex-row sm:items-center sm:justify-between sm:px-10 dark:bg-zinc-100 dark:text-zinc-900">
          <div>
            <h2 id="cta-heading" className="text-2xl font-semibold tracking-tight">
              {t("cta.title")}
            </h2>
            <p className="mt-1 text-zinc-300 dark:text-zinc-600">{t("cta.text")}</p>
          </div>
          <div className="flex flex-wrap gap-3">
            <Link
              href={signedIn ? "/keys" : "/signin"}
              className="inline-flex items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-200 dark:bg-zinc-900 dark:text-white dark:hover:bg-zinc-700"
            >
              {signedIn ? t("hero.dashboard") : t("hero.getStarted")}
            </Link>
            <Link
              href="/docs"
              className="inline-flex items-center justify-center rounded-md border border-white/30 px-4 py-2 text-sm font-medium hover:bg-white/10 dark:border-zinc-900/30 dark:hover:bg-zinc-900/10"
            >
              {t("cta.docs")}
            </Link>
          </div>
        </div>
      </section>
    </div>
  );
}
