// Next 16 middleware: signed-out visitors to dashboard pages go to /signin. A cheap cookie check only — the pages
// verify the session against the database. The matcher lists dashboard pages alone, so /v1, /api/status and
// /api/stripe never run this, and /usage/export (a download, not a page) answers 401 itself.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  // A server action posted from a page whose session has since ended: the action says so itself. A redirect here
  // would reach the page's action call as an answer it cannot read, and the page would break.
  if (request.method === "POST" && request.headers.has("next-action")) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?${new URLSearchParams({ callbackUrl: `${request.nextUrl.pathname}${request.nextUrl.search}` })}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/keys/:path*", "/usage", "/billing/:path*"] };
