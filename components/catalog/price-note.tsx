// One sentence under every price table: the unit, the currency, and the markup as configured — the prices shown are
// what a request is charged, so the markup is in them, and this says so.
import type { MarkupSummary } from "@/lib/catalog/public-pricing";
import type { CatalogLabels } from "./labels";

export function PriceNote({ markup, labels }: { markup: MarkupSummary; labels: CatalogLabels }) {
  const { t } = labels;
  const percent = (bps: number) => labels.percent(bps / 10_000);
  const text =
    markup.kind === "none"
      ? t("priceNote.none")
      : markup.kind === "uniform"
        ? t("priceNote.uniform", { markup: percent(markup.bps) })
        : t("priceNote.varies", { min: percent(markup.minBps), max: percent(markup.maxBps) });
  return <p className="text-xs leading-relaxed text-zinc-600 dark:text-zinc-400">{text}</p>;
}
