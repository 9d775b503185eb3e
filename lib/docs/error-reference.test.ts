import { describe, expect, it } from "vitest";
import { ERROR_TABLE, GatewayError, toOpenAIError } from "../gateway/errors";
import errorsEn from "../../messages/en/docs-errors.json";
import errorsVi from "../../messages/vi/docs-errors.json";
import { errorReference, errorStatuses } from "./error-reference";

const LANGUAGES = { en: errorsEn.codes, vi: errorsVi.codes } as Record<
  string,
  Record<string, { cause?: string; fix?: string } | undefined>
>;

describe("the errors page's reference", () => {
  const rows = errorReference();
  const gatewayCodes = Object.keys(ERROR_TABLE);

  it("lists every code the gateway's error table can produce, once, with the table's status and type", () => {
    expect(rows.map((row) => row.code).sort()).toEqual([...gatewayCodes].sort());
    for (const row of rows) {
      const error = new GatewayError(row.code, "x");
      expect(row.status).toBe(error.status);
      expect(row.type).toBe(toOpenAIError(error).error.type);
    }
  });

  it("documents the cause and the fix of every code, in English and Vietnamese", () => {
    for (const [language, codes] of Object.entries(LANGUAGES)) {
      const undocumented = gatewayCodes.filter((code) => !codes[code]?.cause?.trim() || !codes[code]?.fix?.trim());
      expect(undocumented, `codes without a cause and a fix in messages/${language}/docs-errors.json`).toEqual([]);
    }
    for (const code of gatewayCodes) {
      expect(LANGUAGES.vi[code]?.cause, `${code}: the Vietnamese cause is a translation`).not.toBe(
        LANGUAGES.en[code]?.cause,
      );
    }
  });

  it("documents no code the gateway cannot send", () => {
    for (const [language, codes] of Object.entries(LANGUAGES)) {
      const unknown = Object.keys(codes).filter((code) => !gatewayCodes.includes(code));
      expect(unknown, `codes in messages/${language}/docs-errors.json that the gateway never sends`).toEqual([]);
    }
  });

  it("orders rows by status and lists each status once in the summary", () => {
    const statuses = rows.map((row) => row.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    expect(errorStatuses()).toEqual([...new Set(statuses)]);
  });

  it("says Retry-After exactly where the gateway sends it", () => {
    const withHeader = rows.filter((row) => row.retryAfterHeader).map((row) => row.code);
    expect(withHeader.sort()).toEqual(["concurrency_limit_exceeded", "overloaded", "rate_limit_exceeded"]);
    for (const row of rows) {
      if (row.status === 429 || row.status === 503) expect(row.retry).toBe("after-retry-after");
      if (row.status === 400 || row.status === 404 || row.status === 413) expect(row.retry).toBe("fix-request");
      if ([401, 402, 403].includes(row.status) && row.scope === "api") expect(row.retry).toBe("fix-account");
    }
  });

  it("gives /v1/messages Anthropic's error types by status", () => {
    const byCode = Object.fromEntries(rows.map((row) => [row.code, row.anthropicType]));
    expect(byCode.invalid_api_key).toBe("authentication_error");
    expect(byCode.insufficient_credits).toBe("invalid_request_error");
    expect(byCode.rate_limit_exceeded).toBe("rate_limit_error");
    expect(byCode.overloaded).toBe("overloaded_error");
    expect(byCode.upstream_error).toBe("api_error");
  });
});
