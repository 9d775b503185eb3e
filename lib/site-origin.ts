// The origin people reach this site at. AUTH_URL says it when set. Otherwise the request's Host (or a proxy's
// x-forwarded-host and -proto) is all there is, and anyone can write those: `siteOrigin` takes them for what is only
// printed (the landing page's code sample), `trustedOrigin` only when they name this machine (loopback), for what is
// followed (sign-in links, Checkout's return URLs). A value that is not a plain host name gives undefined.

export interface OriginHints {
  authUrl: string | undefined;
  /** Reads one request header. */
  header: (name: string) => string | null;
}

const HOST = /^[A-Za-z0-9.\-:[\]]+$/;

export function siteOrigin({ authUrl, header }: OriginHints): string | undefined {
  const configured = authUrl ? httpOrigin(authUrl) : undefined;
  if (configured) return configured;
  const host = requestHost(header);
  return host && `${host.https ? "https" : "http"}://${host.host}`;
}

/**
 * The origin to build links people follow from: AUTH_URL's, else the request's own when it is a loopback host (a local
 * install), else undefined: a link built from any other Host could point at a host the sender chose. The values are
 * read whole, as Auth.js reads them to build its URLs without AUTH_URL, so that what is checked is what is used.
 */
export function trustedOrigin({ authUrl, header }: OriginHints): string | undefined {
  if (authUrl) return httpOrigin(authUrl);
  const host = header("x-forwarded-host") ?? header("host");
  const protocol = header("x-forwarded-proto") ?? "http";
  if (!host || !isLoopbackHost(host) || (protocol !== "http" && protocol !== "https")) return undefined;
  return `${protocol}://${host}`;
}

const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/** localhost, 127.0.0.1 or [::1], with any port. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

function httpOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The host the browser asked for (x-forwarded-host, else Host) and whether it came over https; undefined if odd. */
export function requestHost(header: (name: string) => string | null): { host: string; https: boolean } | undefined {
  const host = firstValue(header("x-forwarded-host")) ?? firstValue(header("host"));
  if (!host || !HOST.test(host)) return undefined;
  return { host, https: firstValue(header("x-forwarded-proto")) === "https" };
}

/** A proxy chain may list several values, the client's first. */
function firstValue(value: string | null): string | undefined {
  const first = value?.split(",")[0]?.trim();
  return first || undefined;
}
