// The catalog's price table: a table on wider screens, a card per model on a phone (nothing to scroll sideways).
// Both are rendered on the server; CSS shows the one that fits. `compact` (the pricing page) leaves out capabilities.
import Link from "next/link";
import { formatUsd } from "@/lib/money";
import { modelPath, type PublicModel } from "@/lib/catalog/public-models";
import { CapabilityList, StatusBadge } from "./badges";
import { CopyIdButton } from "./copy-id-button";
import type { CatalogLabels } from "./labels";
import { Price } from "./price";

/** Models priced per unit rather than per token: images (from the cheapest tier), speech and transcription. */
const perUnit = (model: PublicModel) =>
  model.kind === "image" || model.kind === "speech" || model.kind === "transcription";

function UnitPriceCell({ model, labels }: { model: PublicModel; labels: CatalogLabels }) {
  const strong = (chunks: React.ReactNode) => (
    <span className="font-medium text-zinc-900 dark:text-zinc-100">{chunks}</span>
  );
  if (model.kind === "speech" || model.kind === "transcription") {
    if (model.prices.audio === null) return <span className="text-zinc-400 dark:text-zinc-500">—</span>;
    const key = model.kind === "speech" ? "table.speechPrice" : "table.transcriptionPrice";
    return <span className="tabular-nums">{labels.t.rich(key, { price: formatUsd(model.prices.audio), strong })}</span>;
  }
  const cheapest = model.prices.images?.[0];
  if (!cheapest) return <span className="text-zinc-400 dark:text-zinc-500">—</span>;
  return (
    <span className="tabular-nums">
      {labels.t.rich("table.imageFrom", { price: formatUsd(cheapest.micros), strong })}
    </span>
  );
}

function ModelName({ model, headingLevel }: { model: PublicModel; headingLevel?: "h2" | "h3" }) {
  const Heading = headingLevel ?? "span";
  return (
    <div className="min-w-0">
      <Heading className="text-sm font-medium">
        <Link
          href={modelPath(model.id)}
          className="rounded-sm text-zinc-900 underline-offset-2 hover:underline dark:text-zinc-100"
        >
          {model.displayName}
        </Link>
      </Heading>
      <div className="mt-0.5 flex min-w-0 items-center gap-1">
        <code className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={model.id}>
          {model.id}
        </code>
        <CopyIdButton text={model.id} />
      </div>
    </div>
  );
}

export function ModelTable({
  models,
  labels,
  compact = false,
  caption,
}: {
  models: PublicModel[];
  labels: CatalogLabels;
  compact?: boolean;
  caption: string;
}) {
  const { t } = labels;
  const free = t("price.free");
  const header = "px-3 py-2.5 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400";
  const numeric = `${header} text-right`;
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-zinc-200 md:block dark:border-zinc-800">
        <table className="w-full border-collapse text-sm" data-testid="model-table">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-zinc-50 dark:bg-zinc-900/60">
            <tr>
              <th scope="col" rowSpan={2} className={`${header} pl-4`}>
                {t("table.model")}
              </th>
              <th scope="col" rowSpan={2} className={header}>
                {t("table.provider")}
              </th>
              <th scope="col" rowSpan={2} className={numeric}>
                {t("table.context")}
              </th>
              <th scope="colgroup" colSpan={3} className={`${header} pb-1 text-center`}>
                <span className="block border-b border-zinc-200 pb-1.5 dark:border-zinc-700">
                  {t("table.pricePerMillion")}
                </span>
              </th>
              {!compact && (
                <th scope="col" rowSpan={2} className={header}>
                  {t("table.capabilities")}
                </th>
              )}
              <th scope="col" rowSpan={2} className={`${header} pr-4`}>
                {t("table.status")}
              </th>
            </tr>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th scope="col" className={`${numeric} pt-1`}>
                {t("table.input")}
              </th>
              <th scope="col" className={`${numeric} whitespace-nowrap pt-1`}>
                {t("table.cachedInput")}
              </th>
              <th scope="col" className={`${numeric} pt-1`}>
                {t("table.output")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {models.map((model) => (
              <tr
                key={model.id}
                data-model={model.id}
                className="align-top hover:bg-zinc-50/70 dark:hover:bg-zinc-900/40"
              >
                <th scope="row" className="max-w-72 py-3 pl-4 pr-3 text-left font-normal">
                  <ModelName model={model} />
                </th>
                <td className="px-3 py-3 text-zinc-700 dark:text-zinc-300">{model.providerName}</td>
                <td className="px-3 py-3 text-right tabular-nums text-zinc-700 dark:text-zinc-300">
                  {labels.compactTokens(model.contextLength) ?? <span className="text-zinc-400">—</span>}
                </td>
                {perUnit(model) ? (
                  <td colSpan={3} className="px-3 py-3 text-right text-zinc-700 dark:text-zinc-300">
                    <UnitPriceCell model={model} labels={labels} />
                  </td>
                ) : (
                  <>
                    <td className="px-3 py-3 text-right" data-price="input">
                      <Price micros={model.prices.input} freeLabel={free} />
                    </td>
                    <td className="px-3 py-3 text-right" data-price="cached">
                      <Price micros={model.prices.cachedInput} freeLabel={free} />
                    </td>
                    <td className="px-3 py-3 text-right" data-price="output">
                      <Price micros={model.prices.output} freeLabel={free} />
                    </td>
                  </>
                )}
                {!compact && (
                  <td className="px-3 py-3">
                    <CapabilityList capabilities={model.capabilities} labels={labels.capabilities} />
                  </td>
                )}
                <td className="py-3 pl-3 pr-4">
                  <StatusBadge
                    status={model.status}
                    label={labels.statuses[model.status]}
                    title={labels.statusHints[model.status]}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="flex flex-col gap-3 md:hidden" data-testid="model-cards" aria-label={caption}>
        {models.map((model) => (
          <li
            key={model.id}
            data-model={model.id}
            className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
          >
            <div className="flex items-start justify-between gap-3">
              <ModelName model={model} headingLevel="h3" />
              <StatusBadge status={model.status} label={labels.statuses[model.status]} />
            </div>
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              {model.providerName}
              {model.contextLength !== null && (
                <>
                  {" · "}
                  {t("card.context", { tokens: labels.compactTokens(model.contextLength) ?? "" })}
                </>
              )}
            </p>
            {perUnit(model) ? (
              <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
                <UnitPriceCell model={model} labels={labels} />
              </p>
            ) : (
              <dl className="mt-3 grid grid-cols-3 gap-2 rounded-lg bg-zinc-50 p-2.5 text-sm dark:bg-zinc-900/60">
                {(
                  [
                    ["input", t("card.input"), model.prices.input],
                    ["cached", t("card.cachedInput"), model.prices.cachedInput],
                    ["output", t("card.output"), model.prices.output],
                  ] as const
                ).map(([key, label, micros]) => (
                  <div key={key} className="min-w-0">
                    <dt className="text-[11px] text-zinc-600 dark:text-zinc-400">{label}</dt>
                    <dd className="mt-0.5" data-price={key}>
                      <Price micros={micros} freeLabel={free} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {!compact && (
              <CapabilityList className="mt-3" capabilities={model.capabilities} labels={labels.capabilities} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
