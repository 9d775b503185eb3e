// For pages anyone may see (the landing page, the 404): whether this visitor has a session, so that they offer the
// dashboard rather than sign-in. Such a page still renders, as for a visitor signed out, when the session cannot be
// read (the database is down).
import "./server-only";
import { unstable_rethrow } from "next/navigation";
import { currentUserId } from "./auth/session";
import { log } from "./log";

export async function isSignedIn(): Promise<boolean> {
  try {
    return (await currentUserId()) !== undefined;
  } catch (error) {
    // Next's own signals (this page is dynamic, a redirect) pass through.
    unstable_rethrow(error);
    log.warn("session lookup failed on a public page", { error });
    return false;
  }
}

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * For the public site's header: whether this visitor carries a session cookie, without asking the database (public
 * pages make no query per view). An expired session still shows "Dashboard", whose page then asks them to sign in.
 */
export async function hasSessionCookie(): Promise<boolean> {
  const { cookies } = await import("next/headers");
  const jar = await cookies();
  return SESSION_COOKIES.some((name) => jar.has(name));
}
