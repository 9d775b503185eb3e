// The Stripe API client, from configuration: none when STRIPE_SECRET_KEY is unset, so card top-ups show as
// "not configured" instead of failing at the first call.
import "../../server-only";
import Stripe from "stripe";
import { env } from "../../env";

/** Top-ups need both: the key to create Checkout Sessions and the secret to trust the webhook that credits them. */
export function isStripeConfigured(): boolean {
  const settings = env();
  return settings.STRIPE_SECRET_KEY !== undefined && settings.STRIPE_WEBHOOK_SECRET !== undefined;
}

/** Where requests go when STRIPE_API_URL names a stand-in: the client takes a host, port and protocol, not a URL. */
export function stripeHostOptions(apiUrl: string): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  const url = new URL(apiUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`STRIPE_API_URL must be http(s): ${apiUrl}`);
  const protocol = url.protocol === "http:" ? "http" : "https";
  // The client always requests /v1/…, so only the origin of STRIPE_API_URL is used.
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

let cached: { key: string; apiUrl: string | undefined; client: Stripe } | undefined;

export function stripeClient(): Stripe | undefined {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env();
  if (key === undefined) return undefined;
  if (cached?.key !== key || cached.apiUrl !== apiUrl) {
    const client = new Stripe(key, {
      ...(apiUrl ? stripeHostOptions(apiUrl) : {}),
      appInfo: { name: "Switchyard" },
      // A webhook waits on the lookups this client makes: bounded, and retried by the client (with idempotency
      // keys on POSTs) rather than by us.
      timeout: 20_000,
      maxNetworkRetries: 2,
    });
    cached = { key, apiUrl, client };
  }
  return cached.client;
}
