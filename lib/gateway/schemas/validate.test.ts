import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import { parseChatRequest } from "../handlers/chat-completions";

function problem(body: unknown): { code: string; param: string | null; status: number } {
  try {
    parseChatRequest(typeof body === "string" ? body : JSON.stringify(body));
  } catch (error) {
    if (error instanceof GatewayError) return { code: error.code, param: error.param, status: error.status };
    throw error;
  }
  throw new Error("expected a validation error");
}

const messages = [{ role: "user", content: "hi" }];

describe("chat request validation", () => {
  it("names the field of every contract rule", () => {
    expect(problem("{not json")).toEqual({ code: "invalid_json", param: null, status: 400 });
    expect(problem("[1,2]")).toMatchObject({ code: "invalid_json" });
    expect(problem({ messages })).toEqual({ code: "missing_field", param: "model", status: 400 });
    expect(problem({ model: "m" })).toEqual({ code: "missing_field", param: "messages", status: 400 });
    expect(problem({ model: "m", messages: "hi" })).toMatchObject({ code: "invalid_value", param: "messages" });
    expect(problem({ model: "m", messages: [] })).toMatchObject({ code: "invalid_value", param: "messages" });
    expect(problem({ model: "m", messages: [...messages, { role: "wizard", content: "x" }] })).toMatchObject({
      code: "invalid_value",
      param: "messages[1].role",
    });
    expect(problem({ model: "m", messages, temperature: 2.5 })).toMatchObject({
      code: "invalid_value",
      param: "temperature",
    });
    expect(problem({ model: "m", messages, top_p: -0.1 })).toMatchObject({ code: "invalid_value", param: "top_p" });
    expect(problem({ model: "m", messages, max_tokens: 0 })).toMatchObject({
      code: "invalid_value",
      param: "max_tokens",
    });
    expect(problem({ model: "m", messages, max_tokens: 1.5 })).toMatchObject({
      code: "invalid_value",
      param: "max_tokens",
    });
    expect(problem({ model: "m", messages, stop: ["a", "b", "c", "d", "e"] })).toMatchObject({
      code: "invalid_value",
      param: "stop",
    });
  });

  it("passes every other parameter through untouched", () => {
    const body = parseChatRequest(
      JSON.stringify({
        model: "m",
        messages,
        logprobs: true,
        response_format: { type: "json_object" },
        reasoning_effort: "low",
        parallel_tool_calls: false,
      }),
    );
    expect(body).toMatchObject({
      logprobs: true,
      response_format: { type: "json_object" },
      reasoning_effort: "low",
      parallel_tool_calls: false,
    });
  });

  it("takes the first of a models list when model is left out", () => {
    expect(parseChatRequest(JSON.stringify({ models: ["a/b", "c/d"], messages })).model).toBe("a/b");
  });
});

describe("nesting depth", () => {
  // Built as text: JSON.stringify itself overflows the stack long before 10,000 levels, which is the point.
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`;
  const body = (field: string) => `{"model":"m","messages":${JSON.stringify(messages)},${field}}`;

  it.each([
    ["metadata", `"metadata":${nested(10_000)}`, "metadata.a.a"],
    [
      "tool parameters",
      `"tools":[{"type":"function","function":{"name":"f","parameters":${nested(10_000)}}}]`,
      "tools[0].function.parameters",
    ],
    [
      "a json_schema",
      `"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${nested(10_000)}}}`,
      "response_format.json_schema.schema",
    ],
  ])("refuses %s 10,000 levels deep with a 400 naming the field", (_name, field, param) => {
    expect(problem(body(field))).toEqual({ code: "invalid_value", param, status: 400 });
  });

  it("takes bodies up to the limit, and counts brackets inside strings as text", () => {
    expect(() => parseChatRequest(body(`"metadata":${nested(60)}`))).not.toThrow();
    const brackets = "{[".repeat(500);
    expect(() =>
      parseChatRequest(JSON.stringify({ model: "m", messages: [{ role: "user", content: brackets }] })),
    ).not.toThrow();
  });
});
