// Where a customer's own endpoint (bring your own provider) may send the gateway: the public internet only. A base URL
// is the customer's to choose, so without this guard it could aim the gateway at its own loopback, the private
// network, or a cloud metadata service (server-side request forgery). The check runs on the address actually
// connected to, at connect time: a name that resolved to a public address when the form was saved and to 127.0.0.1
// now (DNS rebinding) is refused all the same. Operators of trusted setups lift it with BYO_ALLOW_PRIVATE_NETWORKS=1.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { buildConnector } from "undici";

/** Addresses a customer's endpoint may never reach: every range that is not the public internet. */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 itself reaches the local host on Linux
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT, also used by some clouds for internal services
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, with the cloud metadata services (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments (some hold private services: 192.0.0.192 Oracle metadata)
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback (IPv4-mapped addresses are checked as the IPv4 address they carry)
  ["64:ff9b::", 96], // NAT64: reaches any IPv4 address through the translator, private ones too
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some stacks)
  ["ff00::", 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped IPv6 one, however spelled (::ffff:127.0.0.1, ::ffff:7f00:1, 0:0:…). */
function mappedIPv4(address: string): string | undefined {
  // The URL parser writes every IPv6 spelling in one canonical form: ::ffff:7f00:1 for all of them.
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** True when `address` (an IP literal, brackets allowed) is loopback, private, link-local, metadata or reserved. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, "ipv4");
  if (family === 6) {
    const inner = mappedIPv4(bare);
    if (inner !== undefined) return BLOCKED.check(inner, "ipv4");
    return BLOCKED.check(bare, "ipv6");
  }
  // Not an address at all: nothing can be connected to, so nothing is allowed.
  return true;
}

/** Where a connection goes: anywhere (the operator's own providers), or the public internet only (customers'). */
export type NetworkReach = "any" | "public";

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      host === address
        ? `${address} is a loopback, private or link-local address, which customer endpoints may not reach`
        : `${host} resolves to ${address}, a loopback, private or link-local address, which customer endpoints may not reach`,
    );
    this.name = "BlockedAddressError";
  }
}

/**
 * A DNS lookup that refuses names resolving to a blocked address. Every address of the name is checked, not only the
 * one the socket would pick: a name with one public and one private address is refused outright.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
    if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), "", 0);
    if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), "", 0);
    if (options.all) return (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * undici's connector with the check in front: a host that is an IP literal (which skips DNS) is checked here, a name
 * is checked by publicOnlyLookup when the socket resolves it. Either way nothing is sent to a blocked address.
 */
export function publicOnlyConnector(options: buildConnector.BuildOptions = {}): buildConnector.connector {
  const connect = buildConnector({ ...options, lookup: publicOnlyLookup });
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) !== 0 && isBlockedAddress(host)) {
      callback(new BlockedAddressError(host, host), null);
      return;
    }
    connect(connectOptions, callback);
  };
}

/** At save time: the base URL's host and every address it resolves to now. Resolved again at each connection. */
export async function checkPublicHost(hostname: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0)
    return isBlockedAddress(host) ? { ok: false, reason: new BlockedAddressError(host, host).message } : { ok: true };
  return new Promise((resolve) => {
    publicOnlyLookup(host, { all: true }, (error) => {
      if (error instanceof BlockedAddressError) resolve({ ok: false, reason: error.message });
      // A name that does not resolve (yet) is not an address we refuse; the connection test says it does not answer.
      else resolve({ ok: true });
    });
  });
}
