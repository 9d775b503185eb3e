// GET /pricing – how paying for Switchyard works (prepaid credits, card top-ups, the sign-up credit, the markup as
// configured, exactly what a request is charged) and every model's price. The numbers come from the environment
// and the in-memory catalog the gateway bills from; the worked example is charged by the billing function itself.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { catalogLabels } from "@/components/catalog/labels";
import { ModelTable } from "@/components/catalog/model-table";
import { PriceNote } from "@/components/catalog/price-note";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { getCatalog } from "@/lib/catalog/catalog";
import { publicModels } from "@/lib/catalog/public-models";
import { markupSummary, pricingExample } from "@/lib/catalog/public-pricing";
import { env } from "@/lib/env";
import { formatUsd, usdToMicros } from "@/lib/money";
import { hasSessionCookie } from "@/lib/signed-in";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pricing");
  return { title: t("meta.title"), description: t("meta.description") };
}

const card = "flex flex-col gap-2 rounded-xl border border-zinc-200 p-5 dark:border-zinc-800";

export default async function PricingPage() {
  const [t, labels, catalog, signedIn] = await Promise.all([
    getTranslations("pricing"),
    catalogLabels(),
    getCatalog(),
    hasSessionCookie(),
  ]);
  const settings = env();
  const models = publicModels(catalog);
  const markup = markupSummary(models);
  const example = pricingExample(catalog);
  const percent = (bps: number) => labels.percent(bps / 10_000);
  const usd = (amount: number) => formatUsd(usdToMicros(amount));
  const signupCredit = settings.SIGNUP_CREDIT_USD > 0 ? usd(settings.SIGNUP_CREDIT_USD) : null;
  const topUps = Boolean(settings.STRIPE_SECRET_KEY && settings.STRIPE_WEBHOOK_SECRET);
  // The table lists what can be called first; "soon" and "unavailable" models follow, in catalog order.
  const callableFirst = [...models].sort(
    (a, b) =>
      Number(a.status === "soon" || a.status === "unavailable") -
      Number(b.status === "soon" || b.status === "unavailable"),
  );

  const markupText =
    markup.kind === "none"
      ? t("markup.none")
      : markup.kind === "uniform"
        ? t("markup.uniform", { markup: percent(markup.bps) })
        : t("markup.varies", { min: percent(markup.minBps), max: percent(markup.maxBps) });

  const code = (chunks: React.ReactNode) => (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px] dark:bg-zinc-800">{chunks}</code>
  );
  const strong = (chunks: React.ReactNode) => (
    <strong className="font-semibold text-zinc-900 dark:text-zinc-100">{chunks}</strong>
  );

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-14 px-4 py-10 sm:px-6 sm:py-14">
      <header className="flex max-w-3xl flex-col gap-4">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{t("heading")}</h1>
        <p className="text-lg text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
        <div className="flex flex-wrap gap-3">
          <Link href={signedIn ? "/billing" : "/signin"} className={primaryButton}>
            {signedIn ? t("ctaBilling") : t("ctaStart")}
          </Link>
          <Link href="/models" className={secondaryButton}>
            {t("ctaModels")}
          </Link>
        </div>
      </header>

      <section aria-labelledby="pricing-how" className="flex flex-col gap-5">
        <h2 id="pricing-how" className="text-xl font-semibold tracking-tight">
          {t("how.heading")}
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <div className={card} data-testid="pricing-credits">
            <h3 className="font-medium">{t("how.creditsTitle")}</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {topUps
                ? t("how.creditsTopUp", { min: usd(settings.TOPUP_MIN_USD), max: usd(settings.TOPUP_MAX_USD) })
                : t("how.creditsNoTopUp")}
            </p>
          </div>
          <div className={card} data-testid="pricing-signup">
            <h3 className="font-medium">{t("how.startTitle")}</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {signupCredit ? t("how.startCredit", { credit: signupCredit }) : t("how.startNoCredit")}
            </p>
          </div>
          <div className={card} data-testid="pricing-markup">
            <h3 className="font-medium">{t("how.markupTitle")}</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{markupText}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="pricing-charged" className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex flex-col gap-4">
          <h2 id="pricing-charged" className="text-xl font-semibold tracking-tight">
            {t("charged.heading")}
          </h2>
          <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm leading-relaxed text-zinc-700 marker:text-zinc-500 dark:text-zinc-300">
            <li>{t.rich("charged.tokens", { strong, code })}</li>
            <li>{t.rich("charged.reserve", { strong, code })}</li>
            <li>{t.rich("charged.failed", { strong, code })}</li>
            <li>{t.rich("charged.exact", { strong, code })}</li>
            <li>{t.rich("charged.visible", { strong, code })}</li>
          </ol>
        </div>
        {example && (
          <aside
            aria-labelledby="pricing-example"
            className="h-fit rounded-xl border border-zinc-200 bg-zinc-50 p-5 text-sm dark:border-zinc-800 dark:bg-zinc-900/60"
            data-testid="pricing-example"
          >
            <h3 id="pricing-example" className="font-medium">
              {t("example.heading")}
            </h3>
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">
              {t("example.intro", {
                input: labels.number(example.inputTokens),
                output: labels.number(example.outputTokens),
                model: example.displayName,
              })}
            </p>
            <ul className="mt-4 flex flex-col gap-1.5 tabular-nums text-zinc-700 dark:text-zinc-300">
              <li>
                {t("example.inputLine", {
                  tokens: labels.number(example.inputTokens),
                  price: formatUsd(example.inputPerMillion),
                })}
              </li>
              <li>
                {t("example.outputLine", {
                  tokens: labels.number(example.outputTokens),
                  price: formatUsd(example.outputPerMillion),
                })}
              </li>
            </ul>
            <dl className="mt-3 flex items-baseline justify-between gap-4 border-t border-zinc-200 pt-3 dark:border-zinc-700">
              <dt className="font-medium">{t("example.total")}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="pricing-example-cost">
                {formatUsd(example.costMicros)}
              </dd>
            </dl>
            <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
              {example.markupBps > 0
                ? t("example.noteMarkup", { markup: percent(example.markupBps) })
                : t("example.note")}
            </p>
          </aside>
        )}
      </section>

      <section aria-labelledby="pricing-table" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
          <h2 id="pricing-table" className="text-xl font-semibold tracking-tight">
            {t("table.heading")}
          </h2>
          <Link href="/models" className="text-sm font-medium underline underline-offset-2">
            {t("table.compare")}
          </Link>
        </div>
        <PriceNote markup={markup} labels={labels} />
        <ModelTable models={callableFirst} labels={labels} compact caption={t("table.caption")} />
      </section>
    </div>
  );
}
