// Next 16 middleware, on pages only (the matcher leaves out /v1, /api and static files, so the data plane never runs
// it): each page gets a fresh CSP nonce, which Next reads from the request's Content-Security-Policy header and puts on
// its scripts (every page renders per request, so each sees its own); and signed-out visitors to dashboard pages go to
// /signin. The session check is a cheap cookie test only — the pages verify the session against the database.
import { NextResponse, type NextRequest } from "next/server";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_HEADER } from "./i18n/locales";
import { newNonce, pageContentSecurityPolicy } from "./lib/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const DASHBOARD = /^\/(?:keys(?:\/|$)|usage$|billing(?:\/|$)|playground$|welcome$|providers(?:\/|$)|admin(?:\/|$))/;

export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  const response = signInRedirect(request) ?? pageWithPolicy(request, policy);
  response.headers.set("content-security-policy", policy);
  return response;
}

/**
 * The page, with its policy on the request for Next to read. A language named in the URL (`?lang=vi`) is used for this
 * render (i18n/request.ts reads the header) and remembered in a cookie for the pages after it.
 */
function pageWithPolicy(request: NextRequest, policy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.delete(LOCALE_HEADER);
  const lang = request.nextUrl.searchParams.get("lang");
  if (isLocale(lang)) headers.set(LOCALE_HEADER, lang);
  const response = NextResponse.next({ request: { headers } });
  if (isLocale(lang) && request.cookies.get(LOCALE_COOKIE)?.value !== lang) {
    response.cookies.set(LOCALE_COOKIE, lang, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: "lax" });
  }
  return response;
}

/** A signed-out visitor to a dashboard page goes to /signin, and back once signed in. */
function signInRedirect(request: NextRequest): NextResponse | undefined {
  if (!DASHBOARD.test(request.nextUrl.pathname)) return undefined;
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return undefined;
  // A server action posted from a page whose session has since ended: the action says so itself. A redirect here
  // would reach the page's action call as an answer it cannot read, and the page would break.
  if (request.method === "POST" && request.headers.has("next-action")) return undefined;
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?${new URLSearchParams({ callbackUrl: `${request.nextUrl.pathname}${request.nextUrl.search}` })}`;
  return NextResponse.redirect(url);
}

// Everything but the API (/v1 is the hot path; /api answers JSON) and build assets; next.config.ts gives those their
// static headers.
export const config = { matcher: ["/((?!v1(?:/|$)|api/|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)"] };
