// Gemini's error bodies (google.rpc.Status: {"error": {code, message, status, details}}) → message + key health.
import type { UpstreamErrorInfo } from "../types";
import { geminiErrorBodySchema, type GeminiErrorBody } from "./gemini-api";

type GeminiError = GeminiErrorBody["error"];

function readGeminiError(bodyText: string): GeminiError | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  // Some Google front ends wrap the status in a one-element array.
  const candidate = Array.isArray(json) ? json[0] : json;
  const parsed = geminiErrorBodySchema.safeParse(candidate);
  return parsed.success ? parsed.data.error : undefined;
}

/** ErrorInfo reasons that mean the key itself cannot be used, whatever the request. */
const DEAD_KEY_REASONS = new Set(["API_KEY_INVALID", "API_KEY_EXPIRED", "API_KEY_SERVICE_BLOCKED", "BILLING_DISABLED", "CONSUMER_SUSPENDED"]);

/** Wording Google uses when money, not request rate, is the limit. "check your plan and billing details" is absent on
 * purpose: it ends every 429, the per-minute ones included. */
const BILLING_EXHAUSTED_PATTERN = /credits? (?:are|is|have been) (?:depleted|exhausted)|prepayment|enable billing|billing (?:is )?(?:not enabled|disabled)|billing account/i;

/**
 * Whether the key should be taken out of rotation like a 401 (UpstreamErrorInfo.quotaExhausted). A plain rate
 * limit is not: it clears within a minute and the gateway already backs off on 429. It is when:
 * - a QuotaFailure names a daily quota (quotaId …PerDay…): the key is done until Google's day rolls over;
 * - the message says prepaid credit is used up or billing is off;
 * - an ErrorInfo reason says the key is unusable. Gemini answers a bad or expired key with 400 INVALID_ARGUMENT
 *   (reason API_KEY_INVALID), not 401, so without this the gateway would blame the client's request and not fail over;
 * - the status is FAILED_PRECONDITION (400): Google's answer when the project cannot serve at all, e.g. the free
 *   tier in an unsupported region, which says nothing about the request.
 */
function isKeyExhausted(error: GeminiError): boolean {
  const details = error.details ?? [];
  if (details.some((detail) => detail.reason !== undefined && DEAD_KEY_REASONS.has(detail.reason))) return true;
  const quotaIds = details.flatMap((detail) => detail.violations ?? []).map((violation) => violation.quotaId ?? "");
  if (quotaIds.some((quotaId) => /PerDay|Daily/i.test(quotaId))) return true;
  if (error.status === "FAILED_PRECONDITION") return true;
  return BILLING_EXHAUSTED_PATTERN.test(error.message ?? "");
}

export function parseGeminiError(status: number, bodyText: string): UpstreamErrorInfo {
  const error = readGeminiError(bodyText);
  if (!error) return { message: bodyText.trim().slice(0, 500) || `HTTP ${status}` };
  return { message: error.message || error.status || `HTTP ${status}`, quotaExhausted: isKeyExhausted(error) };
}
