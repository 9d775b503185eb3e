// Who a playground request acts for: the signed-in user, through their playground key (playground-key.ts), from a page
// of this site only. Then the key's own guardrails and rate limits apply, as to any request with that key.
import "../server-only";
import { env } from "../env";
import { checkKeyGuardrails } from "../gateway/auth";
import { GatewayError } from "../gateway/errors";
import { keyRequestLimits } from "../gateway/key-rate-limits";
import type { Admission } from "../gateway/pipeline";
import { playgroundPrincipal } from "./playground-key";
import { isSameOrigin } from "./same-origin";

/** `currentUserId` reads the session (lib/auth/session.ts in the app; a stand-in in tests). */
export function admitSession(currentUserId: () => Promise<string | undefined>): Admission {
  return async (request, clientIp, headers) => {
    // Checked before the session is read: a forged request learns nothing and costs no query.
    if (!isSameOrigin((name) => request.headers.get(name), env().AUTH_URL)) {
      throw new GatewayError(
        "cross_origin_request",
        "The playground serves pages of this site only: the request's Origin header must be this site",
      );
    }
    const userId = await currentUserId();
    if (!userId) throw new GatewayError("session_required", "Sign in to use the playground");
    const principal = await playgroundPrincipal(userId);
    checkKeyGuardrails(principal, clientIp);
    return { principal, limits: keyRequestLimits(principal, headers) };
  };
}
