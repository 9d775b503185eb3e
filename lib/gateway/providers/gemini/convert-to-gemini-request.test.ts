import { describe, expect, it } from "vitest";
import type { ChatRequestBody } from "../../schemas/chat";
import { SKIP_THOUGHT_SIGNATURE } from "./convert-to-gemini-contents";
import { convertToGeminiRequest } from "./convert-to-gemini-request";

function body(fields: Partial<ChatRequestBody> & Record<string, unknown>): ChatRequestBody {
  return { model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], ...fields };
}

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    strict: true,
    parameters: {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: false,
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["city", "unit"],
    },
  },
};

describe("OpenAI chat request → Gemini generateContent body", () => {
  it("moves system and developer messages into systemInstruction", () => {
    const request = convertToGeminiRequest(
      body({
        messages: [
          { role: "system", content: "You are terse." },
          { role: "developer", content: [{ type: "text", text: "Answer in English." }] },
          { role: "user", content: "Capital of Portugal?" },
        ],
      }),
      "gemini-2.5-flash",
    );
    expect(request.systemInstruction).toEqual({ parts: [{ text: "You are terse." }, { text: "Answer in English." }] });
    expect(request.contents).toEqual([{ role: "user", parts: [{ text: "Capital of Portugal?" }] }]);
  });

  it("sends a system-only prompt as the user turn, since Gemini refuses empty contents", () => {
    const request = convertToGeminiRequest(
      body({ messages: [{ role: "system", content: "Say hello." }] }),
      "gemini-2.5-flash",
    );
    expect(request.systemInstruction).toBeUndefined();
    expect(request.contents).toEqual([{ role: "user", parts: [{ text: "Say hello." }] }]);
  });

  it("maps assistant to model and merges consecutive turns of one role", () => {
    const request = convertToGeminiRequest(
      body({
        messages: [
          { role: "user", content: "One" },
          { role: "user", content: "Two" },
          { role: "assistant", content: "Three" },
          { role: "assistant", content: [{ type: "text", text: "Four" }] },
          { role: "user", content: "Five" },
        ],
      }),
      "gemini-2.5-flash",
    );
    expect(request.contents).toEqual([
      { role: "user", parts: [{ text: "One" }, { text: "Two" }] },
      { role: "model", parts: [{ text: "Three" }, { text: "Four" }] },
      { role: "user", parts: [{ text: "Five" }] },
    ]);
  });

  it("sends data: images inline and https images as file URIs with a guessed MIME type", () => {
    const request = convertToGeminiRequest(
      body({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Compare these." },
              { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
              {
                type: "image_url",
                image_url: { url: "https://generativelanguage.googleapis.com/v1beta/files/harbour01", detail: "high" },
              },
              { type: "image_url", image_url: "https://generativelanguage.googleapis.com/v1beta/files/abc-123" },
            ],
          },
        ],
      }),
      "gemini-2.5-flash",
    );
    expect(request.contents[0].parts).toEqual([
      { text: "Compare these." },
      { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } },
      {
        fileData: {
          mimeType: "image/jpeg",
          fileUri: "https://generativelanguage.googleapis.com/v1beta/files/harbour01",
        },
      },
      {
        fileData: { mimeType: "image/jpeg", fileUri: "https://generativelanguage.googleapis.com/v1beta/files/abc-123" },
      },
    ]);
  });

  it.each([
    "https://example.com/photos/harbour.webp",
    "https://storage.googleapis.com/another-project/cat.png",
    "https://generativelanguage.googleapis.com/v1beta/files/abc/../../models",
    "gs://bucket/cat.png",
  ])("refuses %s as an image with a 400 naming the part, instead of passing it on as a fileUri", (url) => {
    const convert = () =>
      convertToGeminiRequest(
        body({
          messages: [
            { role: "user", content: "hi" },
            {
              role: "user",
              content: [
                { type: "text", text: "look" },
                { type: "image_url", image_url: { url } },
              ],
            },
          ],
        }),
        "gemini-2.5-flash",
      );
    expect(convert).toThrow(
      expect.objectContaining({ code: "invalid_value", param: "messages[1].content[1].image_url" }),
    );
    expect(convert).toThrow(/data: URL/);
  });

  it("declares function tools with their schemas stripped of keys Gemini rejects", () => {
    const request = convertToGeminiRequest(
      body({
        tools: [
          weatherTool,
          { type: "function", function: { name: "now", parameters: { type: "object", properties: {} } } },
          { type: "web_search" },
        ],
      }),
      "gemini-2.5-flash",
    );
    expect(request.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Current weather for a city",
            parameters: {
              type: "object",
              properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
              required: ["city", "unit"],
            },
          },
          { name: "now" },
        ],
      },
    ]);
  });

  it("maps tool_choice to functionCallingConfig", () => {
    const configFor = (toolChoice: unknown) =>
      convertToGeminiRequest(body({ tools: [weatherTool], tool_choice: toolChoice }), "gemini-2.5-flash").toolConfig;
    expect(configFor("auto")).toEqual({ functionCallingConfig: { mode: "AUTO" } });
    expect(configFor("required")).toEqual({ functionCallingConfig: { mode: "ANY" } });
    expect(configFor("none")).toEqual({ functionCallingConfig: { mode: "NONE" } });
    expect(configFor({ type: "function", function: { name: "get_weather" } })).toEqual({
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] },
    });
    expect(configFor(undefined)).toBeUndefined();
    // Without tools there is nothing to configure.
    expect(convertToGeminiRequest(body({ tool_choice: "required" }), "gemini-2.5-flash").toolConfig).toBeUndefined();
  });

  it("replays tool calls as functionCall parts and tool results as functionResponse parts named after their call", () => {
    const request = convertToGeminiRequest(
      body({
        messages: [
          { role: "user", content: "Weather and time in Lisbon?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: "call_0",
                type: "function",
                function: { name: "get_weather", arguments: '{"city":"Lisbon","unit":"celsius"}' },
              },
              {
                id: "call_1",
                type: "function",
                function: { name: "get_time", arguments: '{"timezone":"Europe/Lisbon"}' },
              },
            ],
          },
          { role: "tool", tool_call_id: "call_0", content: '{"temperature":21,"sky":"clear"}' },
          { role: "tool", tool_call_id: "call_1", content: "14:05" },
          { role: "user", content: "Thanks. Jacket?" },
        ],
      }),
      "gemini-2.5-flash",
    );
    expect(request.contents).toEqual([
      { role: "user", parts: [{ text: "Weather and time in Lisbon?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Lisbon", unit: "celsius" } } },
          { functionCall: { name: "get_time", args: { timezone: "Europe/Lisbon" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { temperature: 21, sky: "clear" } } },
          { functionResponse: { name: "get_time", response: { content: "14:05" } } },
          { text: "Thanks. Jacket?" },
        ],
      },
    ]);
  });

  it("signs the first replayed call of a turn for Gemini 3, which rejects unsigned history, and only for Gemini 3", () => {
    const messages: ChatRequestBody["messages"] = [
      { role: "user", content: "Weather in Lisbon and Porto?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Lisbon"}' } },
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Porto"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_0", content: "sunny" },
      { role: "tool", tool_call_id: "call_1", content: "rain" },
    ];
    const gemini3 = convertToGeminiRequest(body({ messages }), "gemini-3-pro-preview").contents[1].parts;
    expect(gemini3.map((part) => part.thoughtSignature)).toEqual([SKIP_THOUGHT_SIGNATURE, undefined]);
    const gemini25 = convertToGeminiRequest(body({ messages }), "gemini-2.5-pro").contents[1].parts;
    expect(gemini25.every((part) => part.thoughtSignature === undefined)).toBe(true);
  });

  it("maps sampling parameters to generationConfig", () => {
    const request = convertToGeminiRequest(
      body({
        temperature: 0.3,
        top_p: 0.9,
        max_tokens: 100,
        max_completion_tokens: 256,
        stop: "END",
        n: 2,
        seed: 7,
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
      }),
      "gemini-2.5-flash",
    );
    expect(request.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 256,
      stopSequences: ["END"],
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
    expect(
      convertToGeminiRequest(body({ max_tokens: 64, stop: ["a", "b"] }), "gemini-2.5-flash").generationConfig,
    ).toEqual({ maxOutputTokens: 64, stopSequences: ["a", "b"] });
    expect(convertToGeminiRequest(body({}), "gemini-2.5-flash").generationConfig).toBeUndefined();
  });

  it("asks for JSON for json_object, and passes a json_schema through untouched as responseJsonSchema", () => {
    expect(
      convertToGeminiRequest(body({ response_format: { type: "json_object" } }), "gemini-2.5-flash").generationConfig,
    ).toEqual({ responseMimeType: "application/json" });
    const schema = {
      type: "object",
      additionalProperties: false,
      properties: { answer: { type: "string" } },
      required: ["answer"],
    };
    expect(
      convertToGeminiRequest(
        body({ response_format: { type: "json_schema", json_schema: { name: "reply", strict: true, schema } } }),
        "gemini-2.5-flash",
      ).generationConfig,
    ).toEqual({ responseMimeType: "application/json", responseJsonSchema: schema });
    expect(
      convertToGeminiRequest(body({ response_format: { type: "text" } }), "gemini-2.5-flash").generationConfig,
    ).toBeUndefined();
  });

  it("turns reasoning_effort into a thinking budget and asks for thought summaries", () => {
    const budgetFor = (effort: string) =>
      convertToGeminiRequest(body({ reasoning_effort: effort }), "gemini-2.5-flash").generationConfig?.thinkingConfig;
    expect(budgetFor("low")).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(budgetFor("medium")).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(budgetFor("high")).toEqual({ thinkingBudget: 24576, includeThoughts: true });
    expect(budgetFor("extreme")).toBeUndefined();
  });
});
