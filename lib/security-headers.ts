// The browser-facing security headers, in one place: next.config.ts sets the static ones on every answer (the /v1 hot
// path included, at no cost per request beyond Next's header matching), proxy.ts sets each page's nonce-based
// Content-Security-Policy. No Next or Node imports: next.config.ts and proxy.ts both load this file.

export interface HeaderPair {
  key: string;
  value: string;
}

/** Every answer: never sniffed into another type, never framed (older browsers), no full URLs leaked to other sites. */
export const STATIC_SECURITY_HEADERS: HeaderPair[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** JSON and redirects (/v1, /api): nothing in them may load, run or be framed. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Two years, as the HSTS preload list asks; sent only on answers that came over TLS. */
export const STRICT_TRANSPORT_SECURITY: HeaderPair = {
  key: "Strict-Transport-Security",
  value: "max-age=63072000; includeSubDomains",
};

/** A fresh, unguessable nonce per page: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy of one page. Next reads the nonce from this header on the request and puts it on its own inline and
 * framework scripts; 'strict-dynamic' lets those load the page's chunks, and nothing else runs. Styles: the Tailwind
 * stylesheet is same-origin, Next's inline <style> elements carry the nonce, and style attributes (charts, bars sized
 * by React) are allowed by style-src-attr, since an attribute cannot select and exfiltrate the way a stylesheet can.
 * Forms post here, or to where sign-in and Checkout continue when JavaScript is off (GitHub, Stripe).
 */
export function pageContentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production needs no eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self' https://github.com https://checkout.stripe.com",
    "frame-ancestors 'none'",
  ].join("; ");
}
