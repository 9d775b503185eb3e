// How the usage page writes money, numbers and dates, for the reader's locale (money always stays USD). One date
// style for the whole page: days as "Jun 9, 2025" ("9 thg 6, 2025"), times as that day plus a 24-hour time, all UTC;
// chart ticks drop the year. Pure and free of next-intl, so the lazily loaded charts can use it in the browser.
// TODO(lead): formatMoney becomes formatUsdCents / formatUsdCost from lib/money.ts when those land.

/** "total": balances and sums, to the cent ("$25.96"); "request": one request's cost, at the billed precision ("$0.000178"). */
export type MoneyKind = "total" | "request";

const MICROS_PER_USD = 1_000_000n;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Micros as an exact decimal string: Intl rounds a decimal string exactly (half away from zero), a Number may not. */
function microsDecimal(micros: bigint): `${number}` {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const fraction = (absolute % MICROS_PER_USD).toString().padStart(6, "0");
  return `${negative ? "-" : ""}${absolute / MICROS_PER_USD}.${fraction}` as `${number}`;
}

export function formatMoney(micros: bigint | number, kind: MoneyKind, locale: string): string {
  const decimals = kind === "total" ? 2 : 6;
  const format = cached(
    numberFormats,
    `money|${locale}|${decimals}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency: "USD",
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
        signDisplay: "negative",
      }),
  );
  return format.format(microsDecimal(typeof micros === "bigint" ? micros : BigInt(Math.round(micros))));
}

export function formatCount(value: number, locale: string): string {
  return cached(numberFormats, `count|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** 0.0123 → "1.2%"; whole percentages without decimals ("0%", "100%"). */
export function formatPercent(fraction: number, locale: string): string {
  const whole = Number.isInteger(fraction * 100);
  return cached(
    numberFormats,
    `percent|${locale}|${whole}`,
    () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: whole ? 0 : 1 }),
  ).format(fraction);
}

function dayFormat(locale: string, withYear: boolean): Intl.DateTimeFormat {
  return cached(
    dateFormats,
    `day|${locale}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        month: "short",
        day: "numeric",
        ...(withYear ? { year: "numeric" } : {}),
        timeZone: "UTC",
      }),
  );
}

/** A UTC day (YYYY-MM-DD): "Jun 9, 2025". */
export function formatDay(day: string, locale: string): string {
  return dayFormat(locale, true).format(new Date(`${day}T00:00:00Z`));
}

/** A chart tick: the day without its year, "Jun 9". */
export function formatTick(day: string, locale: string): string {
  return dayFormat(locale, false).format(new Date(`${day}T00:00:00Z`));
}

/** An instant, in UTC: "Jun 9, 2025, 14:03:07". */
export function formatTime(instant: Date, locale: string): string {
  return cached(
    dateFormats,
    `time|${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        month: "short",
        day: "numeric",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
        timeZone: "UTC",
      }),
  ).format(instant);
}

/** Milliseconds as people read them: "840 ms", "2.5 s", "12 s". */
export function formatDuration(ms: number, locale: string): string {
  if (ms < 1000) return `${formatCount(Math.round(ms), locale)} ms`;
  const seconds = ms / 1000;
  const format = cached(
    numberFormats,
    `seconds|${locale}|${seconds >= 10}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: seconds >= 10 ? 0 : 1 }),
  );
  return `${format.format(seconds)} s`;
}

/** A total to the cent; a spend above zero that would round to "$0.00" reads "< $0.01" instead. */
export function formatSpend(micros: bigint | number, locale: string): string {
  const value = typeof micros === "bigint" ? micros : BigInt(Math.round(micros));
  if (value > 0n && value < 5_000n) return `< ${formatMoney(10_000n, "total", locale)}`;
  return formatMoney(value, "total", locale);
}
