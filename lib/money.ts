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

/** How an amount is shown to a person: in their language's number style; money itself always stays USD. */
export interface MoneyFormatOptions {
  /** A BCP 47 tag ("en", "vi"); English when not given. */
  locale?: string;
  /** "+$1.00" for credits: a sign on every amount but zero. */
  signed?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function usdFormatter(decimals: 2 | 6, { locale = "en", signed = false }: MoneyFormatOptions): Intl.NumberFormat {
  const cacheKey = `${locale}|${decimals}|${signed}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "USD",
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      // "negative": an amount that rounds to zero is "$0.00", never "-$0.00".
      signDisplay: signed ? "exceptZero" : "negative",
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/** Micros as an exact decimal string ("-25.959590"): Intl rounds a string exactly, where a Number would not. */
function microsDecimal(micros: Micros): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const fraction = (absolute % MICROS_PER_USD).toString().padStart(6, "0");
  return `${negative ? "-" : ""}${absolute / MICROS_PER_USD}.${fraction}`;
}

/** Balances, totals, top-ups and budgets: to the cent, rounded half away from zero ("$25.96", "25,96 US$"). */
export function formatUsdCents(micros: Micros, options: MoneyFormatOptions = {}): string {
  return usdFormatter(2, options).format(microsDecimal(micros) as `${number}`);
}

/** What one request cost: always six decimals, the precision it is billed at ("$0.000178"). */
export function formatUsdCost(micros: Micros, options: MoneyFormatOptions = {}): string {
  return usdFormatter(6, options).format(microsDecimal(micros) as `${number}`);
}
