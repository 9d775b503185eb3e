// Auth.js builds its callback and redirect URLs, and the sign-in links it mails, from request.url. With AUTH_URL set,
// next-auth replaces the request's origin with AUTH_URL's, and nothing here matters. Without it, the origin would come
// from the Host header (or x-forwarded-host), which whoever sends the request writes: only a loopback host is taken
// (see signInOrigin), and any other gets no Auth.js request at all.
// The origin is rebuilt from those headers even for loopback: Next's NextRequest rewrites 127.0.0.1 and [::1] to
// "localhost", and a sign-in link opened on 127.0.0.1 would then land on another origin, without the session cookie.
import type { NextRequest } from "next/server";
import { env } from "../env";
import { signInOrigin } from "./sign-in-origin";

/** The request as Auth.js should see it, or undefined when its host may not be used to build links. */
export function requestWithTrustedOrigin(request: NextRequest): NextRequest | undefined {
  if (env().AUTH_URL) return request;
  const origin = signInOrigin((name) => request.headers.get(name));
  if (!origin) return undefined;
  const url = new URL(request.url);
  if (url.origin === origin) return request;
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers };
  if (request.method !== "GET" && request.method !== "HEAD") {
    init.body = request.body;
    init.duplex = "half";
  }
  // next-auth reads only url, method, headers and body (and nextUrl only when AUTH_URL is set, which returns above).
  return new Request(`${origin}${url.pathname}${url.search}`, init) as unknown as NextRequest;
}
