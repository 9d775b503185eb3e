import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors";
import type { ChatRequestBody } from "../../schemas/chat";
import { convertToAnthropicRequest } from "./convert-to-anthropic-request";

const MODEL = "claude-sonnet-4-5-20250929";

function convert(body: Partial<ChatRequestBody>, options: { model?: string; stream?: boolean } = {}) {
  return convertToAnthropicRequest(
    { model: "anthropic/claude", messages: [{ role: "user", content: "Hi" }], ...body } as ChatRequestBody,
    options.model ?? MODEL,
    options.stream ?? false,
  );
}

function rejection(body: Partial<ChatRequestBody>): GatewayError {
  try {
    convert(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected the request to be refused");
}

describe("convertToAnthropicRequest: messages", () => {
  it("moves a system message to the top-level system string", () => {
    const request = convert({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(request.system).toBe("Be brief.");
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  it("keeps several system and developer messages as separate text blocks, wherever they appear", () => {
    const request = convert({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        {
          role: "developer",
          content: [{ type: "text", text: "Answer in French.", cache_control: { type: "ephemeral" } }],
        },
      ],
    });
    expect(request.system).toEqual([
      { type: "text", text: "Be brief." },
      { type: "text", text: "Answer in French.", cache_control: { type: "ephemeral" } },
    ]);
    expect(request.messages).toHaveLength(1);
  });

  it("merges consecutive turns of one role, since Anthropic requires alternation", () => {
    const request = convert({
      messages: [
        { role: "user", content: "First." },
        { role: "user", content: [{ type: "text", text: "Second." }] },
        { role: "assistant", content: "Reply one." },
        { role: "assistant", content: "Reply two." },
        { role: "user", content: "Third." },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "First." },
          { type: "text", text: "Second." },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Reply one." },
          { type: "text", text: "Reply two." },
        ],
      },
      { role: "user", content: [{ type: "text", text: "Third." }] },
    ]);
  });

  it("converts image parts: https URLs by reference, data URLs inline as base64", () => {
    const request = convert({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare these." },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "high" } },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
      ],
    });
    expect(request.messages[0].content).toEqual([
      { type: "text", text: "Compare these." },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
    ]);
  });

  it("converts a PDF file part to a document block and refuses other file kinds", () => {
    const request = convert({
      messages: [
        {
          role: "user",
          content: [
            { type: "file", file: { filename: "report.pdf", file_data: "data:application/pdf;base64,JVBERi0x" } },
          ],
        },
      ],
    });
    expect(request.messages[0].content).toEqual([
      {
        type: "document",
        source: { type: "base64", media_type: "application/pdf", data: "JVBERi0x" },
        title: "report.pdf",
      },
    ]);
    expect(
      rejection({ messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-abc" } }] }] }).param,
    ).toBe("messages");
  });

  it("refuses content parts Anthropic cannot take, as the client's error", () => {
    const error = rejection({
      messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }],
    });
    expect(error.code).toBe("invalid_value");
    expect(error.message).toContain("messages[0].content[0]");
    expect(
      rejection({
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "ftp://example.com/a.png" } }] }],
      }).code,
    ).toBe("invalid_value");
  });

  it("turns assistant tool_calls into tool_use blocks and tool messages into one user turn of tool_result blocks", () => {
    const request = convert({
      messages: [
        { role: "user", content: "Weather in Paris and Rome?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
            { id: "toolu_2", type: "function", function: { name: "get_weather", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "18°C, rain" },
        { role: "tool", tool_call_id: "toolu_2", content: [{ type: "text", text: "24°C, sun" }] },
        { role: "user", content: "Thanks. Which is warmer?" },
      ],
    });
    expect(request.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris and Rome?" }] },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18°C, rain" },
          { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "24°C, sun" }] },
          { type: "text", text: "Thanks. Which is warmer?" },
        ],
      },
    ]);
  });

  it("refuses tool call arguments that are not a JSON object", () => {
    const error = rejection({
      messages: [
        {
          role: "assistant",
          content: "",
          tool_calls: [{ id: "t", type: "function", function: { name: "f", arguments: "[1,2]" } }],
        },
      ],
    });
    expect(error.param).toBe("messages");
  });

  it("sends thinking blocks the client echoed back ahead of the assistant's text and tool calls", () => {
    const request = convert({
      messages: [
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          content: "Checking.",
          thinking_blocks: [{ type: "thinking", thinking: "Use the tool.", signature: "sig-1" }],
          tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "sunny" },
      ],
      reasoning_effort: "low",
    });
    expect(request.messages[1].content.map((block) => block.type)).toEqual(["thinking", "text", "tool_use"]);
    expect(request.thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
  });
});

describe("convertToAnthropicRequest: parameters", () => {
  it("addresses the upstream model and sends nothing Anthropic would refuse", () => {
    const request = convert({
      logprobs: true,
      top_logprobs: 3,
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      seed: 7,
      n: 1,
      stream_options: { include_usage: true },
      models: ["anthropic/claude"],
    });
    expect(Object.keys(request).sort()).toEqual(["max_tokens", "messages", "model"]);
    expect(request.model).toBe(MODEL);
  });

  it("refuses n > 1 naming the parameter", () => {
    const error = rejection({ n: 2 });
    expect(error.code).toBe("invalid_value");
    expect(error.param).toBe("n");
  });

  it("defaults max_tokens by model generation and takes the client's limit from either field", () => {
    expect(convert({}, { model: "claude-sonnet-4-5-20250929" }).max_tokens).toBe(8192);
    expect(convert({}, { model: "claude-opus-4-1-20250805" }).max_tokens).toBe(8192);
    expect(convert({}, { model: "claude-3-5-haiku-20241022" }).max_tokens).toBe(8192);
    expect(convert({}, { model: "claude-3-haiku-20240307" }).max_tokens).toBe(4096);
    expect(convert({}, { model: "some-unknown-model" }).max_tokens).toBe(4096);
    expect(convert({ max_tokens: 300 }).max_tokens).toBe(300);
    expect(convert({ max_tokens: 300, max_completion_tokens: 200 }).max_tokens).toBe(200);
  });

  it("maps stop to stop_sequences, user to metadata.user_id, and streams when asked", () => {
    expect(convert({ stop: "END" }).stop_sequences).toEqual(["END"]);
    expect(convert({ stop: ["a", "b"] }).stop_sequences).toEqual(["a", "b"]);
    expect(convert({ user: "user-42" }).metadata).toEqual({ user_id: "user-42" });
    expect(convert({}, { stream: true }).stream).toBe(true);
    expect(convert({}).stream).toBeUndefined();
  });

  it("clamps temperature to Anthropic's 0–1 range and passes top_p", () => {
    expect(convert({ temperature: 1.6 }).temperature).toBe(1);
    expect(convert({ temperature: 0.3, top_p: 0.9 })).toMatchObject({ temperature: 0.3, top_p: 0.9 });
  });
});

describe("convertToAnthropicRequest: tools", () => {
  const weatherTool = {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  };

  it("converts function tools to name, description and input_schema", () => {
    const request = convert({ tools: [weatherTool, { type: "function", function: { name: "now" } }] });
    expect(request.tools).toEqual([
      {
        name: "get_weather",
        description: "Current weather",
        input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
      { name: "now", input_schema: { type: "object", properties: {} } },
    ]);
    expect(request.tool_choice).toBeUndefined();
  });

  it("maps every tool_choice", () => {
    expect(convert({ tools: [weatherTool], tool_choice: "auto" }).tool_choice).toEqual({ type: "auto" });
    expect(convert({ tools: [weatherTool], tool_choice: "required" }).tool_choice).toEqual({ type: "any" });
    expect(convert({ tools: [weatherTool], tool_choice: "none" }).tool_choice).toEqual({ type: "none" });
    expect(
      convert({ tools: [weatherTool], tool_choice: { type: "function", function: { name: "get_weather" } } })
        .tool_choice,
    ).toEqual({ type: "tool", name: "get_weather" });
  });

  it("turns parallel_tool_calls: false into disable_parallel_tool_use", () => {
    expect(convert({ tools: [weatherTool], parallel_tool_calls: false }).tool_choice).toEqual({
      type: "auto",
      disable_parallel_tool_use: true,
    });
    expect(convert({ tools: [weatherTool], tool_choice: "required", parallel_tool_calls: false }).tool_choice).toEqual({
      type: "any",
      disable_parallel_tool_use: true,
    });
  });

  it("leaves tool_choice out when there are no tools, as Anthropic refuses it", () => {
    expect(convert({ tool_choice: "auto" }).tool_choice).toBeUndefined();
  });

  it("refuses malformed tools and the reserved JSON tool name", () => {
    expect(rejection({ tools: [{ type: "code_interpreter" }] }).param).toBe("tools");
    expect(rejection({ tools: [{ type: "function", function: { name: "json_response" } }] }).param).toBe("tools");
  });
});

describe("convertToAnthropicRequest: JSON mode", () => {
  const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

  it("answers json_schema through a forced tool whose input schema is the schema", () => {
    const request = convert({ response_format: { type: "json_schema", json_schema: { name: "place", schema } } });
    expect(request.tools).toEqual([
      { name: "json_response", description: "Respond with JSON matching the place schema.", input_schema: schema },
    ]);
    expect(request.tool_choice).toEqual({ type: "tool", name: "json_response" });
  });

  it("answers json_object through a forced tool taking any object", () => {
    const request = convert({ response_format: { type: "json_object" } });
    expect(request.tools?.[0].input_schema).toEqual({ type: "object" });
    expect(request.tool_choice).toEqual({ type: "tool", name: "json_response" });
  });

  it("lets a client with tools of its own get tool calls or JSON, never free text", () => {
    const request = convert({
      response_format: { type: "json_object" },
      tools: [{ type: "function", function: { name: "lookup" } }],
    });
    expect(request.tools?.map((tool) => tool.name)).toEqual(["lookup", "json_response"]);
    expect(request.tool_choice).toEqual({ type: "any" });
  });

  it("sends nothing extra for response_format text", () => {
    expect(convert({ response_format: { type: "text" } }).tools).toBeUndefined();
  });
});

describe("convertToAnthropicRequest: thinking", () => {
  it("maps reasoning_effort to a thinking budget and raises the default max_tokens above it", () => {
    expect(convert({ reasoning_effort: "low" })).toMatchObject({
      thinking: { type: "enabled", budget_tokens: 1024 },
      max_tokens: 8192 + 1024,
    });
    expect(convert({ reasoning_effort: "medium" }).thinking).toEqual({ type: "enabled", budget_tokens: 4096 });
    expect(convert({ reasoning_effort: "high" })).toMatchObject({
      thinking: { budget_tokens: 16384 },
      max_tokens: 8192 + 16384,
    });
    expect(convert({ reasoning_effort: "none" }).thinking).toBeUndefined();
  });

  it("keeps the client's max tokens, shrinking the budget below it or leaving thinking off", () => {
    const within = convert({ reasoning_effort: "high", max_completion_tokens: 20000 });
    expect(within).toMatchObject({ max_tokens: 20000, thinking: { budget_tokens: 16384 } });
    const shrunk = convert({ reasoning_effort: "high", max_tokens: 6000 });
    expect(shrunk).toMatchObject({ max_tokens: 6000, thinking: { budget_tokens: 3000 } });
    expect(shrunk.max_tokens).toBeGreaterThan(shrunk.thinking?.budget_tokens ?? Infinity);
    // Anthropic's smallest budget is 1024 and max_tokens must exceed it: a limit of 1024 leaves no room to think.
    expect(convert({ reasoning_effort: "low", max_tokens: 1024 }).thinking).toBeUndefined();
  });

  it("leaves out sampling parameters Anthropic refuses while thinking", () => {
    const request = convert({ reasoning_effort: "medium", temperature: 0.2, top_p: 0.5 });
    expect(request.temperature).toBeUndefined();
    expect(request.top_p).toBeUndefined();
  });

  it("does not think when a tool is forced, since Anthropic refuses the combination", () => {
    expect(convert({ reasoning_effort: "high", response_format: { type: "json_object" } }).thinking).toBeUndefined();
    expect(
      convert({
        reasoning_effort: "high",
        tools: [{ type: "function", function: { name: "f" } }],
        tool_choice: "required",
      }).thinking,
    ).toBeUndefined();
  });

  it("does not switch thinking on in the middle of a tool loop begun without it", () => {
    const request = convert({
      reasoning_effort: "high",
      messages: [
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "sunny" },
      ],
    });
    expect(request.thinking).toBeUndefined();
  });

  it("refuses an unknown reasoning_effort", () => {
    expect(rejection({ reasoning_effort: "extreme" }).param).toBe("reasoning_effort");
  });
});
