// "Test connection": the upstream's GET /models, sent the way the provider's adapter authenticates (Bearer, x-api-key,
// x-goog-api-key), with one chosen key. Answers the models listed, or the upstream's exact error, never the key. A 3xx
// is an error like any other: redirects are not followed.
import "../../server-only";
import { db } from "../../db/client";
import { adapterFor, type ProviderKindName } from "../../gateway/providers/registry";
import type { NetworkReach } from "../../security/network-guard";
import { sendUpstream, UpstreamFailure } from "../../gateway/upstream-client";
import { storedKeySecret } from "../../security/stored-key-secret";
import { redactSecret, upstreamModelIds } from "./upstream-models";

const TEST_TIMEOUT_MS = 5_000;

export type ConnectionResult = { ok: true; models: string[] } | { ok: false; status: number | null; message: string };

/** With `keyId` null, the provider's first enabled key (or none, for a keyless local server). */
export async function testProviderConnection(providerId: string, keyId: string | null): Promise<ConnectionResult> {
  const provider = await db().provider.findUnique({
    where: { id: providerId },
    include: { keys: { orderBy: { createdAt: "asc" } } },
  });
  if (!provider) return { ok: false, status: null, message: `unknown provider '${providerId}'` };
  const key = keyId
    ? provider.keys.find((candidate) => candidate.id === keyId)
    : (provider.keys.find((candidate) => candidate.enabled) ?? provider.keys[0]);
  if (keyId && !key) return { ok: false, status: null, message: "that key does not belong to this provider" };
  let secret: string | null = null;
  try {
    secret = key ? storedKeySecret(key) : null;
  } catch {
    return { ok: false, status: null, message: "this key cannot be decrypted with this instance's ENCRYPTION_KEY" };
  }
  return listUpstreamModels({ providerId: provider.id, kind: provider.kind, baseUrl: provider.baseUrl, secret }, "any");
}

/** Where a model listing goes: the provider's family decides how the key is sent. */
export interface ListingTarget {
  providerId: string;
  kind: ProviderKindName;
  baseUrl: string;
  secret: string | null;
}

/**
 * The upstream's GET /models with one key: the operator's connection test and a customer's own (BYO, with `reach`
 * "public" so that a customer's base URL cannot reach a private address).
 */
export async function listUpstreamModels(target: ListingTarget, reach: NetworkReach): Promise<ConnectionResult> {
  const { secret } = target;
  const upstream = adapterFor(target.providerId, target.kind).buildKeyCheckRequest({
    baseUrl: target.baseUrl.replace(/\/+$/, ""),
    apiKey: secret,
  });
  // The adapters' key check asks for one model (it only needs a yes); the console wants the whole list.
  const url = new URL(upstream.url);
  url.searchParams.delete("limit");
  url.searchParams.delete("pageSize");
  if (target.kind === "anthropic") url.searchParams.set("limit", "1000");
  if (target.kind === "gemini") url.searchParams.set("pageSize", "1000");
  try {
    const response = await sendUpstream(
      { ...upstream, url: url.toString() },
      {
        signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
        headersTimeoutMs: TEST_TIMEOUT_MS,
        bodyTimeoutMs: TEST_TIMEOUT_MS,
        reach,
      },
    );
    const text = await response.body.text();
    if (response.status < 200 || response.status >= 300) {
      return { ok: false, status: response.status, message: redactSecret(text.slice(0, 2_000), secret) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const models = upstreamModelIds(json);
    if (!models)
      return {
        ok: false,
        status: response.status,
        message: `the answer is not a model list: ${redactSecret(text.slice(0, 300), secret)}`,
      };
    return { ok: true, models };
  } catch (error) {
    if (error instanceof UpstreamFailure && error.kind !== "connection")
      return { ok: false, status: null, message: `no answer from ${url.origin} within ${TEST_TIMEOUT_MS / 1000} s` };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, message: redactSecret(message, secret) };
  }
}
