// A price as the customer pays it: USD (money is never localised), "Free" for nothing, a dash where there is no such
// price. Amounts come from lib/catalog/public-models.ts, markup included.
import { formatUsd } from "@/lib/money";
import type { ImagePrice, PublicModel } from "@/lib/catalog/public-models";

export function Price({ micros, freeLabel }: { micros: bigint | null; freeLabel: string }) {
  if (micros === null) return <span className="text-zinc-400 dark:text-zinc-500">—</span>;
  if (micros === 0n) return <span className="font-medium text-emerald-700 dark:text-emerald-400">{freeLabel}</span>;
  return <span className="tabular-nums">{formatUsd(micros)}</span>;
}

/** "1024×1024" rather than "1024x1024". */
export function imageSize(size: string): string {
  return size.replace("x", "×");
}

export function cheapestImageText(model: PublicModel, fromLabel: (price: string) => string): string | null {
  const cheapest: ImagePrice | undefined = model.prices.images?.[0];
  return cheapest ? fromLabel(formatUsd(cheapest.micros)) : null;
}
