// Micro-USD as a form shows it for editing: a plain decimal ("0.15", "2.5"), no symbol or grouping, exact.
export function microsToUsdText(micros: bigint | null | undefined): string {
  if (micros === null || micros === undefined) return "";
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const fraction = (absolute % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${absolute / 1_000_000n}${fraction ? `.${fraction}` : ""}`;
}

/** Image tiers as the form's lines: "standard:1024x1024 = 0.04". */
export function imagePricesText(prices: unknown): string {
  if (!prices || typeof prices !== "object") return "";
  return Object.entries(prices as Record<string, string | number>)
    .map(([tier, micros]) => `${tier} = ${microsToUsdText(BigInt(micros))}`)
    .join("\n");
}

/** Basis points as the markup field shows them: "5%" for 500. */
export function markupText(bps: number): string {
  return `${microsToUsdText(BigInt(bps) * 10_000n)}%`;
}
