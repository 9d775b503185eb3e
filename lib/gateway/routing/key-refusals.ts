// A key the upstream refused (401/403, or out of credit) is not tried again for that request. Whether it leaves
// service for everyone is decided by a probe of our own (key-probe.ts), not by the refused request: a request can
// earn a 403 for what it contains (Gemini refuses a fileUri from another project), and one customer's request must
// never switch a provider off for every customer. Probes of one key are at most one per 30 s, so a
// stream of refused requests cannot turn into a stream of probes.
import "../../server-only";
import { env } from "../../env";
import { log } from "../../log";
import type { AttemptFailure } from "./attempt-failure";
import type { Candidate } from "./candidates";
import { probeKey, type ProbeKind } from "./key-probe";
import { takeKeyOut } from "./take-key-out";

/** At most one probe of a key per 30 s (sooner when re-tests are set to come sooner, as in tests). */
const confirmEveryMs = () => Math.min(30_000, env().KEY_RETEST_MS);

const lastConfirmation = new Map<string, number>();
const pending = new Set<Promise<void>>();

export function reportKeyRefusal(
  candidate: Candidate,
  failure: Extract<AttemptFailure, { kind: "key_refused" }>,
): void {
  const { key, deployment, model } = candidate;
  // A keyless local server has no key to be wrong. A customer's own key (BYO) is the customer's business: it is left
  // out of this request only, and nothing of ours probes the customer's endpoint or changes shared state for it.
  if (key.secret === null || deployment.provider.owner === "account") return;
  const now = Date.now();
  if (now - (lastConfirmation.get(key.id) ?? 0) < confirmEveryMs()) return;
  lastConfirmation.set(key.id, now);
  const kind: ProbeKind = failure.verdict === "key_exhausted" ? "credit" : "auth";
  const probeModel = model.kind === "chat" ? deployment.upstreamModel : null;
  const { provider } = deployment;
  const target = {
    providerId: provider.id,
    providerKind: provider.kind,
    baseUrl: provider.baseUrl,
    secret: key.secret,
  };
  const confirmation = probeKey(target, kind, probeModel).then((result) => {
    if (result.outcome === "refused") {
      takeKeyOut({
        keyId: key.id,
        providerId: provider.id,
        reason: `${failure.message} (confirmed by a probe: ${result.message})`,
        kind,
        probeModel,
      });
    } else {
      log.info("a provider key's refusal was not confirmed by a probe; it stays in service", {
        providerId: provider.id,
        keyId: key.id,
        refusal: failure.message,
        probe: result,
      });
    }
  });
  pending.add(confirmation);
  void confirmation.finally(() => pending.delete(confirmation));
}

/** For tests: waits for the probes under way. */
export async function settleKeyRefusalsForTests(): Promise<void> {
  await Promise.all([...pending]);
}

export function resetKeyRefusalsForTests(): void {
  lastConfirmation.clear();
}
