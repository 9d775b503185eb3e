// One entry of a key's IP allow-list: an IPv4 or IPv6 address, or a CIDR range. The data plane skips entries it
// cannot read (lib/gateway/auth.ts), so a typo would silently shrink the list: entries are checked here instead.
import { isIP } from "node:net";

export const MAX_ALLOWED_IPS = 100;

/** The entry in canonical form ("FE80:0::A/64" → "fe80::a/64"), or null when it is no address or range. */
export function normaliseIpEntry(entry: string): string | null {
  const [address, prefix, ...rest] = entry.trim().split("/");
  if (rest.length > 0) return null;
  const family = isIP(address);
  // A zone id ("fe80::1%eth0") names an interface of one machine: meaningless for a caller's address.
  if (family === 0 || address.includes("%")) return null;
  const canonical = family === 6 ? new URL(`http://[${address}]`).hostname.slice(1, -1) : address;
  if (prefix === undefined) return canonical;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 6 ? 128 : 32)) return null;
  return `${canonical}/${Number(prefix)}`;
}
