import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import { chatRequestSchema } from "../schemas/chat";
import { parseMessagesRequest } from "./anthropic-messages-schema";
import { reasoningEffortFor, toOpenAIChatRequest } from "./anthropic-to-openai-request";

function translate(body: Record<string, unknown>) {
  return toOpenAIChatRequest(parseMessagesRequest({ model: "openai/gpt-4o", max_tokens: 1024, ...body }));
}

function rejection(body: Record<string, unknown>): { code: string; param: string | null; message: string } {
  try {
    translate(body);
  } catch (error) {
    if (error instanceof GatewayError) return { code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error("expected the translation to be refused");
}

const PNG = "iVBORw0KGgo=";

describe("toOpenAIChatRequest", () => {
  it("turns a plain request into the chat request the core validates", () => {
    const body = translate({
      system: "Be brief.",
      messages: [{ role: "user", content: "hi" }],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: "user_42" },
    });
    expect(body).toEqual({
      model: "openai/gpt-4o",
      max_tokens: 1024,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
      temperature: 0.5,
      top_p: 0.9,
      // Kept for providers that take it; the chat core drops it, and names it, for the others.
      top_k: 40,
      user: "user_42",
    });
    expect(chatRequestSchema.safeParse(body).success).toBe(true);
  });

  it("joins system text blocks and drops their cache_control", () => {
    const body = translate({
      system: [
        { type: "text", text: "You are Claude Code." },
        { type: "text", text: "Use tools.", cache_control: { type: "ephemeral" } },
      ],
      messages: [{ role: "user", content: "hi" }],
    });
    expect(body.messages[0]).toEqual({ role: "system", content: "You are Claude Code.\n\nUse tools." });
  });

  it("sends all-text user blocks as one string, and images as image_url parts", () => {
    const textOnly = translate({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "<reminder>" },
            { type: "text", text: "question", cache_control: { type: "ephemeral" } },
          ],
        },
      ],
    });
    expect(textOnly.messages).toEqual([{ role: "user", content: "<reminder>\n\nquestion" }]);

    const withImages = translate({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "compare" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } },
            { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
          ],
        },
      ],
    });
    expect(withImages.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "compare" },
          { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
        ],
      },
    ]);
  });

  it("turns a tool_use / tool_result round into tool_calls and tool messages, in OpenAI's order", () => {
    const body = translate({
      messages: [
        { role: "user", content: "weather in Paris and Tokyo?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "two calls", signature: "sig" },
            { type: "text", text: "Checking." },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
            { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Tokyo" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "text", text: "also, be quick" },
            { type: "tool_result", tool_use_id: "toolu_1", content: "18°C" },
            {
              type: "tool_result",
              tool_use_id: "toolu_2",
              content: [{ type: "text", text: "timeout" }],
              is_error: true,
            },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: "weather in Paris and Tokyo?" },
      {
        role: "assistant",
        content: "Checking.",
        tool_calls: [
          { id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "toolu_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: "tool", tool_call_id: "toolu_1", content: "18°C" },
      { role: "tool", tool_call_id: "toolu_2", content: "Error: timeout" },
      { role: "user", content: "also, be quick" },
    ]);
    expect(chatRequestSchema.safeParse(body).success).toBe(true);
  });

  it("gives an assistant turn of tool calls only a null content, and moves tool-result images to the next user message", () => {
    const body = translate({
      messages: [
        { role: "user", content: "screenshot please" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_9", name: "screenshot", input: {} }] },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_9",
              content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: PNG } }],
            },
          ],
        },
      ],
    });
    expect(body.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "toolu_9", type: "function", function: { name: "screenshot", arguments: "{}" } }],
      },
      {
        role: "tool",
        tool_call_id: "toolu_9",
        content: "(the attachment this tool returned follows in the next user message)",
      },
      {
        role: "user",
        content: [
          { type: "text", text: "Returned by tool call toolu_9:" },
          { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
        ],
      },
    ]);
  });

  it("sends PDFs as file parts and text documents as text", () => {
    const body = translate({
      messages: [
        {
          role: "user",
          content: [
            {
              type: "document",
              source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" },
              title: "report.pdf",
            },
            { type: "document", source: { type: "text", media_type: "text/plain", data: "plain notes" } },
            { type: "text", text: "summarise" },
          ],
        },
      ],
    });
    expect(body.messages[0].content).toEqual([
      { type: "file", file: { filename: "report.pdf", file_data: "data:application/pdf;base64,JVBERi0=" } },
      { type: "text", text: "plain notes" },
      { type: "text", text: "summarise" },
    ]);
  });

  it("maps tools and every tool_choice", () => {
    const tools = [
      {
        name: "get_weather",
        description: "Weather by city",
        input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    ];
    const messages = [{ role: "user", content: "hi" }];
    const auto = translate({ messages, tools, tool_choice: { type: "auto" } });
    expect(auto.tools).toEqual([
      {
        type: "function",
        function: { name: "get_weather", description: "Weather by city", parameters: tools[0].input_schema },
      },
    ]);
    expect(auto.tool_choice).toBe("auto");
    expect(auto).not.toHaveProperty("parallel_tool_calls");
    expect(translate({ messages, tools, tool_choice: { type: "any" } }).tool_choice).toBe("required");
    expect(translate({ messages, tools, tool_choice: { type: "none" } }).tool_choice).toBe("none");
    const forced = translate({
      messages,
      tools,
      tool_choice: { type: "tool", name: "get_weather", disable_parallel_tool_use: true },
    });
    expect(forced.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(forced.parallel_tool_calls).toBe(false);
    // OpenAI refuses tool_choice without tools; Anthropic accepts it, so it is dropped.
    expect(translate({ messages, tool_choice: { type: "auto" } })).not.toHaveProperty("tool_choice");
  });

  it("passes stop_sequences as stop, up to OpenAI's four", () => {
    const messages = [{ role: "user", content: "count" }];
    expect(translate({ messages, stop_sequences: ["5", "END"] }).stop).toEqual(["5", "END"]);
    expect(translate({ messages, stop_sequences: [] })).not.toHaveProperty("stop");
    expect(rejection({ messages, stop_sequences: ["a", "b", "c", "d", "e"] })).toMatchObject({
      code: "invalid_value",
      param: "stop_sequences",
    });
  });

  it("maps a thinking budget to reasoning_effort", () => {
    expect([1024, 2047, 2048, 8191, 8192, 32000].map(reasoningEffortFor)).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
    ]);
    const messages = [{ role: "user", content: "think" }];
    expect(translate({ messages, thinking: { type: "enabled", budget_tokens: 4096 } }).reasoning_effort).toBe("medium");
    expect(translate({ messages, thinking: { type: "disabled" } })).not.toHaveProperty("reasoning_effort");
  });

  it("asks for usage on streams, which Anthropic's message_delta has to report", () => {
    const body = translate({ messages: [{ role: "user", content: "hi" }], stream: true });
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(translate({ messages: [{ role: "user", content: "hi" }], stream: false })).not.toHaveProperty("stream");
  });

  it("refuses what only Anthropic can run, naming where it is", () => {
    const messages = [{ role: "user", content: "search" }];
    expect(
      rejection({
        messages,
        tools: [
          { name: "f", input_schema: {} },
          { type: "web_search_20250305", name: "web_search" },
        ],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "tools",
      message: expect.stringContaining("'web_search' of type 'web_search_20250305'"),
    });
    expect(
      rejection({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "x" },
              { type: "search_result", source: "s", title: "t", content: [] },
            ],
          },
        ],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "messages[0].content[1]",
    });
    expect(
      rejection({
        messages: [{ role: "user", content: [{ type: "image", source: { type: "file", file_id: "file_1" } }] }],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "messages[0].content[0].source",
    });
    expect(
      rejection({
        messages: [
          { role: "user", content: [{ type: "document", source: { type: "url", url: "https://example.com/a.pdf" } }] },
        ],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "messages[0].content[0].source",
    });
    expect(
      rejection({
        messages: [{ role: "assistant", content: [{ type: "tool_result", tool_use_id: "t", content: "x" }] }],
      }),
    ).toMatchObject({
      code: "invalid_value",
      param: "messages[0].content[0]",
    });
  });
});

describe("Claude Code's requests on other models", () => {
  it("keeps a system message mid-conversation at its place", () => {
    const body = translate({
      system: "You are Claude Code.",
      messages: [
        { role: "user", content: "hi" },
        { role: "system", content: [{ type: "text", text: "Available agent types for the Agent tool: …" }] },
        { role: "assistant", content: "hello" },
        { role: "user", content: "go on" },
      ],
    });
    expect(body.messages).toEqual([
      { role: "system", content: "You are Claude Code." },
      { role: "user", content: "hi" },
      { role: "system", content: "Available agent types for the Agent tool: …" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "go on" },
    ]);
  });

  it("refuses a system message holding anything but text, naming the block", () => {
    expect(
      rejection({
        messages: [{ role: "system", content: [{ type: "image", source: { type: "url", url: "https://x/y.png" } }] }],
      }),
    ).toMatchObject({ code: "invalid_value", param: "messages[0].content[0]" });
  });

  it("turns output_config.format into response_format, and its effort into reasoning_effort", () => {
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
    const body = translate({
      messages: [{ role: "user", content: "where?" }],
      output_config: { format: { type: "json_schema", schema }, effort: "max" },
    });
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "output", schema, strict: true },
    });
    expect(body.reasoning_effort).toBe("high");
  });
});
