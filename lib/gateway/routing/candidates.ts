// The order in which (deployment, key) pairs are tried for a list of models.
import type { CatalogDeployment, CatalogModel, CatalogProviderKey } from "../../catalog/catalog";
import { servableDeployments } from "../../catalog/catalog";
import { availability } from "./key-health";

export interface Candidate {
  model: CatalogModel;
  deployment: CatalogDeployment;
  key: CatalogProviderKey;
}

/** Weighted random order: items with more weight tend to come first (Efraimidis–Spirakis). */
export function weightedOrder<T>(items: T[], weightOf: (item: T) => number, random: () => number = Math.random): T[] {
  if (items.length <= 1) return items;
  return items
    .map((item) => ({ item, score: random() ** (1 / Math.max(weightOf(item), 1e-9)) }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.item);
}

/**
 * Models in the order given; within a model, deployments by priority (weighted within one priority), and for each
 * deployment its provider's keys by weight. Keys cooling down after a 429, or whose circuit is open, go last.
 */
export function orderCandidates(models: CatalogModel[], random: () => number = Math.random): Candidate[] {
  const ready: Candidate[] = [];
  const cooling: Candidate[] = [];
  for (const model of models) {
    const deployments = servableDeployments(model);
    const priorities = [...new Set(deployments.map((deployment) => deployment.priority))].sort((a, b) => a - b);
    for (const priority of priorities) {
      const group = weightedOrder(
        deployments.filter((deployment) => deployment.priority === priority),
        (deployment) => deployment.weight,
        random,
      );
      for (const deployment of group) {
        for (const key of weightedOrder(deployment.provider.keys, (providerKey) => providerKey.weight, random)) {
          (availability(key.id, model.id) === "ready" ? ready : cooling).push({ model, deployment, key });
        }
      }
    }
  }
  return [...ready, ...cooling];
}
