// Where sign-in links and Auth.js's redirects may point. A link mailed to someone is followed from their inbox, so its
// host must be this site's, never one the requester wrote in a Host header: AUTH_URL when set, else only this
// machine's loopback names (a local install, whose dev mailer prints the link instead of sending it).
import { env, type Env } from "../env";
import { trustedOrigin } from "../site-origin";

/** Shown (and answered) when a sign-in is attempted through any other host name while AUTH_URL is unset. */
export const UNTRUSTED_HOST_MESSAGE =
  "Sign-in is not available at this address. This server has no AUTH_URL, so it only signs people in at localhost, " +
  "127.0.0.1 or [::1]; its operator can set AUTH_URL to the site's public origin.";

/** The origin this request's sign-in links are built from, or undefined when its host may not be used for them. */
export function signInOrigin(header: (name: string) => string | null): string | undefined {
  return trustedOrigin({ authUrl: env().AUTH_URL, header });
}

/**
 * Why this configuration must not serve sign-in, in one line; undefined when it may. Mail is sent to real inboxes
 * only with EMAIL_SERVER, and those links must not take their host from whoever asked for them.
 */
export function signInConfigProblem(config: Pick<Env, "EMAIL_SERVER" | "AUTH_URL">): string | undefined {
  if (config.EMAIL_SERVER && !config.AUTH_URL) {
    return (
      "EMAIL_SERVER is set but AUTH_URL is not: sign-in links would take their host from each request's Host " +
      "header. Set AUTH_URL to the site's public origin (e.g. https://gateway.example.com)."
    );
  }
  return undefined;
}
