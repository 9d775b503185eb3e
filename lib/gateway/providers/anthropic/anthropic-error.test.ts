import { describe, expect, it } from "vitest";
import { readFixture } from "./__fixtures__/read-fixture";
import { parseAnthropicError } from "./anthropic-error";

describe("parseAnthropicError", () => {
  it.each([
    [400, "error-400-invalid-request.json", "messages.1.content.0.tool_result: unexpected `tool_use_id` found"],
    [401, "error-401-authentication.json", "invalid x-api-key"],
    [429, "error-429-rate-limit.json", "This request would exceed the rate limit"],
    [529, "error-529-overloaded.json", "Overloaded"],
  ])("reads the message of a %i body", (status, fixture, message) => {
    const info = parseAnthropicError(status, readFixture(fixture));
    expect(info.message).toContain(message);
    expect(info.quotaExhausted).toBe(false);
  });

  it("says the key is out of credit when Anthropic reports a low credit balance", () => {
    const info = parseAnthropicError(400, readFixture("error-400-credit-balance.json"));
    expect(info.message).toMatch(/^Your credit balance is too low/);
    expect(info.quotaExhausted).toBe(true);
  });

  it("says the key is out of credit on a billing_error", () => {
    const body = JSON.stringify({ type: "error", error: { type: "billing_error", message: "Payment required" } });
    expect(parseAnthropicError(402, body).quotaExhausted).toBe(true);
  });

  it("keeps a body that is not JSON, or falls back to the status", () => {
    expect(parseAnthropicError(502, "<html>Bad Gateway</html>").message).toBe("<html>Bad Gateway</html>");
    expect(parseAnthropicError(503, "").message).toBe("HTTP 503");
  });
});
