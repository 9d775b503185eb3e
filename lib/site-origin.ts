// The origin people reach this site at, for pages that print it (the landing page's code sample). AUTH_URL says it
// when set; otherwise the request's Host (or a proxy's x-forwarded-host and -proto), the same trust Auth.js places in
// them with `trustHost`. A value that is not a plain host name gives undefined, and the page prints a placeholder.

export interface OriginHints {
  authUrl: string | undefined;
  /** Reads one request header. */
  header: (name: string) => string | null;
}

const HOST = /^[A-Za-z0-9.\-:[\]]+$/;

export function siteOrigin({ authUrl, header }: OriginHints): string | undefined {
  if (authUrl) {
    try {
      const url = new URL(authUrl);
      if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
    } catch {
      // Not a URL: fall back to the request's host.
    }
  }
  const host = requestHost(header);
  return host && `${host.https ? "https" : "http"}://${host.host}`;
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
