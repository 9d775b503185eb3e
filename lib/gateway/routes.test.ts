import { describe, expect, it } from "vitest";
import { v1Dispatcher, v1Route } from "./routes";

const schedule = () => undefined;
const route = v1Dispatcher(schedule);

describe("the /v1 table as one lookup (the direct path)", () => {
  it("serves each route file's paths and methods, and leaves everything else to Next", () => {
    expect(route("POST", "/v1/chat/completions")).toBeDefined();
    expect(route("POST", "/v1/messages/count_tokens")).toBeDefined();
    expect(route("GET", "/v1/key")).toBeDefined();
    // What Next answers itself (a redirect, a 404 from the catch-all), so that both paths give the same answer.
    expect(route("POST", "/v1/chat/completions/")).toBeUndefined();
    expect(route("POST", "/v1/chat")).toBeUndefined();
    expect(route("POST", "/v1/Chat/completions")).toBeUndefined();
    expect(route("GET", "/v1")).toBeUndefined();
    expect(route("POST", "/v1/chat%2Fcompletions")).toBeUndefined();
  });

  it("passes the rest of a wildcard path as decoded id segments; models also serves its bare path", async () => {
    const match = route("GET", "/v1/models/openai/gpt-4o%3Fmini");
    expect(await match?.context.params).toEqual({ id: ["openai", "gpt-4o?mini"] });
    expect(await route("GET", "/v1/models")?.context.params).toEqual({});
    // responses/ serves its POST; GET without an id is that route file's 405.
    expect((await route("GET", "/v1/responses")?.handler(new Request("http://localhost/v1/responses")))?.status).toBe(
      405,
    );
    expect(await route("DELETE", "/v1/responses/resp_1")?.context.params).toEqual({ id: ["resp_1"] });
    // An empty segment is Next's to answer (it has no such route).
    expect(route("GET", "/v1/models/openai//gpt")).toBeUndefined();
    expect(route("GET", "/v1/models/")).toBeUndefined();
  });

  it("answers HEAD with GET's handler only where GET is served", () => {
    expect(route("HEAD", "/v1/models")?.handler).toBe(route("GET", "/v1/models")?.handler);
    expect(route("HEAD", "/v1/chat/completions")).toBeUndefined();
    expect(route("TRACE", "/v1/models")).toBeUndefined();
  });

  it("answers a method the path does not serve with the route file's 405, naming the ones it does", async () => {
    const match = route("PUT", "/v1/responses/resp_1");
    if (!match) throw new Error("PUT /v1/responses/:id is a route file's to answer");
    const response = await match.handler(new Request("http://localhost/v1/responses/resp_1", { method: "PUT" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, DELETE");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });

  it("gives a route file the same exports, OPTIONS naming HEAD beside GET", async () => {
    const models = v1Route("models/*?", schedule);
    const options = await models.OPTIONS(new Request("http://localhost/v1/models", { method: "OPTIONS" }));
    expect(options.headers.get("allow")).toContain("GET, HEAD");
    const refused = await models.POST(new Request("http://localhost/v1/models", { method: "POST" }));
    expect(refused.status).toBe(405);
  });
});
