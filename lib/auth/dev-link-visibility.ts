// When the check-email page may show the sign-in link itself. Only without EMAIL_SERVER (nothing is mailed) and only
// to a visitor on this machine: anyone elsewhere could otherwise sign in as any address they type.
// scripts/server.ts sets x-forwarded-for to the socket address (unless TRUST_PROXY); Vercel sets it to the client.
import "../server-only";
import { env } from "../env";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export function devLinksVisible(forwardedFor: string | null): boolean {
  if (env().EMAIL_SERVER) return false;
  const addresses = (forwardedFor ?? "").split(",").map((address) => address.trim());
  return addresses.length > 0 && addresses.every((address) => LOOPBACK.has(address));
}
