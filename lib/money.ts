// Money is integer micro-USD (1 USD = 1_000_000 micros), as BigInt wherever it is stored or summed.
export type Micros = bigint;

export const MICROS_PER_USD = 1_000_000n;

/** Exact decimal → micros; "0.15" → 150000n. Rejects more than six decimals rather than round silently. */
export function usdToMicros(usd: string | number): Micros {
  const text = typeof usd === "number" ? usd.toFixed(6) : usd.trim();
  const match = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) throw new Error(`not a USD amount with at most six decimals: ${usd}`);
  const [, sign, whole, fraction = ""] = match;
  const micros = BigInt(whole) * MICROS_PER_USD + BigInt(fraction.padEnd(6, "0"));
  return sign ? -micros : micros;
}

/** For JSON bodies and headers: a USD number with micro precision. */
export function microsToUsd(micros: Micros): number {
  return Number(micros) / 1_000_000;
}

/** "$1.234567", "$1,500.00": trimmed of trailing zeros to at least cents, thousands grouped; for people. */
export function formatUsd(micros: Micros): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / MICROS_PER_USD;
  let fraction = (absolute % MICROS_PER_USD).toString().padStart(6, "0").replace(/0+$/, "");
  if (fraction.length < 2) fraction = fraction.padEnd(2, "0");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}$${grouped}.${fraction}`;
}

/** Integer division rounding half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const half = denominator / 2n;
  return numerator >= 0n ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

/** The smaller of two amounts (Math.min takes no bigint). */
export function minMicros(a: Micros, b: Micros): Micros {
  return a < b ? a : b;
}

/** The larger of two amounts (Math.max takes no bigint). */
export function maxMicros(a: Micros, b: Micros): Micros {
  return a > b ? a : b;
}
