import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import { parseMessagesRequest } from "./anthropic-messages-schema";

function problem(body: Record<string, unknown>): {
  code: string;
  param: string | null;
  status: number;
  message: string;
} {
  try {
    parseMessagesRequest(body);
  } catch (error) {
    if (error instanceof GatewayError)
      return { code: error.code, param: error.param, status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a validation error");
}

const messages = [{ role: "user", content: "hi" }];
const valid = { model: "openai/gpt-4o", max_tokens: 1024, messages };

describe("parseMessagesRequest", () => {
  it("accepts a Claude Code style request and keeps every field as sent", () => {
    const body = {
      model: "deepseek/deepseek-chat",
      max_tokens: 32000,
      system: [{ type: "text", text: "You are Claude Code.", cache_control: { type: "ephemeral" } }],
      messages: [
        { role: "user", content: [{ type: "text", text: "list files", cache_control: { type: "ephemeral" } }] },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "ls", signature: "sig" },
            { type: "tool_use", id: "toolu_1", name: "Bash", input: { command: "ls" } },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              content: [{ type: "text", text: "a.txt" }],
              is_error: false,
            },
          ],
        },
      ],
      tools: [
        {
          name: "Bash",
          description: "run",
          input_schema: { type: "object", properties: { command: { type: "string" } } },
        },
      ],
      tool_choice: { type: "auto" },
      metadata: { user_id: "user_abc" },
      thinking: { type: "enabled", budget_tokens: 4000 },
      temperature: 1,
      stream: true,
      anthropic_beta_field: { kept: true },
    };
    const parsed = parseMessagesRequest(structuredClone(body));
    expect(parsed).toEqual(body);
  });

  it("lets through what only Anthropic reads, for requests passed to Anthropic natively", () => {
    const body = {
      ...valid,
      messages: [
        {
          role: "user",
          content: [
            { type: "search_result", source: "https://example.com", title: "t", content: [] },
            { type: "image", source: { type: "file", file_id: "file_1" } },
          ],
        },
      ],
      tools: [
        { type: "web_search_20250305", name: "web_search", max_uses: 3 },
        { type: "custom", name: "get_weather", input_schema: { type: "object" } },
      ],
      thinking: { type: "adaptive" },
    };
    expect(parseMessagesRequest(structuredClone(body))).toEqual(body);
  });

  it("takes the first of a models list when model is left out", () => {
    expect(parseMessagesRequest({ models: ["a/b", "c/d"], max_tokens: 10, messages }).model).toBe("a/b");
  });

  it("names the missing field", () => {
    expect(problem({ max_tokens: 10, messages })).toMatchObject({ code: "missing_field", param: "model", status: 400 });
    expect(problem({ model: "m", messages })).toMatchObject({ code: "missing_field", param: "max_tokens" });
    expect(problem({ model: "m", max_tokens: 10 })).toMatchObject({ code: "missing_field", param: "messages" });
    expect(problem({ ...valid, messages: [{ role: "user" }] })).toMatchObject({
      code: "missing_field",
      param: "messages[0].content",
    });
    expect(
      problem({ ...valid, messages: [{ role: "user", content: [{ type: "text", text: "a" }, { type: "text" }] }] }),
    ).toMatchObject({
      code: "missing_field",
      param: "messages[0].content[1].text",
    });
    expect(problem({ ...valid, messages: [{ role: "user", content: [{ text: "untyped" }] }] })).toMatchObject({
      code: "missing_field",
      param: "messages[0].content[0].type",
    });
    expect(
      problem({
        ...valid,
        messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png" } }] }],
      }),
    ).toMatchObject({
      code: "missing_field",
      param: "messages[0].content[0].source.data",
    });
    expect(
      problem({
        ...valid,
        messages: [messages[0], { role: "assistant", content: [{ type: "tool_use", name: "f", input: {} }] }],
      }),
    ).toMatchObject({
      code: "missing_field",
      param: "messages[1].content[0].id",
    });
    expect(problem({ ...valid, tools: [{ name: "f" }] })).toMatchObject({
      code: "missing_field",
      param: "tools[0].input_schema",
    });
    expect(
      problem({ ...valid, tools: [{ name: "f", input_schema: {} }], tool_choice: { type: "tool" } }),
    ).toMatchObject({ code: "missing_field", param: "tool_choice.name" });
  });

  it("names the invalid field, with the rule in the message", () => {
    expect(problem({ ...valid, max_tokens: 0 })).toMatchObject({
      code: "invalid_value",
      param: "max_tokens",
      message: "Invalid 'max_tokens': must be a positive integer",
    });
    expect(problem({ ...valid, max_tokens: 1.5 })).toMatchObject({ code: "invalid_value", param: "max_tokens" });
    expect(problem({ ...valid, messages: [] })).toMatchObject({ code: "invalid_value", param: "messages" });
    expect(problem({ ...valid, messages: "hi" })).toMatchObject({ code: "invalid_value", param: "messages" });
    expect(
      problem({
        ...valid,
        messages: [...messages, { role: "assistant", content: "a" }, { role: "tool", content: "x" }],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "messages[2].role",
      message: "Invalid 'messages[2].role': must be one of user, assistant, system",
    });
    expect(problem({ ...valid, messages: [{ role: "user", content: 5 }] })).toMatchObject({
      code: "invalid_value",
      param: "messages[0].content",
    });
    expect(problem({ ...valid, temperature: 1.5 })).toMatchObject({
      code: "invalid_value",
      param: "temperature",
      message: "Invalid 'temperature': must be a number between 0 and 1",
    });
    expect(problem({ ...valid, top_p: -0.1 })).toMatchObject({ code: "invalid_value", param: "top_p" });
    expect(problem({ ...valid, stop_sequences: "END" })).toMatchObject({
      code: "invalid_value",
      param: "stop_sequences",
    });
    expect(problem({ ...valid, system: [{ type: "text", text: 1 }] })).toMatchObject({
      code: "invalid_value",
      param: "system[0].text",
    });
    expect(problem({ ...valid, tool_choice: { type: "sometimes" } })).toMatchObject({
      code: "invalid_value",
      param: "tool_choice.type",
    });
    expect(problem({ ...valid, thinking: { type: "enabled" } })).toMatchObject({
      code: "invalid_value",
      param: "thinking.budget_tokens",
    });
    expect(problem({ ...valid, thinking: { type: "enabled", budget_tokens: -5 } })).toMatchObject({
      code: "invalid_value",
      param: "thinking.budget_tokens",
    });
    expect(
      problem({
        ...valid,
        messages: [
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: [{ type: "text", text: 3 }] }] },
        ],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "messages[0].content[0].content[0].text",
    });
  });
});
