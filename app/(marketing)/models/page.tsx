// GET /models – the model catalog: every model but the disabled ones, with the price the customer pays, searchable,
// filtered and sorted by the URL's query. One read of the in-memory catalog per view; no database query of its own.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CatalogFilters } from "@/components/catalog/catalog-filters";
import { catalogLabels } from "@/components/catalog/labels";
import { ModelTable } from "@/components/catalog/model-table";
import { PriceNote } from "@/components/catalog/price-note";
import { secondaryButton } from "@/components/ui/styles";
import { getCatalog } from "@/lib/catalog/catalog";
import { isFiltered, parseCatalogQuery, queryModels } from "@/lib/catalog/public-filters";
import { publicModels } from "@/lib/catalog/public-models";
import { markupSummary } from "@/lib/catalog/public-pricing";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("models");
  return { title: t("meta.title"), description: t("meta.description") };
}

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const [catalog, labels, params] = await Promise.all([getCatalog(), catalogLabels(), searchParams]);
  const { t } = labels;
  const all = publicModels(catalog);
  const query = parseCatalogQuery(params);
  const shown = queryModels(all, query);
  const providers = [...new Map(all.map((model) => [model.providerId, model.providerName]))].map(([id, name]) => ({
    id,
    name,
  }));
  const callable = all.filter((model) => model.status === "live" || model.status === "free").length;

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6 sm:py-14">
      <header className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{t("heading")}</h1>
        <p className="max-w-3xl text-zinc-600 dark:text-zinc-400">
          {t("intro", { count: all.length, callable, providers: providers.length })}
        </p>
      </header>

      <CatalogFilters query={query} providers={providers} labels={labels} />

      <section aria-labelledby="catalog-results" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="catalog-results" className="text-sm font-medium" aria-live="polite" data-testid="result-count">
            {isFiltered(query)
              ? t("results.filtered", { shown: shown.length, total: all.length })
              : t("results.all", { total: all.length })}
          </h2>
          <PriceNote markup={markupSummary(all)} labels={labels} />
        </div>
        {shown.length > 0 ? (
          <ModelTable models={shown} labels={labels} caption={t("table.caption")} />
        ) : (
          <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
            <p className="font-medium">{t("results.noneTitle")}</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("results.noneText")}</p>
            <Link href="/models" className={`${secondaryButton} mt-4`}>
              {t("results.showAll")}
            </Link>
          </div>
        )}
      </section>

      <section aria-labelledby="catalog-legend" className="rounded-xl bg-zinc-50 p-5 text-sm dark:bg-zinc-900/60">
        <h2 id="catalog-legend" className="font-medium">
          {t("legend.heading")}
        </h2>
        <dl className="mt-3 grid gap-x-8 gap-y-3 sm:grid-cols-2">
          {(["live", "free", "soon", "unavailable"] as const).map((status) => (
            <div key={status}>
              <dt className="font-medium">{labels.statuses[status]}</dt>
              <dd className="mt-0.5 text-zinc-600 dark:text-zinc-400">{labels.statusHints[status]}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-zinc-600 dark:text-zinc-400">{t("legend.cached")}</p>
      </section>
    </div>
  );
}
