// Who may use the free demo, and how often: anyone, with no key, within two limits kept by the same limiter as the
// keys' (Upstash Redis when configured, in-process otherwise): DEMO_REQUESTS_PER_MINUTE per client address, then
// DEMO_DAILY_REQUESTS a day (UTC) for everyone together. A request refused by the first does not count against the
// second, so one visitor's flood cannot use up everyone's day.
import "../server-only";
import { env } from "../env";
import { GatewayError } from "../gateway/errors";
import { keyRequestLimits } from "../gateway/key-rate-limits";
import type { Admission } from "../gateway/pipeline";
import { formatResetDuration, rateLimiter } from "../ratelimit/limiter";
import { limitAddress } from "./client-address";
import { DEMO_PRINCIPAL, ensureDemoAccount } from "./demo-account";
import { demoSettings } from "./demo-settings";

const DAILY_IDENTIFIER = "demo:day";

export const admitDemo: Admission = async (_request, clientIp, headers) => {
  const settings = demoSettings(env());
  if (!settings.enabled) throw new GatewayError("not_found", "The free demo is turned off on this gateway");
  const limiter = rateLimiter();

  const perAddress = await limiter.limit(`demo:ip:${limitAddress(clientIp)}`, settings.perMinute, "minute");
  headers.set("x-ratelimit-limit-requests", String(perAddress.limit));
  headers.set("x-ratelimit-remaining-requests", String(perAddress.remaining));
  headers.set("x-ratelimit-reset-requests", formatResetDuration(perAddress.resetMs));
  if (!perAddress.success) {
    const seconds = Math.max(1, Math.ceil(perAddress.resetMs / 1000));
    throw new GatewayError(
      "rate_limit_exceeded",
      `The free demo allows ${settings.perMinute} requests a minute from one address; try again in ${spokenDuration(seconds)}, ` +
        "or sign up for an API key",
      { retryAfter: seconds },
    );
  }

  const daily = await limiter.limit(DAILY_IDENTIFIER, settings.perDay, "day");
  headers.set("x-ratelimit-limit-requests-day", String(daily.limit));
  headers.set("x-ratelimit-remaining-requests-day", String(daily.remaining));
  if (!daily.success) {
    const seconds = Math.max(1, Math.ceil(daily.resetMs / 1000));
    throw new GatewayError(
      "rate_limit_exceeded",
      `The free demo has served its ${settings.perDay} requests for today; it opens again at 00:00 UTC ` +
        `(in ${spokenDuration(seconds)}), or sign up for an API key`,
      { retryAfter: seconds },
    );
  }

  await ensureDemoAccount();
  return { principal: DEMO_PRINCIPAL, limits: keyRequestLimits(DEMO_PRINCIPAL, headers, { requests: "by-admission" }) };
};

/** "42 s", "12 min", "5 h 3 min": how long until a limit resets, as a person says it. */
export function spokenDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
