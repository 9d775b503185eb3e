// Every body the gateway answers validates against OpenAI's published schemas (support/openai-schemas.json), as a
// strict client checks it: chat completions, stream or not, from OpenAI, Anthropic and Gemini models, with their usage
// chunk and their error frames; embeddings as floats and base64; images; the model list and one model; error bodies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatBody, parseJson, postChat, send, sseData, usageCost } from "./support/app-client";
import { closeDatabase, createKey, type MintedKey } from "./support/keys";
import { decodeBase64Embeddings, expectOpenAIChatStream, expectOpenAISchema } from "./support/openai-schema";
import { connectAnthropicStandIn, connectGeminiStandIn, connectStandIn } from "./support/stand-in-client";

const openai = connectStandIn();
const anthropic = connectAnthropicStandIn();
const gemini = connectGeminiStandIn();
let account: MintedKey;

const CHAT_MODELS = ["openai/gpt-4o-mini", "anthropic/claude-sonnet-4", "google/gemini-2.5-flash"];

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

/** Each provider's stand-in, told to fail a stream after a few events the way that provider does. */
const MID_STREAM_FAILURES: Record<string, () => Promise<void>> = {
  "openai/gpt-4o-mini": () => openai.enqueue({ cutAfterChunks: 3 }),
  "anthropic/claude-sonnet-4": () => anthropic.enqueue({ errorEventAfterChunks: 2 }),
  "google/gemini-2.5-flash": () => gemini.enqueue({ errorFrameAfterChunks: 2 }),
};

beforeAll(async () => {
  account = await createKey({ credits: 20 });
});

beforeEach(async () => {
  await Promise.all([openai.reset(), anthropic.reset(), gemini.reset()]);
});

afterAll(async () => {
  await closeDatabase();
});

function post(path: string, body: unknown) {
  return send(path, { apiKey: account.key, body });
}

describe("POST /v1/chat/completions", () => {
  it.each(CHAT_MODELS)("%s: a completion, with usage and its cost", async (model) => {
    const response = await postChat(account.key, chatBody(model, "Say hello."));
    expect(response.status, response.text).toBe(200);
    const body = parseJson(response);
    expectOpenAISchema("CreateChatCompletionResponse", body);
    expect(usageCost(body.usage)).toBeGreaterThan(0);
  });

  it.each(CHAT_MODELS)("%s: a completion with tool calls", async (model) => {
    const body = chatBody(model, "Weather in Lisbon?", { tools: [weatherTool], tool_choice: "required" });
    const response = await postChat(account.key, body);
    expect(response.status, response.text).toBe(200);
    const completion = parseJson(response) as { choices: Array<{ finish_reason: string }> };
    expectOpenAISchema("CreateChatCompletionResponse", completion);
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
  });

  it.each(CHAT_MODELS)("%s: a stream, ended by the usage chunk the client asked for", async (model) => {
    const body = chatBody(model, "Say hello.", { stream: true, stream_options: { include_usage: true } });
    const response = await postChat(account.key, body);
    expect(response.status, response.text).toBe(200);
    const { chunks } = expectOpenAIChatStream(sseData(response.text));
    const last = chunks.at(-1) as { choices: unknown[]; usage?: unknown };
    expect(last.choices).toEqual([]);
    expect(usageCost(last.usage)).toBeGreaterThan(0);
  });

  it.each(CHAT_MODELS)("%s: a stream of tool calls, without usage", async (model) => {
    const body = chatBody(model, "Weather in Lisbon?", { stream: true, tools: [weatherTool], tool_choice: "required" });
    const response = await postChat(account.key, body);
    expect(response.status, response.text).toBe(200);
    const { chunks } = expectOpenAIChatStream(sseData(response.text));
    expect(chunks.some((chunk) => "usage" in chunk && chunk.usage !== null)).toBe(false);
  });

  it.each(CHAT_MODELS)("%s: a stream that fails midway ends with a valid error frame", async (model) => {
    await MID_STREAM_FAILURES[model]();
    const response = await postChat(account.key, chatBody(model, "This answer will fail midway.", { stream: true }));
    expect(response.status, response.text).toBe(200);
    const { chunks, error } = expectOpenAIChatStream(sseData(response.text), { failed: true });
    expect(chunks.length).toBeGreaterThan(0);
    expect(error).toBeDefined();
  });
});

describe("POST /v1/embeddings", () => {
  const cases = ["openai/text-embedding-3-small", "google/gemini-embedding-001"].flatMap((model) => [
    [model, "float"],
    [model, "base64"],
  ]);

  it.each(cases)("%s, %s", async (model, encodingFormat) => {
    const input = ["first text", "second text"];
    const response = await post("/v1/embeddings", { model, input, encoding_format: encodingFormat });
    expect(response.status, response.text).toBe(200);
    const body = parseJson(response) as { data: Array<{ embedding: unknown }>; usage: unknown };
    expect(typeof body.data[0].embedding).toBe(encodingFormat === "base64" ? "string" : "object");
    expectOpenAISchema("CreateEmbeddingResponse", decodeBase64Embeddings(body));
    // A few tokens at cents per million round to $0: the cost is there, whatever it is.
    expect(usageCost(body.usage)).toBeGreaterThanOrEqual(0);
  });
});

describe("POST /v1/images/generations", () => {
  it.each(["url", "b64_json"])(
    "dall-e-3 as %s, counting no tokens: no usage, the cost in its header",
    async (format) => {
      const request = { model: "openai/dall-e-3", prompt: "a lighthouse", n: 2, response_format: format };
      const response = await post("/v1/images/generations", request);
      expect(response.status, response.text).toBe(200);
      const body = parseJson(response);
      expectOpenAISchema("ImagesResponse", body);
      expect(body.usage).toBeUndefined();
      expect(response.headers.get("x-switchyard-cost-usd")).toBe("0.080000");
    },
  );

  it("gpt-image-1, which counts tokens: its usage, with the images and their cost", async () => {
    const request = { model: "openai/gpt-image-1", prompt: "a lighthouse", quality: "low" };
    const response = await post("/v1/images/generations", request);
    expect(response.status, response.text).toBe(200);
    const body = parseJson(response) as { usage: { output_tokens: number; images: number; cost: number } };
    expectOpenAISchema("ImagesResponse", body);
    expect(body.usage).toMatchObject({ output_tokens: 272, images: 1, cost: 0.011 });
  });
});

describe("GET /v1/models", () => {
  it("the list, and the whole catalog with ?all=true", async () => {
    for (const path of ["/v1/models", "/v1/models?all=true"]) {
      const response = await send(path, { apiKey: account.key });
      expect(response.status, response.text).toBe(200);
      const body = parseJson(response) as { data: unknown[] };
      expect(body.data.length).toBeGreaterThan(0);
      expectOpenAISchema("ListModelsResponse", body);
    }
  });

  it.each(CHAT_MODELS)("one model: %s", async (model) => {
    const response = await send(`/v1/models/${model}`, { apiKey: account.key });
    expect(response.status, response.text).toBe(200);
    expectOpenAISchema("Model", parseJson(response));
  });
});

describe("errors", () => {
  it("a refused key, an invalid request, an unknown model, an unknown endpoint", async () => {
    const responses = [
      await send("/v1/chat/completions", { apiKey: "sy-live-nobody", body: chatBody("openai/gpt-4o-mini") }),
      await post("/v1/chat/completions", { model: "openai/gpt-4o-mini", messages: [], temperature: 7 }),
      await send("/v1/models/nobody/nothing", { apiKey: account.key }),
      await post("/v1/nothing-here", {}),
    ];
    expect(responses.map((response) => response.status)).toEqual([401, 400, 404, 404]);
    for (const response of responses) expectOpenAISchema("ErrorResponse", parseJson(response));
  });
});
