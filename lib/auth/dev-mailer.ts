// Without EMAIL_SERVER (a developer machine) sign-in mail is not sent: the link goes to the server log and is
// kept here, per address, so the check-email page can show it to a visitor on loopback.
import "../server-only";
import { log } from "../log";

export interface DevSignInLink {
  email: string;
  url: string;
  createdAt: number;
}

const KEEP_MS = 10 * 60_000;

// On globalThis: the auth route handler and the check-email page may be separate module instances in one process.
const shared = globalThis as { switchyardDevLinks?: Map<string, DevSignInLink> };
shared.switchyardDevLinks ??= new Map();
const store = shared.switchyardDevLinks;

/** The logger redacts `token=` query values; spelling the name percent-encoded keeps the link usable and unredacted. */
function unredactedLink(url: string): string {
  return url.replace(/([?&])token=/, "$1%74oken=");
}

export function recordDevSignInLink(email: string, url: string): void {
  store.set(email.toLowerCase(), { email, url, createdAt: Date.now() });
  log.info("sign-in link (EMAIL_SERVER is unset, so no mail was sent)", { email, url: unredactedLink(url) });
}

/** The fresh link of one address (the one this browser asked for), if there is one. */
export function devSignInLinkFor(email: string): DevSignInLink | undefined {
  const link = store.get(email.toLowerCase());
  return link && Date.now() - link.createdAt <= KEEP_MS ? link : undefined;
}

/** The most recent links still fresh, newest first. */
export function recentDevSignInLinks(limit = 5): DevSignInLink[] {
  const now = Date.now();
  for (const [email, link] of store) if (now - link.createdAt > KEEP_MS) store.delete(email);
  return [...store.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}
