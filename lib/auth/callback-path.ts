// Where to go after signing in. The value arrives in a query string or a form anyone can write, so only a path on
// this site is taken: an absolute URL, a protocol-relative "//host" or "/\host" (browsers read a backslash as a
// slash), or anything that parses to another origin would make sign-in an open redirect.
export const DEFAULT_AFTER_SIGN_IN = "/keys";

const BASE = "http://switchyard.invalid";

/** The path, normalised ("/usage?days=7"), when it is a page of this site; otherwise the dashboard. */
export function safeCallbackPath(value: unknown): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate !== "string" || candidate.length > 1_000) return DEFAULT_AFTER_SIGN_IN;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  // URL parsing drops tabs and new lines, which could turn "/\t/host" into "//host": refuse control characters.
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return DEFAULT_AFTER_SIGN_IN;
  const url = new URL(candidate, BASE);
  if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
  // Not an API route (a sign-out link, say), and not the sign-in pages, which would send a signed-in visitor in a loop.
  if (url.pathname.startsWith("/api/") || url.pathname === "/signin" || url.pathname.startsWith("/signin/")) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}
