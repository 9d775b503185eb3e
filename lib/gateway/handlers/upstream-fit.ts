// What a request is made to fit its upstream, and how the client is told: `max_tokens` above the model's catalog
// output cap is lowered to the cap (an upstream refuses it, on a shared key, after the request was paid for), and the
// fields an upstream does not take are dropped. Two response headers say so.
import type { CatalogModel } from "../../catalog/catalog";
import { adapterFor } from "../providers/registry";
import { noteDroppedParams, unreadParams } from "../providers/upstream-params";
import type { Candidate } from "../routing/candidates";

export const MAX_TOKENS_CLAMPED_HEADER = "x-switchyard-max-tokens-clamped";

/** The fields that carry an output limit: chat has two, the Messages API and legacy completions one. */
const LIMIT_FIELDS = ["max_tokens", "max_completion_tokens"] as const;

/** The body with its output limit lowered to the model's cap, and the cap when it was lowered. */
export function clampOutputTokens<Body extends Record<string, unknown>>(
  body: Body,
  model: CatalogModel,
): { body: Body; clampedTo?: number } {
  const cap = model.maxOutputTokens;
  if (!cap) return { body };
  let clamped: Body | undefined;
  for (const field of LIMIT_FIELDS) {
    const value = body[field];
    if (typeof value === "number" && value > cap) {
      clamped ??= { ...body };
      (clamped as Record<string, unknown>)[field] = cap;
    }
  }
  return clamped ? { body: clamped, clampedTo: cap } : { body };
}

/** Sets (or clears, for a request served by another candidate) the clamp header. */
export function noteClamp(headers: Headers, clampedTo: number | undefined): void {
  if (clampedTo === undefined) headers.delete(MAX_TOKENS_CLAMPED_HEADER);
  else headers.set(MAX_TOKENS_CLAMPED_HEADER, String(clampedTo));
}

/**
 * The headers of a chat request served by `candidate`: its clamp, and every field that did not reach the upstream
 * (`alsoDropped`: those dropped before, in a translation or by the provider object).
 */
export function noteChatFit(
  headers: Headers,
  candidate: Candidate,
  body: Record<string, unknown>,
  alsoDropped: string[],
): void {
  const { provider } = candidate.deployment;
  const adapter = adapterFor(provider.id, provider.kind);
  noteDroppedParams(headers, [...alsoDropped, ...unreadParams(body, adapter.chatParams)]);
  noteClamp(headers, clampOutputTokens(body, candidate.model).clampedTo);
}
