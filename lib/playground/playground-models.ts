// The models the playground offers: every chat model that can be called now (live or free, priced, with a provider key
// configured), grouped by provider, with the prices the answer's cost comes from.
import { isPriced, servableDeployments, type Catalog } from "../catalog/catalog";

export interface PlaygroundModel {
  id: string;
  displayName: string;
  providerName: string;
  free: boolean;
  /** USD per 1M tokens as charged: the list price with the model's markup. */
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
}

const MICROS_PER_USD = 1_000_000;

export function playgroundModels(catalog: Catalog): PlaygroundModel[] {
  const models: PlaygroundModel[] = [];
  for (const model of catalog.models.values()) {
    if (model.kind !== "chat" || (model.status !== "live" && model.status !== "free")) continue;
    if (!isPriced(model) || servableDeployments(model).length === 0) continue;
    const withMarkup = (micros: bigint | null) =>
      (Number(micros ?? 0n) * (10_000 + model.prices.markupBps)) / 10_000 / MICROS_PER_USD;
    models.push({
      id: model.id,
      displayName: model.displayName,
      providerName: catalog.providers.get(model.providerId)?.name ?? model.providerId,
      free: model.status === "free",
      inputPerMillionUsd: withMarkup(model.prices.input),
      outputPerMillionUsd: withMarkup(model.prices.output),
    });
  }
  return models.sort(
    (a, b) => a.providerName.localeCompare(b.providerName) || a.displayName.localeCompare(b.displayName),
  );
}
