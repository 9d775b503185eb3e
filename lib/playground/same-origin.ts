// The playground's route is authenticated by the session cookie, which a browser also attaches to a request another
// site makes it send (cross-site request forgery). Browsers name the page a request comes from in `Origin` on every
// POST, and a page cannot change it: the request is served only when it names this site.
import { requestHost } from "../site-origin";

/**
 * True when `Origin` is this site: AUTH_URL's origin when set, else the host the request was sent to (scripts/server.ts
 * drops a forwarded host unless TRUST_PROXY, so that is the Host header a browser wrote). No Origin, no match.
 */
export function isSameOrigin(header: (name: string) => string | null, authUrl: string | undefined): boolean {
  const origin = header("origin");
  if (!origin || origin === "null") return false;
  let sent: URL;
  try {
    sent = new URL(origin);
  } catch {
    return false;
  }
  if (authUrl) return sent.origin === new URL(authUrl).origin;
  const host = requestHost(header);
  return host !== undefined && sent.host.toLowerCase() === host.host.toLowerCase();
}
