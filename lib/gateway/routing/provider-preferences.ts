// OpenRouter's `provider` object: the client's say in which deployments serve its request and in what order. It
// steers this gateway's routing only and is never sent upstream. Fields OpenRouter uses to choose among its own hosts
// (data_collection, quantizations, …) mean nothing here: accepted, ignored, and named in x-switchyard-dropped-params.
// Everything is checked before any credit is reserved, so a refused `provider` changes nothing for anyone.
import { z } from "zod";
import type { CatalogModel } from "../../catalog/catalog";
import { maxMicros } from "../../money";
import { GatewayError } from "../errors";
import type { Candidate } from "./candidates";
import { speedOf } from "./deployment-speed";

const SORTS = ["price", "throughput", "latency"] as const;
type Sort = (typeof SORTS)[number];

const providerNames = z.array(z.string().min(1).max(200)).max(64);
const usdLimit = z.number().nonnegative();

/** OpenRouter fields about its own hosts: they have no counterpart among this gateway's deployments. */
const IGNORED_FIELDS = [
  "require_parameters",
  "data_collection",
  "zdr",
  "enforce_distillable_text",
  "quantizations",
  "preferred_min_throughput",
  "preferred_max_latency",
  "experimental",
] as const;

const providerSchema = z.strictObject({
  order: providerNames.optional(),
  only: providerNames.optional(),
  ignore: providerNames.optional(),
  allow_fallbacks: z.boolean().optional(),
  sort: z.union([z.enum(SORTS), z.looseObject({ by: z.enum(SORTS) })]).optional(),
  max_price: z
    .strictObject({
      prompt: usdLimit.optional(),
      completion: usdLimit.optional(),
      request: usdLimit.optional(),
      image: usdLimit.optional(),
    })
    .optional(),
  ...Object.fromEntries(IGNORED_FIELDS.map((field) => [field, z.unknown().optional()])),
});

const FIELD_RULES: Record<string, string> = {
  order: "an array of provider ids",
  only: "an array of provider ids",
  ignore: "an array of provider ids",
  allow_fallbacks: "a boolean",
  sort: 'one of "price", "throughput", "latency"',
  max_price: 'an object such as {"prompt": 1, "completion": 2} (USD per million tokens)',
  prompt: "a non-negative number of USD per million prompt tokens",
  completion: "a non-negative number of USD per million completion tokens",
  request: "a non-negative number of USD per request",
  image: "a non-negative number of USD per image",
};

export interface ProviderPreferences {
  order?: string[];
  only?: string[];
  ignore?: string[];
  allowFallbacks: boolean;
  sort?: Sort;
  maxPrice?: { prompt?: number; completion?: number; request?: number; image?: number };
  /** Fields accepted but meaningless here, as `provider.<field>`, for x-switchyard-dropped-params. */
  ignored: string[];
}

/** Reads the body's `provider` object, or answers 400 naming the field that is wrong. Absent or null: undefined. */
export function parseProviderPreferences(value: unknown): ProviderPreferences | undefined {
  if (value === undefined || value === null) return undefined;
  const result = providerSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue.code === "unrecognized_keys") {
      const param = `provider.${issue.keys[0]}`;
      throw new GatewayError("invalid_value", `Unrecognized field '${param}'; provider takes ${known()}`, { param });
    }
    const path = issue.path.filter((segment) => typeof segment === "string") as string[];
    const param = ["provider", ...issue.path.map(String)].join(".");
    const rule = FIELD_RULES[path.at(-1) ?? ""];
    const message =
      path.length === 0
        ? `Invalid 'provider': must be an object such as {"order": ["openai"], "allow_fallbacks": false}`
        : `Invalid '${param}': must be ${rule ?? issue.message}`;
    throw new GatewayError("invalid_value", message, { param: path.length === 0 ? "provider" : param });
  }
  const parsed = result.data as Record<string, unknown> & z.infer<typeof providerSchema>;
  const sort = typeof parsed.sort === "object" ? parsed.sort.by : parsed.sort;
  return {
    order: parsed.order,
    only: parsed.only,
    ignore: parsed.ignore,
    allowFallbacks: parsed.allow_fallbacks !== false,
    sort,
    maxPrice: parsed.max_price,
    ignored: IGNORED_FIELDS.filter((field) => parsed[field] !== undefined).map((field) => `provider.${field}`),
  };
}

function known(): string {
  return ["order", "only", "ignore", "allow_fallbacks", "sort", "max_price", ...IGNORED_FIELDS].join(", ");
}

/** A provider named by the client: its id (`openai`) or its name (`OpenAI`), in any case. */
function matches(candidate: Candidate, names: string[]): boolean {
  const { id, name } = candidate.deployment.provider;
  return names.some((wanted) => {
    const lower = wanted.toLowerCase();
    return lower === id.toLowerCase() || lower === name.toLowerCase();
  });
}

/** USD per million tokens (or per request, per image) that the client pays, markup included. */
function paidUsd(micros: bigint | null | undefined, model: CatalogModel): number {
  if (micros === null || micros === undefined) return 0;
  return (Number(micros) * (10_000 + model.prices.markupBps)) / 10_000 / 1_000_000;
}

function withinPrice(model: CatalogModel, limit: NonNullable<ProviderPreferences["maxPrice"]>): boolean {
  const { prices } = model;
  if (limit.prompt !== undefined && paidUsd(prices.input, model) > limit.prompt) return false;
  if (limit.completion !== undefined && paidUsd(prices.output, model) > limit.completion) return false;
  if (limit.request !== undefined && paidUsd(prices.perRequest, model) > limit.request) return false;
  if (limit.image !== undefined && prices.images) {
    const dearest = Object.values(prices.images).reduce(maxMicros, 0n);
    if (paidUsd(dearest, model) > limit.image) return false;
  }
  return true;
}

/** What one request is charged per million tokens, prompt and completion together: the order of `sort: "price"`. */
function priceRank(model: CatalogModel): number {
  return paidUsd(model.prices.input, model) + paidUsd(model.prices.output, model);
}

function sortKey(candidate: Candidate, sort: Sort): number {
  if (sort === "price") return priceRank(candidate.model);
  const speed = speedOf(candidate.deployment.provider.id, candidate.model.id);
  // A deployment not yet seen goes after those known to be fast, in the catalog's order.
  if (!speed) return Number.POSITIVE_INFINITY;
  return sort === "latency" ? speed.latencyMs : -speed.tokensPerSecond;
}

function providersOf(candidates: Candidate[]): string {
  const ids = [...new Set(candidates.map((candidate) => candidate.deployment.provider.id))];
  return ids.length > 0 ? ids.join(", ") : "none";
}

function nothingLeft(param: string, all: Candidate[]): GatewayError {
  return new GatewayError(
    "invalid_value",
    `No deployment of the requested model matches '${param}': it can be served by ${providersOf(all)}`,
    { param },
  );
}

/**
 * The candidates the preferences allow, in the order they ask for. Stable: what the preferences leave equal keeps the
 * catalog's order (priorities, weights, key health). Throws 400 when nothing is left, naming the field that did it.
 */
export function steerCandidates(candidates: Candidate[], preferences: ProviderPreferences | undefined): Candidate[] {
  if (!preferences || candidates.length === 0) return candidates;
  let left = candidates;
  const narrow = (param: string, keep: (candidate: Candidate) => boolean) => {
    left = left.filter(keep);
    if (left.length === 0) throw nothingLeft(param, candidates);
  };
  const { only, ignore, order, maxPrice, sort } = preferences;
  if (only) narrow("provider.only", (candidate) => matches(candidate, only));
  if (ignore) narrow("provider.ignore", (candidate) => !matches(candidate, ignore));
  if (maxPrice) narrow("provider.max_price", (candidate) => withinPrice(candidate.model, maxPrice));

  if (sort) {
    const keys = new Map(left.map((candidate) => [candidate, sortKey(candidate, sort)]));
    left = [...left].sort((a, b) => (keys.get(a) ?? 0) - (keys.get(b) ?? 0));
  }
  if (order && order.length > 0) {
    const rank = (candidate: Candidate) => {
      const index = order.findIndex((name) => matches(candidate, [name]));
      return index === -1 ? order.length : index;
    };
    left = [...left].sort((a, b) => rank(a) - rank(b));
    if (!preferences.allowFallbacks) narrow("provider.order", (candidate) => rank(candidate) < order.length);
  } else if (!preferences.allowFallbacks) {
    // No order to keep to: only the provider that would have served first.
    const first = left[0].deployment.provider.id;
    left = left.filter((candidate) => candidate.deployment.provider.id === first);
  }
  return left;
}
