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
    expect(problem({ model: "m", messages: [...messages, { role: "wizard", content: "x" }] })).toMatchObject({ code: "invalid_value", param: "messages[1].role" });
    expect(problem({ model: "m", messages, temperature: 2.5 })).toMatchObject({ code: "invalid_value", param: "temperature" });
    expect(problem({ model: "m", messages, top_p: -0.1 })).toMatchObject({ code: "invalid_value", param: "top_p" });
    expect(problem({ model: "m", messages, max_tokens: 0 })).toMatchObject({ code: "invalid_value", param: "max_tokens" });
    expect(problem({ model: "m", messages, max_tokens: 1.5 })).toMatchObject({ code: "invalid_value", param: "max_tokens" });
    expect(problem({ model: "m", messages, stop: ["a", "b", "c", "d", "e"] })).toMatchObject({ code: "invalid_value", param: "stop" });
  });

  it("passes every other parameter through untouched", () => {
    const body = parseChatRequest(JSON.stringify({ model: "m", messages, logprobs: true, response_format: { type: "json_object" }, reasoning_effort: "low", parallel_tool_calls: false }));
    expect(body).toMatchObject({ logprobs: true, response_format: { type: "json_object" }, reasoning_effort: "low", parallel_tool_calls: false });
  });

  it("takes the first of a models list when model is left out", () => {
    expect(parseChatRequest(JSON.stringify({ models: ["a/b", "c/d"], messages })).model).toBe("a/b");
  });
});
