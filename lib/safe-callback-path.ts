// Where a visitor may be sent back to after signing in. The value arrives in a query string anyone can write, so only
// a path on this site is taken: an absolute URL, a protocol-relative "//host" or "/\host" (browsers read a backslash
// as a slash), or anything that parses to another origin would make the sign-in page an open redirect.

const BASE = "http://switchyard.invalid";

/** The path to go to, normalised, or undefined when the value is missing or not a path on this site. */
export function safeCallbackPath(value: string | string[] | undefined): string | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return undefined;
  // URL parsing drops tabs and new lines, which could turn "/\t/host" into "//host": refuse control characters.
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return undefined;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  // Back to the sign-in page would send a signed-in visitor round in a loop.
  if (url.pathname === "/signin" || url.pathname.startsWith("/signin/")) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
