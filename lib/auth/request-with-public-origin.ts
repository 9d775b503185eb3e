// Auth.js builds its callback and redirect URLs from request.url. Next's NextRequest rewrites a loopback host
// (127.0.0.1, [::1]) to "localhost", so a sign-in link opened on 127.0.0.1 would redirect to another origin, where
// the session cookie does not exist. The origin the browser used is in x-forwarded-host/-proto, which Next (or
// Vercel) fills from the Host header — the same trust `trustHost: true` already places in it. A plain Request keeps
// the URL as given.
import type { NextRequest } from "next/server";
import { requestHost } from "../site-origin";

export function requestWithPublicOrigin(request: NextRequest): NextRequest {
  const seen = requestHost((name) => request.headers.get(name));
  if (!seen) return request;
  const url = new URL(request.url);
  const origin = `${seen.https ? "https:" : url.protocol}//${seen.host}`;
  if (url.origin === origin) return request;
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers };
  if (request.method !== "GET" && request.method !== "HEAD") {
    init.body = request.body;
    init.duplex = "half";
  }
  // next-auth reads only url, method, headers and body (and nextUrl only when AUTH_URL is set, which skips this).
  return new Request(`${origin}${url.pathname}${url.search}`, init) as unknown as NextRequest;
}
