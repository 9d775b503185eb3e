// The catalog as the public site shows it: what a visitor may call, and what they pay for it. Pure (no database):
// built from the in-memory catalog the gateway bills from, so a price or status change shows on every page at once.
//
// Prices shown are the customer's, markup included, computed by the very functions that bill a request
// (tokenCost, imageCost): "$0.1575 per 1M input tokens" is what 1M input tokens cost, to the micro-dollar.
import { divideRounded } from "../money";
import { imageCost } from "../gateway/metering/image-price";
import { tokenCost } from "../gateway/metering/cost";
import { PROVIDERS } from "../gateway/providers/registry";
import { isPriced, servableDeployments, type Catalog, type CatalogModel } from "./catalog";

/**
 * What a visitor is told about a model. "live" and "free" only when this gateway can serve it now (priced, with a
 * deployment whose provider has a key in service); a live or free model it cannot serve is "unavailable" — listed,
 * so that the catalog is the same everywhere, but never offered as callable (calling it answers 501, or 502 while
 * every key of its provider is out of service). Disabled models are not shown at all.
 */
export type PublicStatus = "live" | "free" | "soon" | "unavailable";
export const PUBLIC_STATUSES: readonly PublicStatus[] = ["live", "free", "soon", "unavailable"];

/** Capabilities a visitor filters on; embeddings and images come from the model's kind. */
export const PUBLIC_CAPABILITIES = ["tools", "vision", "json", "reasoning", "embeddings", "images"] as const;
export type PublicCapability = (typeof PUBLIC_CAPABILITIES)[number];

export type ModelKind = CatalogModel["kind"];

export interface ImagePrice {
  quality: string;
  size: string;
  /** Per image, micro-USD, markup included. */
  micros: bigint;
}

/** Micro-USD, markup included; per 1M tokens, null where the model has no such price. */
export interface PublicPrices {
  input: bigint | null;
  /** Null when cached input has no price of its own: it is then billed as input. */
  cachedInput: bigint | null;
  /** Writing the provider's prompt cache, where priced apart (Anthropic). */
  cacheWrite: bigint | null;
  output: bigint | null;
  /** Image models: every quality and size, cheapest first. */
  images: ImagePrice[] | null;
  /** Audio models: per 1M input characters (speech), per minute of audio (transcription). */
  audio: bigint | null;
  markupBps: number;
}

export interface PublicModel {
  id: string;
  providerId: string;
  providerName: string;
  displayName: string;
  kind: ModelKind;
  status: PublicStatus;
  contextLength: number | null;
  maxOutputTokens: number | null;
  capabilities: PublicCapability[];
  streaming: boolean;
  prices: PublicPrices;
  /** The provider's list prices, before markup (for the breakdown on a model's page). */
  listPrices: PublicPrices;
  /** Other ids that resolve to this model. */
  aliases: string[];
}

/** The same test as GET /v1/models' `available`: live or free, priced, and a provider with a key in service. */
export function isCallable(model: CatalogModel): boolean {
  return (
    (model.status === "live" || model.status === "free") && isPriced(model) && servableDeployments(model).length > 0
  );
}

export function publicStatus(model: CatalogModel): PublicStatus | null {
  if (model.status === "disabled") return null;
  if (model.status === "soon") return "soon";
  return isCallable(model) ? model.status : "unavailable";
}

const MILLION = 1_000_000;

/** What `tokens` of one kind cost the customer, through the billing function itself. */
function perMillion(listMicros: bigint | null, markupBps: number, kind: "input" | "cached" | "write" | "output") {
  if (listMicros === null) return null;
  const prices = { input: 0n, cachedInput: 0n, cacheWrite: 0n, output: 0n, images: null, markupBps };
  const zero = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  if (kind === "input") return tokenCost({ ...zero, promptTokens: MILLION }, { ...prices, input: listMicros });
  if (kind === "cached")
    return tokenCost({ ...zero, promptTokens: MILLION, cachedTokens: MILLION }, { ...prices, cachedInput: listMicros });
  if (kind === "write")
    return tokenCost(
      { ...zero, promptTokens: MILLION, cacheWriteTokens: MILLION },
      { ...prices, cacheWrite: listMicros },
    );
  return tokenCost({ ...zero, completionTokens: MILLION }, { ...prices, output: listMicros });
}

function imagePrices(model: CatalogModel, markupBps: number): ImagePrice[] | null {
  const images = model.prices.images;
  if (!images || Object.keys(images).length === 0) return null;
  return Object.entries(images)
    .map(([tier, listMicros]) => {
      const [quality, size] = tier.split(":");
      return { quality, size, micros: imageCost({ quality, size, priceMicros: listMicros }, 1, markupBps) };
    })
    .sort((a, b) => (a.micros === b.micros ? a.quality.localeCompare(b.quality) : a.micros < b.micros ? -1 : 1));
}

/** An audio price with the markup, rounded once as the bill is. */
function audioPrice(listMicros: bigint | null, markupBps: number): bigint | null {
  return listMicros === null ? null : divideRounded(listMicros * BigInt(10_000 + markupBps), 10_000n);
}

export function customerPrices(model: CatalogModel): PublicPrices {
  const { input, cachedInput, cacheWrite, output, markupBps } = model.prices;
  return {
    input: perMillion(input, markupBps, "input"),
    cachedInput: perMillion(cachedInput, markupBps, "cached"),
    cacheWrite: perMillion(cacheWrite, markupBps, "write"),
    output: perMillion(output, markupBps, "output"),
    images: imagePrices(model, markupBps),
    audio: audioPrice(model.prices.audio ?? null, markupBps),
    markupBps,
  };
}

function listPrices(model: CatalogModel): PublicPrices {
  const { input, cachedInput, cacheWrite, output } = model.prices;
  return {
    input,
    cachedInput,
    cacheWrite,
    output,
    images: imagePrices(model, 0),
    audio: model.prices.audio ?? null,
    markupBps: 0,
  };
}

export function capabilitiesOf(model: CatalogModel): PublicCapability[] {
  const declared = new Set(model.capabilities);
  const found = PUBLIC_CAPABILITIES.filter((capability) => declared.has(capability));
  if (model.kind === "embedding") found.push("embeddings");
  if (model.kind === "image") found.push("images");
  return [...new Set(found)];
}

const PROVIDER_ORDER = new Map(PROVIDERS.map((definition, index) => [definition.id, index]));
const KIND_ORDER: Record<ModelKind, number> = { chat: 0, embedding: 1, image: 2, speech: 3, transcription: 4 };

/** The catalog's own order: providers as the registry lists them (operators' own last), chat before embeddings and
 * images, then by name as people read it ("GPT-4.1" before "GPT-4.1 mini" before "GPT-4o"). */
export function compareCatalogOrder(a: PublicModel, b: PublicModel): number {
  const providerA = PROVIDER_ORDER.get(a.providerId) ?? PROVIDER_ORDER.size;
  const providerB = PROVIDER_ORDER.get(b.providerId) ?? PROVIDER_ORDER.size;
  return (
    providerA - providerB ||
    a.providerId.localeCompare(b.providerId) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.displayName.localeCompare(b.displayName, "en", { numeric: true, sensitivity: "base" }) ||
    a.id.localeCompare(b.id)
  );
}

export function toPublicModel(catalog: Catalog, model: CatalogModel): PublicModel | null {
  const status = publicStatus(model);
  if (!status) return null;
  const aliases = [...catalog.aliases]
    .filter(([, target]) => target === model.id)
    .map(([alias]) => alias)
    .sort();
  return {
    id: model.id,
    providerId: model.providerId,
    providerName: catalog.providers.get(model.providerId)?.name ?? model.providerId,
    displayName: model.displayName,
    kind: model.kind,
    status,
    contextLength: model.contextLength,
    maxOutputTokens: model.maxOutputTokens,
    capabilities: capabilitiesOf(model),
    streaming: model.kind === "chat" && model.capabilities.includes("streaming"),
    prices: customerPrices(model),
    listPrices: listPrices(model),
    aliases,
  };
}

/** Every model a visitor may see (all but disabled), in catalog order. */
export function publicModels(catalog: Catalog): PublicModel[] {
  const models: PublicModel[] = [];
  for (const model of catalog.models.values()) {
    const shown = toPublicModel(catalog, model);
    if (shown) models.push(shown);
  }
  return models.sort(compareCatalogOrder);
}

/** One model by its exact id; undefined for an unknown or disabled one (the page answers 404). */
export function publicModel(catalog: Catalog, id: string): PublicModel | undefined {
  const model = catalog.models.get(id);
  return (model && toPublicModel(catalog, model)) ?? undefined;
}

/** The page of a model: each part of its id a path segment ("openrouter/meta-llama/llama-3" has three). */
export function modelPath(id: string): string {
  return `/models/${id.split("/").map(encodeURIComponent).join("/")}`;
}

/** Where a price column sorts a model: input per 1M tokens for token-priced models; image models have none. */
export function sortPrice(model: PublicModel): bigint | null {
  return model.prices.input;
}

/** The cheapest image tier ("from $0.011 per image"), for image models. */
export function cheapestImage(model: PublicModel): ImagePrice | null {
  return model.prices.images?.[0] ?? null;
}
