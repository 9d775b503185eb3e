import { describe, expect, it } from "vitest";
import { answerBeforeNext, answerToClientError, type EarlyAnswer } from "./answer-before-next";

function expectApiError(answer: EarlyAnswer | undefined, status: number, code: string): void {
  expect(answer?.status).toBe(status);
  expect(answer?.headers["content-type"]).toBe("application/json");
  expect(answer?.headers["x-request-id"]).toMatch(/^req_[0-9a-f]{32}$/);
  const body = JSON.parse(answer?.body ?? "") as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(body.error.code).toBe(code);
}

describe("answerBeforeNext", () => {
  it("lets Next serve ordinary requests, pages and API alike", () => {
    for (const [method, url] of [
      ["GET", "/"],
      ["POST", "/v1/chat/completions"],
      ["GET", "/v1/models/openai/gpt-4o?all=true"],
      ["OPTIONS", "/v1/models"],
      ["GET", "/v1/models/openai%2Fgpt-4o"],
      ["GET", "/v1"],
      ["GET", "/v10"],
      ["GET", "/keys?x=%ff"],
      ["GET", "/v1/models?q=%ff"],
    ]) {
      expect(answerBeforeNext(method, url), `${method} ${url}`).toBeUndefined();
    }
  });

  it.each(["TRACE", "TRACK", "PROPFIND", "MKCOL", "LOCK", "SEARCH"])("refuses %s on /v1 with a JSON 405", (method) => {
    const answer = answerBeforeNext(method, "/v1/models");
    expectApiError(answer, 405, "method_not_allowed");
    expect(answer?.headers.allow).toContain("POST");
  });

  it("refuses an unknown method elsewhere with a plain 405 rather than Next's 500", () => {
    const answer = answerBeforeNext("TRACE", "/keys");
    expect(answer?.status).toBe(405);
    expect(answer?.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it.each(["/V1/models", "/V1", "/V1/chat/completions", "/V1?x=1"])("answers %s with a JSON 404", (url) => {
    expectApiError(answerBeforeNext("GET", url), 404, "not_found");
  });

  it.each(["/v1/models/%ff%fe", "/v1/models/%", "/v1/generation/%ff", "/v1/models/%e2%82", "/v1/%zz"])(
    "answers the undecodable path %s with a JSON 400",
    (url) => {
      expectApiError(answerBeforeNext("GET", url), 400, "invalid_value");
    },
  );
});

describe("answerToClientError", () => {
  it.each([
    ["HPE_HEADER_OVERFLOW", 431, "request_headers_too_large"],
    ["HPE_CHUNK_EXTENSIONS_OVERFLOW", 413, "request_too_large"],
    ["ERR_HTTP_REQUEST_TIMEOUT", 408, "request_timeout"],
    ["HPE_INVALID_METHOD", 501, "not_implemented"],
    ["HPE_INVALID_CONSTANT", 400, "invalid_value"],
    [undefined, 400, "invalid_value"],
  ])("answers %s with a JSON %i", (code, status, errorCode) => {
    expectApiError(answerToClientError(code), status, errorCode);
  });
});
