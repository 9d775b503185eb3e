// What the demo's per-address limit counts by. An IPv6 client usually holds a whole /64 and can pick any address in
// it, so IPv6 addresses are counted by their /64; an IPv4 address (plain or IPv4-mapped) by itself.
import { isIPv4, isIPv6 } from "node:net";

export function limitAddress(clientIp: string | undefined): string {
  const address = clientIp?.trim() ?? "";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
  // No address (a platform that does not say): every such request shares one allowance.
  return "unknown";
}

/** The eight 16-bit groups of an IPv6 address, written without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => (Number.parseInt(group, 16) || 0).toString(16));
}
