// Audio is priced by what it is made of, not by tokens: speech per input character (the catalog's audio price is per
// 1M characters, as OpenAI lists tts-1), transcription per minute of audio, charged by the second (rounded to the
// nearest second, as OpenAI bills Whisper; at least one). One rounding per request, markup included.
import type { CatalogModel } from "../../catalog/catalog";
import { divideRounded } from "../../money";

const BASIS = 10_000n;

/** Characters as people count them: code points, so an emoji or a CJK character is one. */
export function speechCharacters(input: string): number {
  let count = 0;
  for (const _ of input) count += 1;
  return count;
}

export function speechCost(model: CatalogModel, characters: number): bigint {
  const price = model.prices.audio ?? 0n;
  return divideRounded(price * BigInt(characters) * (BASIS + BigInt(model.prices.markupBps)), 1_000_000n * BASIS);
}

/** The seconds a length is billed as. */
export function billedSeconds(seconds: number): number {
  return Math.max(1, Math.round(seconds));
}

export function transcriptionCost(model: CatalogModel, seconds: number): bigint {
  const price = model.prices.audio ?? 0n;
  const billed = BigInt(billedSeconds(seconds));
  return divideRounded(price * billed * (BASIS + BigInt(model.prices.markupBps)), 60n * BASIS);
}
