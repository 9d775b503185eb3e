// Which models the free demo offers: free models only (status `free` and priced at $0, so that no demo request can
// cost anything), chat, and servable now (a provider key is configured). DEMO_MODELS chooses among them and their
// order; the first is the default.
import { isPriced, servableDeployments, type Catalog, type CatalogModel } from "../catalog/catalog";

/** The demo's model when DEMO_MODELS does not say: the best-known free model. */
export const PREFERRED_DEMO_MODEL = "zhipu/glm-4-flash";

/** A chat model anyone may call at no cost to anyone: listed as free and priced at zero for every kind of token. */
export function isFreeChatModel(model: CatalogModel): boolean {
  const { input, cachedInput, cacheWrite, output } = model.prices;
  const zero = (price: bigint | null) => price === null || price === 0n;
  return (
    model.kind === "chat" &&
    model.status === "free" &&
    isPriced(model) &&
    zero(input) &&
    zero(cachedInput) &&
    zero(cacheWrite) &&
    zero(output)
  );
}

/** DEMO_MODELS as a list of ids; undefined when unset. */
export function parseDemoModels(value: string | undefined): string[] | undefined {
  const ids = (value ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length > 0 ? ids : undefined;
}

/** The models the demo offers, its default first; empty when none can be served (the demo then says so). */
export function demoModels(catalog: Catalog, configured: string[] | undefined): CatalogModel[] {
  const offered = (model: CatalogModel | undefined): model is CatalogModel =>
    model !== undefined && isFreeChatModel(model) && servableDeployments(model).length > 0;
  if (configured) return [...new Set(configured)].map((id) => catalog.models.get(id)).filter(offered);
  return [...catalog.models.values()]
    .filter(offered)
    .sort(
      (a, b) =>
        Number(b.id === PREFERRED_DEMO_MODEL) - Number(a.id === PREFERRED_DEMO_MODEL) || a.id.localeCompare(b.id),
    );
}
