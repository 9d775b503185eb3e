// Guessing keys is slowed per client address: past AUTH_FAILURES_PER_MINUTE failed authentications in a minute, the
// address is refused with 429 on every keyed route, even with a valid key, until the minute ends. Failures are counted
// in the shared limiter (all instances together); the refusal itself is decided from this instance's memory of the
// addresses it saw go over, so a refused request costs neither the database nor Redis. Another instance learns of
// the address at its own next failure from it (the shared count is already over).
import "../server-only";
import { limitAddress } from "../demo/client-address";
import { env } from "../env";
import { rateLimiter } from "../ratelimit/limiter";
import { GatewayError } from "./errors";

const MAX_BLOCKED = 50_000;
const blockedUntil = new Map<string, number>();

function refusal(until: number, perMinute: number): GatewayError {
  return new GatewayError(
    "rate_limit_exceeded",
    `Too many failed authentications from this address (more than ${perMinute} a minute); retry later`,
    { retryAfter: Math.max(1, Math.ceil((until - Date.now()) / 1000)) },
  );
}

/** Throws 429 if the address went over its failed authentications this minute. Costs no I/O. */
export function refuseThrottledAddress(clientIp: string | undefined): void {
  const address = limitAddress(clientIp);
  const until = blockedUntil.get(address);
  if (until === undefined) return;
  if (until <= Date.now()) {
    blockedUntil.delete(address);
    return;
  }
  throw refusal(until, env().AUTH_FAILURES_PER_MINUTE);
}

/** Counts a failed authentication; the one that goes over the limit is answered 429 instead of 401. */
export async function noteFailedAuthentication(clientIp: string | undefined): Promise<GatewayError | undefined> {
  const address = limitAddress(clientIp);
  const perMinute = env().AUTH_FAILURES_PER_MINUTE;
  const result = await rateLimiter().limit(`authfail:${address}`, perMinute, "minute");
  if (result.success) return undefined;
  const until = Date.now() + result.resetMs;
  if (blockedUntil.size >= MAX_BLOCKED) blockedUntil.clear();
  blockedUntil.set(address, until);
  return refusal(until, perMinute);
}
