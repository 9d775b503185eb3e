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
const INVALID_KEY_REASONS = new Set([
  "API_KEY_INVALID",
  "API_KEY_EXPIRED",
  "API_KEY_SERVICE_BLOCKED",
  "CONSUMER_SUSPENDED",
]);

/** Wording Google uses when money, not request rate, is the limit. "check your plan and billing details" is absent on
 * purpose: it ends every 429, the per-minute ones included. */
const BILLING_EXHAUSTED_PATTERN =
  /credits? (?:are|is|have been) (?:depleted|exhausted)|prepayment|enable billing|billing (?:is )?(?:not enabled|disabled)|billing account/i;

/**
 * What the error says about the key (UpstreamErrorInfo.keyVerdict). A plain rate limit says nothing: it clears within
 * a minute and the gateway already backs off on 429. Neither does a PERMISSION_DENIED about a file or a resource the
 * request named. The key is invalid when an ErrorInfo reason says so (Gemini answers a bad or expired key with 400
 * INVALID_ARGUMENT, reason API_KEY_INVALID, not 401) or Google reports it leaked; it is exhausted when:
 * - a QuotaFailure names a daily quota (quotaId …PerDay…): the key is done until Google's day rolls over;
 * - the reason is BILLING_DISABLED, or the message says prepaid credit is used up or billing is off;
 * - the status is FAILED_PRECONDITION (400): Google's answer when the project cannot serve at all, e.g. the free
 *   tier in an unsupported region, which says nothing about the request.
 */
function keyVerdictOf(status: number, error: GeminiError): UpstreamErrorInfo["keyVerdict"] {
  const details = error.details ?? [];
  const reasons = details.map((detail) => detail.reason).filter((reason) => reason !== undefined);
  if (reasons.some((reason) => INVALID_KEY_REASONS.has(reason))) return "key_invalid";
  if (status === 403 && /api key was reported as leaked/i.test(error.message ?? "")) return "key_invalid";
  if (reasons.includes("BILLING_DISABLED")) return "key_exhausted";
  const quotaIds = details.flatMap((detail) => detail.violations ?? []).map((violation) => violation.quotaId ?? "");
  if (quotaIds.some((quotaId) => /PerDay|Daily/i.test(quotaId))) return "key_exhausted";
  if (error.status === "FAILED_PRECONDITION") return "key_exhausted";
  if (status !== 400 && BILLING_EXHAUSTED_PATTERN.test(error.message ?? "")) return "key_exhausted";
  return undefined;
}

export function parseGeminiError(status: number, bodyText: string): UpstreamErrorInfo {
  const error = readGeminiError(bodyText);
  if (!error) return { message: bodyText.trim().slice(0, 500) || `HTTP ${status}` };
  return { message: error.message || error.status || `HTTP ${status}`, keyVerdict: keyVerdictOf(status, error) };
}
