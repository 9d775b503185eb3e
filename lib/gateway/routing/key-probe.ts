// A probe of one provider key with a request of our own, so that whether the key works is decided by evidence about
// the key alone, never by what a customer's request contained. "auth" lists the upstream's models (is the key
// accepted at all?); "credit" asks one token of a chat model (does its account still pay?).
import "../../server-only";
import type { ProviderKindName } from "../providers/registry";
import { adapterFor } from "../providers/registry";
import type { ProviderAdapter, UpstreamRequest } from "../providers/types";
import type { ChatRequestBody } from "../schemas/chat";
import { sendUpstream } from "../upstream-client";
import { failureFromAnswer } from "./attempt-failure";
import { retryAfterMs } from "./dispatch";

export type ProbeKind = "auth" | "credit";

export interface ProbeTarget {
  providerId: string;
  providerKind: ProviderKindName;
  baseUrl: string;
  secret: string;
}

export type ProbeResult =
  | { outcome: "works" }
  /** The upstream refused the key itself: what it said, for the operator. */
  | { outcome: "refused"; message: string }
  /** The probe could not tell (the upstream was down, slow or busy). */
  | { outcome: "inconclusive"; message: string };

const PROBE_TIMEOUT_MS = 10_000;

function probeRequest(
  adapter: ProviderAdapter,
  target: ProbeTarget,
  kind: ProbeKind,
  upstreamModel: string | null,
): UpstreamRequest {
  const base = { baseUrl: target.baseUrl, apiKey: target.secret };
  if (kind === "auth" || upstreamModel === null) return adapter.buildKeyCheckRequest(base);
  const body = {
    model: upstreamModel,
    messages: [{ role: "user", content: "ping" }],
    max_tokens: 1,
  } as ChatRequestBody;
  return adapter.buildChatRequest({ ...base, upstreamModel, body, stream: false });
}

export async function probeKey(
  target: ProbeTarget,
  kind: ProbeKind,
  upstreamModel: string | null,
): Promise<ProbeResult> {
  const adapter = adapterFor(target.providerId, target.providerKind);
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    const request = probeRequest(adapter, target, kind, upstreamModel);
    const response = await sendUpstream(request, {
      signal,
      headersTimeoutMs: PROBE_TIMEOUT_MS,
      bodyTimeoutMs: PROBE_TIMEOUT_MS,
    });
    const text = await response.body.text();
    if (response.status >= 200 && response.status < 300) return { outcome: "works" };
    const failure = failureFromAnswer(
      response.status,
      adapter.parseError(response.status, text),
      retryAfterMs(response),
    );
    if (failure.kind === "key_refused") return { outcome: "refused", message: failure.message };
    // Our own probe refused for its content (a model that wants other parameters, say): the key was accepted.
    if (failure.kind === "request" || failure.kind === "not_served") return { outcome: "works" };
    return { outcome: "inconclusive", message: failure.message };
  } catch (error) {
    return { outcome: "inconclusive", message: error instanceof Error ? error.message : String(error) };
  }
}
