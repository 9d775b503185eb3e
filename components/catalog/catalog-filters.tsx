// The catalog's search, filters and sort: a GET form, so that every view has its own URL and works without
// JavaScript (next/form navigates without a full reload when it is there, and AutoSubmit applies a changed filter
// at once).
import Form from "next/form";
import Link from "next/link";
import { fieldControl, primaryButton } from "@/components/ui/styles";
import { SORTS, STATUS_FILTERS, isFiltered, type CatalogQuery } from "@/lib/catalog/public-filters";
import { PUBLIC_CAPABILITIES } from "@/lib/catalog/public-models";
import { AutoSubmit } from "./auto-submit";
import type { CatalogLabels } from "./labels";

const select = `${fieldControl} mt-1 block w-full py-2 pl-2.5 pr-8 dark:bg-zinc-900`;
const label = "block text-xs font-medium text-zinc-600 dark:text-zinc-400";

export function CatalogFilters({
  query,
  providers,
  labels,
}: {
  query: CatalogQuery;
  providers: Array<{ id: string; name: string }>;
  labels: CatalogLabels;
}) {
  const { t } = labels;
  return (
    <Form action="/models" role="search" aria-label={t("filters.label")} className="flex flex-col gap-4">
      <AutoSubmit />
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end">
        <div className="lg:min-w-64 lg:flex-1">
          <label htmlFor="catalog-q" className={label}>
            {t("filters.search")}
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="catalog-q"
              type="search"
              name="q"
              defaultValue={query.q}
              placeholder={t("filters.searchPlaceholder")}
              maxLength={100}
              autoComplete="off"
              className={`${fieldControl} min-w-0 flex-1 px-3 py-2 dark:bg-zinc-900`}
            />
            <button type="submit" className={primaryButton}>
              {t("filters.apply")}
            </button>
          </div>
        </div>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:flex">
          <div className="col-span-2 min-w-0 sm:col-span-1 lg:w-48">
            <label htmlFor="catalog-provider" className={label}>
              {t("filters.provider")}
            </label>
            <select id="catalog-provider" name="provider" defaultValue={query.provider ?? ""} className={select}>
              <option value="">{t("filters.allProviders")}</option>
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0 lg:w-40">
            <label htmlFor="catalog-status" className={label}>
              {t("filters.status")}
            </label>
            <select id="catalog-status" name="status" defaultValue={query.status ?? ""} className={select}>
              <option value="">{t("filters.anyStatus")}</option>
              {STATUS_FILTERS.map((status) => (
                <option key={status} value={status}>
                  {t(`filters.statusOption.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0 lg:w-52">
            <label htmlFor="catalog-sort" className={label}>
              {t("filters.sort")}
            </label>
            <select id="catalog-sort" name="sort" defaultValue={query.sort} className={select}>
              {SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`filters.sortOption.${sort}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className={`${label} mb-2 w-full sm:float-left sm:mb-0 sm:mr-1 sm:w-auto`}>
          {t("filters.capabilities")}
        </legend>
        {PUBLIC_CAPABILITIES.map((capability) => (
          <label
            key={capability}
            className="inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-zinc-300 px-2.5 py-0.5 text-[13px] sm:px-3 sm:py-1 sm:text-sm text-zinc-700 hover:border-zinc-400 has-checked:border-zinc-900 has-checked:bg-zinc-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-zinc-900 dark:border-zinc-700 dark:text-zinc-300 dark:hover:border-zinc-500 dark:has-checked:border-zinc-100 dark:has-checked:bg-zinc-100 dark:has-checked:text-zinc-900 dark:has-focus-visible:outline-zinc-300"
          >
            <input
              type="checkbox"
              name="cap"
              value={capability}
              defaultChecked={query.capabilities.includes(capability)}
              className="sr-only"
            />
            {labels.capabilities[capability]}
          </label>
        ))}
        {isFiltered(query) && (
          <Link
            href={query.sort === "catalog" ? "/models" : `/models?sort=${query.sort}`}
            className="ml-auto rounded-md px-2 py-1 text-sm font-medium text-zinc-600 underline underline-offset-2 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            {t("filters.clear")}
          </Link>
        )}
      </fieldset>
    </Form>
  );
}
