import { describe, expect, it } from "vitest";
import { parseOpenAICompatibleError } from "./openai-compatible-error";

const openAIError = (message: string, code: string | null, type = "invalid_request_error") =>
  JSON.stringify({ error: { message, type, param: null, code } });

describe("parseOpenAICompatibleError", () => {
  it("says the key is invalid for OpenAI's invalid_api_key and vendors' wording of a bad key on 401", () => {
    const openai = openAIError("Incorrect API key provided: sk-test-****.", "invalid_api_key");
    expect(parseOpenAICompatibleError(401, openai).keyVerdict).toBe("key_invalid");
    const deepseek = JSON.stringify({
      error: {
        message: "Authentication Fails (no such user)",
        type: "authentication_error",
        code: "invalid_request_error",
      },
    });
    expect(parseOpenAICompatibleError(401, deepseek).keyVerdict).toBe("key_invalid");
  });

  it("says the key is exhausted for insufficient_quota and a 402", () => {
    const quota = openAIError(
      "You exceeded your current quota, please check your plan and billing details.",
      "insufficient_quota",
      "insufficient_quota",
    );
    expect(parseOpenAICompatibleError(429, quota).keyVerdict).toBe("key_exhausted");
    expect(
      parseOpenAICompatibleError(402, JSON.stringify({ error: { message: "Insufficient Balance" } })).keyVerdict,
    ).toBe("key_exhausted");
  });

  it("says nothing about the key when only the message, which can echo the request, mentions quota or keys", () => {
    const echoed = openAIError("Unrecognized request argument supplied: insufficient_quota", null);
    expect(parseOpenAICompatibleError(400, echoed).keyVerdict).toBeUndefined();
    const permission = openAIError("Project does not have access to model gpt-4o", "model_not_found");
    expect(parseOpenAICompatibleError(403, permission).keyVerdict).toBeUndefined();
    const unexplained = JSON.stringify({ error: "Unauthorized" });
    expect(parseOpenAICompatibleError(401, unexplained)).toEqual({ message: "Unauthorized" });
  });

  it("marks a 429 for a request over the per-minute token limit as the request's own doing", () => {
    const tooLarge = openAIError(
      "Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 52000.",
      "rate_limit_exceeded",
      "tokens",
    );
    expect(parseOpenAICompatibleError(429, tooLarge)).toMatchObject({ causedByRequest: true });
    expect(
      parseOpenAICompatibleError(429, openAIError("Rate limit reached", "rate_limit_exceeded")).causedByRequest,
    ).toBeUndefined();
  });

  it("keeps a body that is not JSON, or falls back to the status", () => {
    expect(parseOpenAICompatibleError(502, "<html>Bad Gateway</html>").message).toBe("<html>Bad Gateway</html>");
    expect(parseOpenAICompatibleError(503, "").message).toBe("HTTP 503");
  });
});
