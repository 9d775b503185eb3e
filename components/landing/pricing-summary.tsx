// How paying works, on the landing page: prepaid credits, the price of each model as the provider lists it and the
// markup as the catalog holds it (stated, whatever it is), no subscription. The full table is on /pricing.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { secondaryButton } from "@/components/ui/styles";
import type { Catalog } from "@/lib/catalog/catalog";
import { env } from "@/lib/env";
import { formatUsd, usdToMicros } from "@/lib/money";
import { LANDING_SAMPLE_MODEL } from "@/lib/docs/samples/landing";
import { exampleCost, markupFacts } from "./pricing-facts";

export async function PricingSummary({ catalog }: { catalog: Catalog | undefined }) {
  const t = await getTranslations("landing.pricing");
  const config = env();
  const markup = catalog ? markupFacts(catalog) : undefined;
  const example = catalog ? exampleCost(catalog, LANDING_SAMPLE_MODEL) : undefined;
  const cardTopUps = Boolean(config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET);
  const signupCredit = config.SIGNUP_CREDIT_USD > 0 ? formatUsd(usdToMicros(config.SIGNUP_CREDIT_USD)) : undefined;

  const markupText =
    markup?.kind === "uniform"
      ? t("markupUniform", { percent: markup.percent })
      : markup?.kind === "varies"
        ? t("markupVaries", { percent: markup.maxPercent })
        : t("markupNone");

  const steps = [
    {
      title: t("credit.title"),
      text: cardTopUps
        ? t("credit.card", { minimum: formatUsd(usdToMicros(config.TOPUP_MIN_USD)) })
        : t("credit.operator"),
      note: signupCredit ? t("credit.trial", { amount: signupCredit }) : undefined,
    },
    { title: t("price.title"), text: markupText, note: t("price.free") },
    { title: t("bill.title"), text: t("bill.text"), note: t("bill.failed") },
  ];

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_1.4fr] lg:gap-12">
      <div className="flex flex-col gap-4">
        <h2 id="pricing-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
          {t("title")}
        </h2>
        <p className="text-zinc-600 dark:text-zinc-400">{t("lead")}</p>
        {example && (
          <p className="rounded-xl border border-zinc-200 bg-zinc-50 p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            {t("example", {
              input: example.inputTokens,
              output: example.outputTokens,
              model: example.displayName,
              cost: formatUsd(example.micros),
            })}
          </p>
        )}
        <div>
          <Link href="/pricing" className={secondaryButton}>
            {t("seePrices")}
          </Link>
        </div>
      </div>
      <ol className="grid gap-4 sm:grid-cols-3 lg:grid-cols-1">
        {steps.map((step, index) => (
          <li
            key={step.title}
            className="flex gap-4 rounded-xl border border-zinc-200 p-5 dark:border-zinc-800 sm:flex-col lg:flex-row"
          >
            <span
              aria-hidden="true"
              className="grid size-8 shrink-0 place-items-center rounded-full bg-zinc-900 text-sm font-semibold text-white dark:bg-white dark:text-zinc-900"
            >
              {index + 1}
            </span>
            <div>
              <h3 className="font-semibold">{step.title}</h3>
              <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{step.text}</p>
              {step.note && <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{step.note}</p>}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
