// Image models are priced per image by quality and size ("standard:1024x1024"). "auto" or a missing quality or size
// resolves to the model's default tier before the call, so the price is known up front and billed exactly.
import { divideRounded } from "../../money";
import type { CatalogModel } from "../../catalog/catalog";
import { GatewayError } from "../errors";

const DEFAULT_SIZE = "1024x1024";
const PREFERRED_QUALITIES = ["standard", "medium"];

export interface ImageTier {
  quality: string;
  size: string;
  /** Per image, before markup. */
  priceMicros: bigint;
}

export function imageTier(model: CatalogModel, quality: string | undefined, size: string | undefined): ImageTier {
  const prices = model.prices.images ?? {};
  const tiers = Object.keys(prices);
  const qualities = [...new Set(tiers.map((tier) => tier.split(":")[0]))];
  const resolvedQuality =
    quality && quality !== "auto"
      ? quality
      : (PREFERRED_QUALITIES.find((candidate) => qualities.includes(candidate)) ?? qualities[0]);
  const resolvedSize = size && size !== "auto" ? size : DEFAULT_SIZE;
  const price = prices[`${resolvedQuality}:${resolvedSize}`];
  if (price === undefined) {
    const offered = tiers.map((tier) => tier.replace(":", " ")).join(", ");
    throw new GatewayError(
      "invalid_value",
      `${model.id} does not offer quality '${resolvedQuality}' at size ${resolvedSize}; it offers: ${offered}`,
      {
        param: quality && !qualities.includes(resolvedQuality) ? "quality" : "size",
      },
    );
  }
  return { quality: resolvedQuality, size: resolvedSize, priceMicros: price };
}

export function imageCost(tier: ImageTier, count: number, markupBps: number): bigint {
  return divideRounded(tier.priceMicros * BigInt(count) * BigInt(10_000 + markupBps), 10_000n);
}
