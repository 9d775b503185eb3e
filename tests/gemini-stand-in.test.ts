// The Gemini stand-in on its own, driven with plain fetch: its answers must match the Gemini API's (v1beta) wire
// format for the gateway tests to trust it as an upstream. Starts its own stand-in; needs no app (SKIP_APP=1 is enough).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGeminiStandIn, type GeminiStandIn } from "./support/gemini-stand-in";
import { connectGeminiStandIn, type GeminiStandInClient } from "./support/stand-in-client";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

type Json = Record<string, unknown>;

const apiKey = "AIza-stand-in-self-test";
const model = "gemini-2.5-flash";
const weatherFunction = {
  name: "get_weather",
  description: "Current weather for a place",
  parameters: {
    type: "OBJECT",
    properties: {
      city: { type: "STRING" },
      unit: { type: "STRING", enum: ["celsius", "fahrenheit"] },
      days: { type: "INTEGER" },
    },
    required: ["city", "unit"],
  },
};

let server: GeminiStandIn;
let standIn: GeminiStandInClient;

async function post(
  pathAndQuery: string,
  body: unknown,
  headers: Record<string, string> = { "x-goog-api-key": apiKey },
): Promise<Answer> {
  const response = await fetch(`${server.url}${pathAndQuery}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function generate(body: unknown): Promise<Answer> {
  return post(`/v1beta/models/${model}:generateContent`, body);
}

function streamGenerate(body: unknown): Promise<Answer> {
  return post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, body);
}

function userBody(text: string, extra: Json = {}): Json {
  return { contents: [{ role: "user", parts: [{ text }] }], ...extra };
}

/** The JSON of each `data:` frame; every frame must end in CRLF CRLF as Gemini sends them. */
function sseFrames(text: string): Json[] {
  expect(text.endsWith("\r\n\r\n")).toBe(true);
  return text
    .split("\r\n\r\n")
    .filter((frame) => frame.length > 0)
    .map((frame) => {
      expect(frame.startsWith("data: ")).toBe(true);
      return JSON.parse(frame.slice("data: ".length)) as Json;
    });
}

function candidateOf(response: Json): Json {
  return (response.candidates as Json[])[0];
}

function partsOf(response: Json): Json[] {
  return ((candidateOf(response).content as Json).parts as Json[] | undefined) ?? [];
}

function usageOf(response: Json): Record<string, number> {
  return response.usageMetadata as Record<string, number>;
}

function expectGoogleError(answer: Answer, code: number, status: string): string {
  expect(answer.status, answer.text).toBe(code);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error: { code: number; message: string; status: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.status).toBe(status);
  expect(typeof body.error.message).toBe("string");
  return body.error.message;
}

beforeAll(async () => {
  server = await startGeminiStandIn();
  standIn = connectGeminiStandIn(server.url);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  await standIn.reset();
});

describe("Gemini stand-in: generateContent", () => {
  it("answers a GenerateContentResponse echoing the last user text (unicode intact), with usage that adds up", async () => {
    const answer = await generate(
      userBody("héllo 🌍 你好", {
        systemInstruction: { parts: [{ text: "Be brief." }] },
        generationConfig: { temperature: 0.2 },
      }),
    );
    expect(answer.status, answer.text).toBe(200);
    const response = JSON.parse(answer.text) as Json;
    expect(Object.keys(response).sort()).toEqual(["candidates", "modelVersion", "responseId", "usageMetadata"]);
    expect(candidateOf(response)).toEqual({
      content: { parts: [{ text: "You said: héllo 🌍 你好" }], role: "model" },
      finishReason: "STOP",
      index: 0,
    });
    expect(response.modelVersion).toBe(model);
    const usage = usageOf(response);
    expect(usage.promptTokenCount).toBeGreaterThan(0);
    expect(usage.candidatesTokenCount).toBeGreaterThan(0);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount);
    expect(usage.thoughtsTokenCount).toBeUndefined();

    const [received] = await standIn.generateRequests();
    expect(received.headers["x-goog-api-key"]).toBe(apiKey);
    expect(received.keyInQuery).toBe(false);
    expect(received.path).toBe(`/v1beta/models/${model}:generateContent`);
  });

  it("reports thoughtsTokenCount when thinkingConfig asks, and thought parts only with includeThoughts", async () => {
    const hidden = JSON.parse(
      (await generate(userBody("think", { generationConfig: { thinkingConfig: { thinkingBudget: 1024 } } }))).text,
    ) as Json;
    const hiddenUsage = usageOf(hidden);
    expect(hiddenUsage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(hiddenUsage.totalTokenCount).toBe(
      hiddenUsage.promptTokenCount + hiddenUsage.candidatesTokenCount + hiddenUsage.thoughtsTokenCount,
    );
    expect(partsOf(hidden)).toEqual([{ text: "You said: think" }]);

    const shown = JSON.parse(
      (await generate(userBody("think", { generationConfig: { thinkingConfig: { includeThoughts: true } } }))).text,
    ) as Json;
    const [thought, text] = partsOf(shown);
    expect(thought.thought).toBe(true);
    expect(thought.text).toContain("think");
    expect(text).toEqual({ text: "You said: think" });

    const off = JSON.parse(
      (await generate(userBody("think", { generationConfig: { thinkingConfig: { thinkingBudget: 0 } } }))).text,
    ) as Json;
    expect(usageOf(off).thoughtsTokenCount).toBeUndefined();
  });

  it("answers a functionCall part with the declaration's required args under toolConfig mode ANY", async () => {
    const tools = [
      {
        functionDeclarations: [
          {
            name: "get_time",
            parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
          },
          weatherFunction,
        ],
      },
    ];
    const first = JSON.parse(
      (await generate(userBody("Lisbon", { tools, toolConfig: { functionCallingConfig: { mode: "ANY" } } }))).text,
    ) as Json;
    expect(partsOf(first)).toEqual([{ functionCall: { name: "get_time", args: { zone: "Lisbon" } } }]);
    expect(candidateOf(first).finishReason).toBe("STOP");

    const allowed = JSON.parse(
      (
        await generate(
          userBody("Porto", {
            tools,
            toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } },
          }),
        )
      ).text,
    ) as Json;
    expect(partsOf(allowed)).toEqual([
      { functionCall: { name: "get_weather", args: { city: "Porto", unit: "celsius" } } },
    ]);

    const auto = JSON.parse(
      (await generate(userBody("hi", { tools, toolConfig: { functionCallingConfig: { mode: "AUTO" } } }))).text,
    ) as Json;
    expect(partsOf(auto)).toEqual([{ text: "You said: hi" }]);
  });

  it("stops with MAX_TOKENS when maxOutputTokens is too small", async () => {
    const response = JSON.parse(
      (await generate(userBody("a rather long sentence that cannot fit", { generationConfig: { maxOutputTokens: 2 } })))
        .text,
    ) as Json;
    expect(candidateOf(response).finishReason).toBe("MAX_TOKENS");
  });

  it("accepts the proto's snake_case field names too", async () => {
    const answer = await generate({
      contents: [{ role: "user", parts: [{ text: "snake" }] }],
      generation_config: { max_output_tokens: 100 },
      system_instruction: { parts: [{ text: "x" }] },
    });
    expect(answer.status, answer.text).toBe(200);
  });
});

describe("Gemini stand-in: streamGenerateContent?alt=sse", () => {
  it("streams CRLF-framed data: frames without [DONE], text over several frames, finishReason and full usage on the last", async () => {
    const answer = await streamGenerate(userBody("stream me a longer sentence 🌍"));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(answer.text).not.toContain("[DONE]");
    expect(answer.text).not.toMatch(/^event:/m);
    const frames = sseFrames(answer.text);
    expect(frames.length).toBeGreaterThan(3);
    const text = frames
      .map((frame) =>
        partsOf(frame)
          .map((part) => part.text)
          .join(""),
      )
      .join("");
    expect(text).toBe("You said: stream me a longer sentence 🌍");
    expect(frames.slice(0, -1).every((frame) => candidateOf(frame).finishReason === undefined)).toBe(true);
    const last = frames.at(-1) as Json;
    expect(candidateOf(last).finishReason).toBe("STOP");
    const usage = usageOf(last);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount);
    const responseIds = new Set(frames.map((frame) => frame.responseId));
    expect(responseIds.size).toBe(1);
    // Usage is cumulative on every frame, not per frame: summing it would overcount.
    const candidateCounts = frames.map((frame) => usageOf(frame).candidatesTokenCount ?? 0);
    expect(candidateCounts).toEqual([...candidateCounts].sort((left, right) => left - right));
  });

  it("streams thoughts first, then text, with thoughtsTokenCount", async () => {
    const frames = sseFrames(
      (
        await streamGenerate(
          userBody("ponder", { generationConfig: { thinkingConfig: { thinkingBudget: -1, includeThoughts: true } } }),
        )
      ).text,
    );
    const flags = frames.flatMap((frame) => partsOf(frame).map((part) => part.thought === true));
    expect(flags[0]).toBe(true);
    expect(flags.at(-1)).toBe(false);
    expect(flags.indexOf(false)).toBe(flags.lastIndexOf(true) + 1);
    const usage = usageOf(frames.at(-1) as Json);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount);
  });

  it("streams a forced function call whole in one frame, then an empty text with STOP", async () => {
    const frames = sseFrames(
      (
        await streamGenerate(
          userBody("Oslo", {
            tools: [{ functionDeclarations: [weatherFunction] }],
            toolConfig: { functionCallingConfig: { mode: "ANY" } },
          }),
        )
      ).text,
    );
    expect(frames).toHaveLength(2);
    expect(partsOf(frames[0])).toEqual([
      { functionCall: { name: "get_weather", args: { city: "Oslo", unit: "celsius" } } },
    ]);
    expect(partsOf(frames[1])).toEqual([{ text: "" }]);
    expect(candidateOf(frames[1]).finishReason).toBe("STOP");
  });

  it("streams one JSON array when alt=sse is missing, as Gemini does", async () => {
    const answer = await post(`/v1beta/models/${model}:streamGenerateContent`, userBody("array"));
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    const responses = JSON.parse(answer.text) as Json[];
    expect(
      responses
        .map((response) =>
          partsOf(response)
            .map((part) => part.text)
            .join(""),
        )
        .join(""),
    ).toBe("You said: array");
  });
});

describe("Gemini stand-in: embeddings", () => {
  it("answers batchEmbedContents with one embedding per request, honouring outputDimensionality", async () => {
    const modelResource = "models/gemini-embedding-001";
    const answer = await post("/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: ["one", "two", "three"].map((text) => ({
        model: modelResource,
        content: { parts: [{ text }] },
        outputDimensionality: 4,
      })),
    });
    expect(answer.status, answer.text).toBe(200);
    const body = JSON.parse(answer.text) as { embeddings: Array<{ values: number[] }> };
    expect(Object.keys(body)).toEqual(["embeddings"]);
    expect(body.embeddings).toHaveLength(3);
    for (const embedding of body.embeddings) {
      expect(Object.keys(embedding)).toEqual(["values"]);
      expect(embedding.values).toHaveLength(4);
    }
    expect(body.embeddings[0].values).not.toEqual(body.embeddings[1].values);
    expect(await standIn.embedRequests()).toHaveLength(1);
  });

  it("refuses a batch request whose model differs from the URL's, or without a model", async () => {
    const mismatch = await post("/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: [{ model: "models/text-embedding-004", content: { parts: [{ text: "x" }] } }],
    });
    expectGoogleError(mismatch, 400, "INVALID_ARGUMENT");
    const missing = await post("/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: [{ content: { parts: [{ text: "x" }] } }],
    });
    expectGoogleError(missing, 400, "INVALID_ARGUMENT");
  });
});

describe("Gemini stand-in: auth and refusals like the real API", () => {
  it("answers 403 PERMISSION_DENIED without x-goog-api-key, even with ?key=, and records every ?key=", async () => {
    const before = await standIn.keyInQueryCount();
    const withoutKey = await post(`/v1beta/models/${model}:generateContent`, userBody("hi"), {});
    expect(expectGoogleError(withoutKey, 403, "PERMISSION_DENIED")).toContain("unregistered callers");
    const queryOnly = await post(`/v1beta/models/${model}:generateContent?key=${apiKey}`, userBody("hi"), {});
    expectGoogleError(queryOnly, 403, "PERMISSION_DENIED");
    const both = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse&key=${apiKey}`, userBody("hi"));
    expect(both.status).toBe(200);
    expect((await standIn.requests()).map((request) => request.keyInQuery)).toEqual([false, true, true]);
    await standIn.reset();
    expect(await standIn.keyInQueryCount()).toBe(before + 2);
  });

  it.each([
    ["no contents", {}, /contents is not specified/],
    ["an OpenAI role", { contents: [{ role: "assistant", parts: [{ text: "x" }] }] }, /valid role: user, model/],
    ["a system role", { contents: [{ role: "system", parts: [{ text: "x" }] }] }, /valid role: user, model/],
    ["empty parts", { contents: [{ role: "user", parts: [] }] }, /parts must not be empty/],
    ["an unknown top-level field", { ...userBody("x"), messages: [] }, /Unknown name "messages": Cannot find field/],
    [
      "an OpenAI field in generationConfig",
      userBody("x", { generationConfig: { max_tokens: 5 } }),
      /Unknown name "max_tokens" at 'generation_config'/,
    ],
    [
      "additionalProperties in function parameters",
      userBody("x", {
        tools: [
          {
            functionDeclarations: [
              { name: "f", parameters: { type: "object", properties: {}, additionalProperties: false } },
            ],
          },
        ],
      }),
      /Unknown name "additionalProperties" at 'tools\[0\]\.function_declarations\[0\]\.parameters'/,
    ],
  ])("answers 400 INVALID_ARGUMENT for %s", async (_, body, message) => {
    expect(expectGoogleError(await generate(body), 400, "INVALID_ARGUMENT")).toMatch(message);
  });
});

describe("Gemini stand-in: scripted faults", () => {
  it("answers scripted statuses with google.rpc error bodies, and custom bodies as given", async () => {
    await standIn.enqueue({ status: 429 }, { status: 503 }, { status: 500, body: { custom: true } });
    expectGoogleError(await generate(userBody("a")), 429, "RESOURCE_EXHAUSTED");
    expect(expectGoogleError(await generate(userBody("b")), 503, "UNAVAILABLE")).toContain("overloaded");
    const custom = await generate(userBody("c"));
    expect(custom.status).toBe(500);
    expect(JSON.parse(custom.text)).toEqual({ custom: true });
    expect((await generate(userBody("d"))).status).toBe(200);
  });

  it("blocks the prompt for safety: promptFeedback.blockReason SAFETY and no candidates, streamed or not", async () => {
    await standIn.enqueue({ safetyBlock: true }, { safetyBlock: true });
    const blocked = JSON.parse((await generate(userBody("bad"))).text) as Json;
    expect(blocked.candidates).toBeUndefined();
    expect((blocked.promptFeedback as Json).blockReason).toBe("SAFETY");
    expect(usageOf(blocked).totalTokenCount).toBe(usageOf(blocked).promptTokenCount);
    const frames = sseFrames((await streamGenerate(userBody("bad"))).text);
    expect(frames).toHaveLength(1);
    expect((frames[0].promptFeedback as Json).blockReason).toBe("SAFETY");
    expect(frames[0].candidates).toBeUndefined();
  });

  it("ends a candidate with finishReason SAFETY and no text", async () => {
    await standIn.enqueue({ finishReason: "SAFETY" }, { finishReason: "SAFETY" });
    const response = JSON.parse((await generate(userBody("edgy"))).text) as Json;
    expect(candidateOf(response)).toMatchObject({ content: { role: "model" }, finishReason: "SAFETY" });
    expect(partsOf(response)).toEqual([]);
    const frames = sseFrames((await streamGenerate(userBody("edgy"))).text);
    expect(candidateOf(frames.at(-1) as Json).finishReason).toBe("SAFETY");
    expect(frames.flatMap(partsOf)).toEqual([]);
  });

  it("sends an error frame after n frames and ends the stream", async () => {
    await standIn.enqueue({ errorFrameAfterChunks: 2 });
    const frames = sseFrames((await streamGenerate(userBody("a sentence long enough for many frames"))).text);
    expect(frames).toHaveLength(3);
    expect(frames[2]).toEqual({
      error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" },
    });
  });

  it("overrides usage and content, and can frame with LF", async () => {
    const usage = { promptTokenCount: 100, candidatesTokenCount: 5, cachedContentTokenCount: 60 };
    await standIn.enqueue({ usage, content: "Scripted ✓" }, { usage, lineEnding: "lf" });
    const response = JSON.parse((await generate(userBody("x"))).text) as Json;
    expect(partsOf(response)).toEqual([{ text: "Scripted ✓" }]);
    expect(usageOf(response)).toMatchObject({ ...usage, totalTokenCount: 105 });
    const lf = (await streamGenerate(userBody("x"))).text;
    expect(lf).not.toContain("\r\n");
    const last = JSON.parse(lf.trim().split("\n\n").at(-1)?.slice("data: ".length) ?? "{}") as Json;
    expect(usageOf(last)).toMatchObject({ ...usage, totalTokenCount: 105 });
  });

  it("cuts a stream after n frames, resets connections, delays the first byte", async () => {
    await standIn.enqueue(
      { cutAfterChunks: 2 },
      { resetConnection: true },
      { delayFirstByteMs: 300 },
      { cutAfterChunks: 0 },
    );
    await expect(streamGenerate(userBody("cut me somewhere in the middle"))).rejects.toThrow();
    await expect(generate(userBody("reset"))).rejects.toThrow();
    const startedAt = Date.now();
    expect((await generate(userBody("slow"))).status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(280);
    await expect(generate(userBody("cut"))).rejects.toThrow();
  });

  it("paces frames and splits them inside multi-byte characters without corrupting them", async () => {
    await standIn.enqueue({ chunkIntervalMs: 20, splitFrameBytes: true });
    const startedAt = Date.now();
    const frames = sseFrames((await streamGenerate(userBody("ünïcödé 🌍🌍"))).text);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(20 * 4);
    expect(
      frames
        .flatMap(partsOf)
        .map((part) => part.text)
        .join(""),
    ).toBe("You said: ünïcödé 🌍🌍");
  });
});
