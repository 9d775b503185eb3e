import { describe, expect, it } from "vitest";
import { readFixture } from "./__fixtures__/read-fixture";
import { parseAnthropicError } from "./anthropic-error";

describe("parseAnthropicError", () => {
  it.each([
    [
      400,
      "error-400-invalid-request.json",
      "messages.1.content.0.tool_result: unexpected `tool_use_id` found",
      undefined,
    ],
    [401, "error-401-authentication.json", "invalid x-api-key", "key_invalid"],
    [429, "error-429-rate-limit.json", "This request would exceed the rate limit", undefined],
    [529, "error-529-overloaded.json", "Overloaded", undefined],
  ])("reads the message of a %i body, and what it says about the key", (status, fixture, message, verdict) => {
    const info = parseAnthropicError(status, readFixture(fixture));
    expect(info.message).toContain(message);
    expect(info.keyVerdict).toBe(verdict);
  });

  it("says nothing about the key when a request's own content mentions a credit balance", () => {
    const body = JSON.stringify({
      type: "error",
      error: {
        type: "invalid_request_error",
        message: "messages.0.content: 'your credit balance is too low' is not valid here",
      },
    });
    expect(parseAnthropicError(400, body).keyVerdict).toBeUndefined();
    const permission = JSON.stringify({ type: "error", error: { type: "permission_error", message: "not allowed" } });
    expect(
      parseAnthropicError(403, permission).keyVerdict,
      "a 403 can be about what the request asked for",
    ).toBeUndefined();
  });

  it("says the key is out of credit when Anthropic reports a low credit balance", () => {
    const info = parseAnthropicError(400, readFixture("error-400-credit-balance.json"));
    expect(info.message).toMatch(/^Your credit balance is too low/);
    expect(info.keyVerdict).toBe("key_exhausted");
  });

  it("says the key is out of credit on a billing_error", () => {
    const body = JSON.stringify({ type: "error", error: { type: "billing_error", message: "Payment required" } });
    expect(parseAnthropicError(402, body).keyVerdict).toBe("key_exhausted");
  });

  it("keeps a body that is not JSON, or falls back to the status", () => {
    expect(parseAnthropicError(502, "<html>Bad Gateway</html>").message).toBe("<html>Bad Gateway</html>");
    expect(parseAnthropicError(503, "").message).toBe("HTTP 503");
  });
});
