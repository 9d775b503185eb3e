// Every answer under /v1 is the contract's JSON error shape with a request id, including the requests Next itself
// mishandles: methods it does not route, paths that do not decode, another letter case, headers too large to parse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOpenAIError } from "./support/app-client";
import { closeDatabase, createKey, type MintedKey } from "./support/keys";
import { answerHeaders, rawRequest, type RawAnswer } from "./support/raw-http";

let account: MintedKey;

beforeAll(async () => {
  account = await createKey({ name: "edge-answers" });
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

const asResponse = (answer: RawAnswer) => ({
  status: answer.status,
  headers: answerHeaders(answer),
  text: answer.text,
});

async function expectApiError(method: string, path: string, status: number, code: string) {
  const answer = await rawRequest({ method, path, headers: { authorization: `Bearer ${account.key}` } });
  const what = `${method} ${path}`;
  expect(answer.headers["x-request-id"], what).toMatch(/^req_[0-9a-f]{32}$/);
  expectOpenAIError(asResponse(answer), status, code);
  return answer;
}

describe("the API's answers to requests Next cannot route", () => {
  it.each([
    ["TRACE", "/v1/models"],
    ["TRACE", "/v1/chat/completions"],
    ["PROPFIND", "/v1/models"],
    ["PROPFIND", "/v1/embeddings"],
  ])("%s %s: a JSON 405 with Allow", async (method, path) => {
    const answer = await expectApiError(method, path, 405, "method_not_allowed");
    expect(answer.headers.allow).toContain("GET");
  });

  it("TRACK /v1/models, a method node:http does not parse: a JSON 501", async () => {
    await expectApiError("TRACK", "/v1/models", 501, "not_implemented");
  });

  it.each(["/v1/models/%ff%fe", "/v1/models/%", "/v1/generation/%ff", "/v1/chat/%e2%82"])(
    "%s: a JSON 400 for a path that does not decode",
    async (path) => {
      await expectApiError("GET", path, 400, "invalid_value");
    },
  );

  it.each(["/v1", "/v1/", "/V1/models", "/V1", "/v1/no-such-endpoint"])("%s: a JSON 404", async (path) => {
    const answer = await rawRequest({ path, headers: { authorization: `Bearer ${account.key}` } });
    // "/v1/" is Next's trailing-slash redirect to "/v1"; where it lands is the JSON 404.
    const final = answer.status === 308 ? await rawRequest({ path: String(answer.headers.location) }) : answer;
    expect(final.headers["x-request-id"], path).toMatch(/^req_/);
    expectOpenAIError(asResponse(final), 404, "not_found");
  });

  it("GET /v1/generation/%00: a JSON 404, never the database's error", async () => {
    await expectApiError("GET", "/v1/generation/%00", 404, "not_found");
    await expectApiError("GET", "/v1/generation/req_%00abc", 404, "not_found");
  });

  it('decodes a model id once: %25ff is the id "%ff", which does not exist, not a 500', async () => {
    await expectApiError("GET", "/v1/models/openai/gpt%25ff", 404, "model_not_found");
    await expectApiError("GET", "/v1/models/openai%252Fgpt-4o-mini", 404, "model_not_found");
  });

  it("answers OPTIONS with the methods and a request id", async () => {
    const routes = [
      ["/v1/models", "GET"],
      ["/v1/chat/completions", "POST"],
      ["/v1/generation/req_x", "GET"],
    ];
    for (const [path, allowed] of routes) {
      const answer = await rawRequest({ method: "OPTIONS", path });
      expect(answer.status, path).toBe(204);
      expect(answer.headers.allow, path).toContain(allowed);
      expect(answer.headers["x-request-id"], path).toMatch(/^req_/);
    }
    await expectApiError("OPTIONS", "/v1/no-such-endpoint", 404, "not_found");
  });

  it("answers headers too large to parse with a JSON 431", async () => {
    const answer = await rawRequest({ path: "/v1/models", headers: { "x-padding": "a".repeat(20_000) } });
    expect(answer.headers["x-request-id"]).toMatch(/^req_/);
    expectOpenAIError(asResponse(answer), 431, "request_headers_too_large");
  });
});
