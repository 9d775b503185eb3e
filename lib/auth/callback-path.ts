// Where to go after signing in. The value arrives in a query string or a form anyone can write, so only a path on
// this site is taken: an absolute URL, a protocol-relative "//host" or "/\host" (browsers read a backslash as a
// slash), or anything that parses to another origin would make sign-in an open redirect.
// The check is on the path as the browser will resolve it, not as written: "/..//host", "/.//host" and
// "/%2e%2e//host" all normalise to "//host". A layer that decodes once more (a proxy, a framework's redirect) must
// not find one either, so each decoding of the path is normalised and checked in turn.
export const DEFAULT_AFTER_SIGN_IN = "/keys";

const BASE = "http://switchyard.invalid";
/** More nested encodings than this are not a path anyone links to. */
const MAX_DECODINGS = 3;

/** The path, normalised ("/usage?days=7"), when it is a page of this site; otherwise the dashboard. */
export function safeCallbackPath(value: unknown): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate !== "string" || candidate.length > 1_000) return DEFAULT_AFTER_SIGN_IN;
  const url = sameSiteUrl(candidate);
  if (!url || url.pathname.startsWith("//") || !staysOnSite(url.pathname)) return DEFAULT_AFTER_SIGN_IN;
  // Not an API route (a sign-out link, say), and not the sign-in pages, which would send a signed-in visitor in a loop.
  if (url.pathname.startsWith("/api/") || url.pathname === "/signin" || url.pathname.startsWith("/signin/"))
    return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `path` resolved against this site, or undefined when it is not a plain root-relative path of this site. */
function sameSiteUrl(path: string): URL | undefined {
  if (!path.startsWith("/") || path.startsWith("//")) return undefined;
  // A backslash, raw or encoded, has no place in this site's paths, and browsers treat it as a slash.
  if (path.includes("\\") || /%5c/i.test(path)) return undefined;
  // URL parsing drops tabs and new lines, which could turn "/\t/host" into "//host": refuse control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[\u0000-\u001f\u007f]/.test(path)) return undefined;
  const url = new URL(path, BASE);
  return url.origin === BASE ? url : undefined;
}

/** The normalised path, and each decoding of it, renormalised, still begins with exactly one slash. */
function staysOnSite(pathname: string): boolean {
  let current = pathname;
  for (let decodings = 0; decodings <= MAX_DECODINGS; decodings += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return true;
    const url = sameSiteUrl(decoded);
    if (!url || url.pathname.startsWith("//")) return false;
    current = decoded;
  }
  return false;
}

/**
 * Where the welcome page's "continue" goes: Auth.js sends a new account to /welcome with the callback as an absolute
 * URL of this site ("http://host/usage"). Only its path is taken (so it cannot lead elsewhere), checked as above, and
 * never back to the welcome page itself.
 */
export function afterWelcomePath(value: unknown): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  let path: unknown = candidate;
  if (typeof candidate === "string" && /^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      path = undefined;
    }
  }
  const safe = safeCallbackPath(path);
  return safe === "/welcome" || safe.startsWith("/welcome?") || safe.startsWith("/welcome#")
    ? DEFAULT_AFTER_SIGN_IN
    : safe;
}
