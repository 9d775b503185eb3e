// Where to go after signing in: a path on this site the visitor asked for, never another origin.
export const DEFAULT_AFTER_SIGN_IN = "/keys";

/** The path when it is a same-site path ("/usage?days=7"); otherwise the dashboard. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 1_000) return DEFAULT_AFTER_SIGN_IN;
  // "//host" and "/\host" are read by browsers as another origin; control characters have no place in a path.
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  const url = new URL(value, "http://localhost");
  if (url.origin !== "http://localhost" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}`;
}
