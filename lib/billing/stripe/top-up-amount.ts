// Stripe counts USD in integer cents; the ledger counts micro-USD. A top-up is a whole number of cents, so the
// conversion both ways is exact and no amount is ever rounded.
import { GatewayError } from "../../gateway/errors";
import { formatUsd, usdToMicros, type Micros } from "../../money";

export const MICROS_PER_CENT = 10_000n;

export function centsToMicros(cents: number | bigint): Micros {
  if (typeof cents === "number" && !Number.isSafeInteger(cents))
    throw new Error(`not a whole number of cents: ${cents}`);
  return BigInt(cents) * MICROS_PER_CENT;
}

/** Cents of a micro amount that came from cents; a remainder would mean the amount never was a Stripe amount. */
export function microsToCents(micros: Micros): bigint {
  if (micros % MICROS_PER_CENT !== 0n) throw new Error(`not a whole number of cents: ${micros} micros`);
  return micros / MICROS_PER_CENT;
}

export interface TopUpAmount {
  cents: bigint;
  micros: Micros;
}

export interface TopUpBounds {
  minUsd: number;
  maxUsd: number;
}

/**
 * A top-up amount as a person typed it ("25", "19.99", 40): whole cents within the bounds, else a clear error.
 * Numbers are read through their shortest decimal form, so 19.99 is 1999 cents and 0.1 + 0.2 is refused.
 */
export function parseTopUpAmount(amountUsd: string | number, bounds: TopUpBounds): TopUpAmount {
  const text = typeof amountUsd === "number" ? String(amountUsd) : amountUsd.trim();
  const minimum = usdToMicros(bounds.minUsd);
  const maximum = usdToMicros(bounds.maxUsd);
  // More whole dollars than any bound allows: out of range, whatever its decimals.
  if (/^\d{10,}(\.\d*)?$/.test(text)) {
    throw new GatewayError(
      "invalid_value",
      `A top-up is between ${formatUsd(minimum)} and ${formatUsd(maximum)}; that amount is not`,
      { param: "amount" },
    );
  }
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) {
    throw new GatewayError(
      "invalid_value",
      `The top-up amount must be in US dollars with at most two decimals (whole cents), got "${amountUsd}"`,
      {
        param: "amount",
      },
    );
  }
  const cents = BigInt(match[1]) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  const micros = cents * MICROS_PER_CENT;
  if (micros < minimum || micros > maximum) {
    throw new GatewayError(
      "invalid_value",
      `A top-up is between ${formatUsd(minimum)} and ${formatUsd(maximum)}; ${formatUsd(micros)} is not`,
      {
        param: "amount",
      },
    );
  }
  return { cents, micros };
}
