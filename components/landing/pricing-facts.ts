// What the landing page says about prices, read from the catalog the gateway bills from, so that it cannot say
// something the bill does not do: the markup over list prices, and what one ordinary request costs.
import { isPriced, type Catalog } from "@/lib/catalog/catalog";
import { tokenCost } from "@/lib/gateway/metering/cost";

export type MarkupFacts =
  | { kind: "none" }
  | { kind: "uniform"; percent: number }
  | { kind: "varies"; maxPercent: number };

/** The markup of the models anyone can call (live or free, priced). */
export function markupFacts(catalog: Catalog): MarkupFacts {
  const markups = new Set<number>();
  for (const model of catalog.models.values()) {
    if ((model.status === "live" || model.status === "free") && isPriced(model)) markups.add(model.prices.markupBps);
  }
  const values = [...markups];
  if (values.every((bps) => bps === 0)) return { kind: "none" };
  if (values.length === 1) return { kind: "uniform", percent: values[0] / 100 };
  return { kind: "varies", maxPercent: Math.max(...values) / 100 };
}

export interface ExampleCost {
  model: string;
  displayName: string;
  inputTokens: number;
  outputTokens: number;
  micros: bigint;
}

/** The cost of `inputTokens` in and `outputTokens` out on `modelId`, as it would be charged; undefined if unpriced. */
export function exampleCost(
  catalog: Catalog,
  modelId: string,
  inputTokens = 1_000,
  outputTokens = 500,
): ExampleCost | undefined {
  const model = catalog.models.get(modelId);
  if (model?.kind !== "chat" || !isPriced(model)) return undefined;
  const micros = tokenCost(
    { promptTokens: inputTokens, completionTokens: outputTokens, cachedTokens: 0, reasoningTokens: 0 },
    model.prices,
  );
  return { model: model.id, displayName: model.displayName, inputTokens, outputTokens, micros };
}
