import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGeminiError } from "./gemini-error";

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
}

describe("Gemini error bodies", () => {
  it.each([
    ["error-400-invalid-argument.json", 400, /^Invalid JSON payload received\. Unknown name "additionalProperties"/],
    ["error-403-file-permission.json", 403, /^You do not have permission to access the File/],
    ["error-429-rate-limit.json", 429, /^You exceeded your current quota/],
    ["error-429-plain.json", 429, /^Resource has been exhausted/],
    ["error-500-internal.json", 500, /^An internal error has occurred/],
    ["error-503-unavailable.json", 503, /^The model is overloaded/],
  ])(
    "%s: reads the message; a request error, a file the request named, a per-minute limit or an outage says nothing about the key",
    (name, status, message) => {
      const info = parseGeminiError(status, fixture(name));
      expect(info.message).toMatch(message);
      expect(info.keyVerdict).toBeUndefined();
    },
  );

  it("says the key is invalid when Google reports it leaked", () => {
    expect(parseGeminiError(403, fixture("error-403-permission-denied.json")).keyVerdict).toBe("key_invalid");
  });

  it("takes the key out when a daily quota is spent (same message as a per-minute limit; the quotaId tells them apart)", () => {
    expect(parseGeminiError(429, fixture("error-429-daily-quota.json"))).toEqual({
      message:
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
      keyVerdict: "key_exhausted",
    });
  });

  it("takes the key out when Gemini answers 400 for the key itself", () => {
    expect(parseGeminiError(400, fixture("error-400-api-key-invalid.json"))).toEqual({
      message: "API key not valid. Please pass a valid API key.",
      keyVerdict: "key_invalid",
    });
    expect(parseGeminiError(400, fixture("error-400-failed-precondition.json")).keyVerdict).toBe("key_exhausted");
  });

  it("takes the key out when prepaid credit or billing is the limit", () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: "Your prepayment credits are depleted. Please go to AI Studio to manage your project and billing.",
        status: "RESOURCE_EXHAUSTED",
      },
    });
    expect(parseGeminiError(429, body).keyVerdict).toBe("key_exhausted");
  });

  it("reads an error wrapped in an array, and falls back to the text when the body is not Google's envelope", () => {
    expect(parseGeminiError(503, `[${fixture("error-503-unavailable.json")}]`).message).toBe(
      "The model is overloaded. Please try again later.",
    );
    expect(parseGeminiError(502, "<html>Bad Gateway</html>")).toEqual({ message: "<html>Bad Gateway</html>" });
    expect(parseGeminiError(500, fixture("error-500-internal.json")).keyVerdict).toBeUndefined();
    expect(parseGeminiError(504, "")).toEqual({ message: "HTTP 504" });
  });
});
