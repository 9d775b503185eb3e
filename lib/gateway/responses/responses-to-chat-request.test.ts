import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import { inputItems, parseResponsesRequest } from "./responses-schema";
import { toChatRequest } from "./responses-to-chat-request";

function translate(raw: Record<string, unknown>, history: Array<Record<string, unknown>> = []) {
  const request = parseResponsesRequest({ model: "anthropic/claude-sonnet-4", ...raw });
  return toChatRequest(request, history, inputItems(request.input));
}

function refusal(raw: Record<string, unknown>): GatewayError {
  try {
    translate(raw);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("a Responses request as a chat request", () => {
  it("turns a string input and instructions into a system and a user message", () => {
    const { body, dropped } = translate({ input: "hi", instructions: "Be brief.", max_output_tokens: 50 });
    expect(body).toEqual({
      model: "anthropic/claude-sonnet-4",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
      max_tokens: 50,
    });
    expect(dropped).toEqual([]);
  });

  it("joins a message, its function calls and their outputs as chat expects (Codex's history)", () => {
    const { body } = translate({
      input: [
        { type: "message", role: "developer", content: [{ type: "input_text", text: "rules" }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: "list files" }] },
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "opaque" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Looking." }] },
        { type: "function_call", id: "fc_1", call_id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' },
        { type: "function_call", id: "fc_2", call_id: "call_2", name: "exec_command", arguments: '{"cmd":"pwd"}' },
        { type: "function_call_output", call_id: "call_1", output: "a.txt" },
        { type: "function_call_output", call_id: "call_2", output: [{ type: "input_text", text: "/work" }] },
        { role: "user", content: [{ type: "input_image", image_url: "data:image/png;base64,AAAA", detail: "low" }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: "developer", content: "rules" },
      { role: "user", content: [{ type: "text", text: "list files" }] },
      {
        role: "assistant",
        content: "Looking.",
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "exec_command", arguments: '{"cmd":"ls"}' } },
          { id: "call_2", type: "function", function: { name: "exec_command", arguments: '{"cmd":"pwd"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "a.txt" },
      { role: "tool", tool_call_id: "call_2", content: "/work" },
      {
        role: "user",
        content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "low" } }],
      },
    ]);
  });

  it("puts the earlier conversation (previous_response_id) before the new input", () => {
    const { body } = translate({ input: "and now?" }, [
      { type: "message", role: "user", content: "first" },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "one" }] },
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "one" },
      { role: "user", content: "and now?" },
    ]);
  });

  it("maps function tools, tool_choice, text.format and reasoning.effort; drops built-in tools by name", () => {
    const parameters = { type: "object", properties: { q: { type: "string" } } };
    const schema = { type: "object", properties: { a: { type: "number" } } };
    const { body, dropped } = translate({
      input: "x",
      tools: [
        { type: "function", name: "find", description: "Find", parameters, strict: false },
        { type: "web_search", external_web_access: false },
        { type: "namespace", name: "multi_agent_v1", tools: [] },
      ],
      tool_choice: { type: "function", name: "find" },
      parallel_tool_calls: true,
      text: { format: { type: "json_schema", name: "answer", schema, strict: true } },
      reasoning: { effort: "high", summary: "auto" },
      include: ["reasoning.encrypted_content"],
      prompt_cache_key: "abc",
      store: false,
      temperature: 0.5,
    });
    expect(body).toMatchObject({
      tools: [{ type: "function", function: { name: "find", description: "Find", parameters, strict: false } }],
      tool_choice: { type: "function", function: { name: "find" } },
      parallel_tool_calls: true,
      response_format: { type: "json_schema", json_schema: { name: "answer", schema, strict: true } },
      reasoning_effort: "high",
      temperature: 0.5,
    });
    for (const field of ["include", "prompt_cache_key", "store", "text", "reasoning", "input", "instructions"])
      expect(body).not.toHaveProperty(field);
    expect(dropped).toEqual(["tools[1] (web_search)", "tools[2] (namespace)"]);
    expect(translate({ input: "x", text: { format: { type: "json_object" } } }).body.response_format).toEqual({
      type: "json_object",
    });
  });

  it("refuses what only OpenAI can serve with a 400 naming the field", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ input: "x", tools: [{ type: "file_search" }], tool_choice: { type: "file_search" } }, "tool_choice"],
      [{ input: [{ role: "user", content: [{ type: "input_file", file_id: "f" }] }] }, "input[0].content[0].type"],
      [{ input: [{ role: "user", content: [{ type: "input_image", file_id: "f" }] }] }, "input[0].content[0].type"],
      [{ input: [{ type: "item_reference", id: "msg_1" }] }, "input[0].type"],
      [{ input: [{ role: "tool", content: "x" }] }, "input[0].role"],
      [{ input: [{ type: "function_call", name: "f" }] }, "input[0]"],
      [{ input: [{ type: "function_call_output", output: "x" }] }, "input[0].call_id"],
      [{ input: [] }, "input"],
      [{ input: 7 }, "input"],
      [{ input: "x", max_output_tokens: 0 }, "max_output_tokens"],
      [{ input: "x", text: { format: { type: "xml" } } }, "text.format.type"],
      [{ input: "x", conversation: "conv_1" }, "conversation"],
      [{ input: "x", prompt: { id: "pmpt_1" } }, "prompt"],
      [{ input: "x", background: true }, "background"],
    ];
    for (const [raw, param] of cases) {
      const error = refusal(raw);
      expect(error.status, JSON.stringify(raw)).toBe(400);
      expect(error.param, JSON.stringify(raw)).toBe(param);
    }
  });
});
