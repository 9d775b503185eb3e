// The /models page's search, filters and sort, as they travel in the URL (a GET form: shareable, and it works without
// JavaScript). Anything odd in the query is ignored rather than refused: a stale or hand-edited link still shows
// the catalog.
import { z } from "zod";
import {
  PUBLIC_CAPABILITIES,
  compareCatalogOrder,
  sortPrice,
  type PublicCapability,
  type PublicModel,
  type PublicStatus,
} from "./public-models";

/** "available" is live or free: what can be called right now. */
export const STATUS_FILTERS = ["available", "live", "free", "soon", "unavailable"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** "catalog": by provider, then name. Prices sort by input per 1M tokens; models without one (images) go last. */
export const SORTS = ["catalog", "price", "price-desc", "context", "context-asc", "name"] as const;
export type Sort = (typeof SORTS)[number];

export interface CatalogQuery {
  q: string;
  provider: string | null;
  capabilities: PublicCapability[];
  status: StatusFilter | null;
  sort: Sort;
}

export const DEFAULT_QUERY: CatalogQuery = { q: "", provider: null, capabilities: [], status: null, sort: "catalog" };

type RawParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const oneOf = <T extends string>(values: readonly T[]) =>
  z.preprocess((value) => (values.includes(value as T) ? value : undefined), z.enum(values as [T, ...T[]]).optional());

const schema = z.object({
  q: z.preprocess((value) => (typeof value === "string" ? value.trim().slice(0, 100) : ""), z.string()),
  provider: z.preprocess(
    (value) => (typeof value === "string" && /^[a-z0-9][a-z0-9._-]{0,63}$/.test(value) ? value : undefined),
    z.string().optional(),
  ),
  cap: z
    .array(z.string())
    .transform((values) => PUBLIC_CAPABILITIES.filter((capability) => values.includes(capability))),
  status: oneOf(STATUS_FILTERS),
  sort: oneOf(SORTS),
});

export function parseCatalogQuery(params: RawParams): CatalogQuery {
  const parsed = schema.parse({
    q: first(params.q),
    provider: first(params.provider),
    cap: all(params.cap),
    status: first(params.status),
    sort: first(params.sort),
  });
  return {
    q: parsed.q,
    provider: parsed.provider ?? null,
    capabilities: parsed.cap,
    status: parsed.status ?? null,
    sort: parsed.sort ?? "catalog",
  };
}

/** The query string of a catalog query, defaults left out ("" for the plain catalog). */
export function catalogQueryString(query: CatalogQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.provider) params.set("provider", query.provider);
  for (const capability of query.capabilities) params.append("cap", capability);
  if (query.status) params.set("status", query.status);
  if (query.sort !== "catalog") params.set("sort", query.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function isFiltered(query: CatalogQuery): boolean {
  return Boolean(query.q || query.provider || query.capabilities.length || query.status);
}

function matchesStatus(status: PublicStatus, filter: StatusFilter | null): boolean {
  if (filter === null) return true;
  if (filter === "available") return status === "live" || status === "free";
  return status === filter;
}

/** Every word of the search must appear in the id, the name, the provider or an alias (any case). */
function matchesSearch(model: PublicModel, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [model.id, model.displayName, model.providerName, model.providerId, ...model.aliases]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function filterModels(models: readonly PublicModel[], query: CatalogQuery): PublicModel[] {
  return models.filter(
    (model) =>
      (query.provider === null || model.providerId === query.provider) &&
      query.capabilities.every((capability) => model.capabilities.includes(capability)) &&
      matchesStatus(model.status, query.status) &&
      matchesSearch(model, query.q),
  );
}

/** Ascending or descending on a value some models lack; those always go last, in catalog order. */
function byValue<T extends number | bigint>(value: (model: PublicModel) => T | null, descending: boolean) {
  return (a: PublicModel, b: PublicModel): number => {
    const left = value(a);
    const right = value(b);
    if (left === null || right === null) {
      if (left === right) return compareCatalogOrder(a, b);
      return left === null ? 1 : -1;
    }
    if (left === right) return compareCatalogOrder(a, b);
    return (left < right ? -1 : 1) * (descending ? -1 : 1);
  };
}

export function sortModels(models: readonly PublicModel[], sort: Sort): PublicModel[] {
  const sorted = [...models];
  switch (sort) {
    case "price":
      return sorted.sort(byValue(sortPrice, false));
    case "price-desc":
      return sorted.sort(byValue(sortPrice, true));
    case "context":
      return sorted.sort(byValue((model) => model.contextLength, true));
    case "context-asc":
      return sorted.sort(byValue((model) => model.contextLength, false));
    case "name":
      return sorted.sort(
        (a, b) =>
          a.displayName.localeCompare(b.displayName, "en", { numeric: true, sensitivity: "base" }) ||
          a.id.localeCompare(b.id),
      );
    default:
      return sorted.sort(compareCatalogOrder);
  }
}

/** The catalog as the query asks for it. */
export function queryModels(models: readonly PublicModel[], query: CatalogQuery): PublicModel[] {
  return sortModels(filterModels(models, query), query.sort);
}
