// Real clients of POST /v1/responses against the gateway, as users run them: the AI SDK's default `openai(model)`
// provider (generateText, streamText, tools, generateObject), LangChain's ChatOpenAI with `useResponsesApi: true`,
// and Codex CLI (`codex exec` with a custom model provider,
// `wire_api = "responses"`, with the docs' own config.toml), on an OpenAI model (the upstream's own /v1/responses)
// and on models that are not OpenAI's (translated to chat completions). Codex runs offline: its binary comes inside
// the @openai/codex package, and the stand-ins play the model, choosing its shell tool, then answering.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createOpenAI } from "@ai-sdk/openai";
import { ChatOpenAI } from "@langchain/openai";
import { generateObject, generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONFIG_SNIPPETS } from "../lib/docs/config-snippets";
import { appBaseUrl } from "./support/app-client";
import { closeDatabase, createKey, requestLogs, type MintedKey } from "./support/keys";
import { connectAnthropicStandIn, connectStandIn, type RecordedRequest } from "./support/stand-in-client";

const openaiStandIn = connectStandIn();
const anthropicStandIn = connectAnthropicStandIn();
const nativeModel = "openai/gpt-4o-mini";
const chatModel = "deepseek/deepseek-chat";
const anthropicModel = "anthropic/claude-sonnet-4";
const geminiModel = "google/gemini-2.5-flash";
let account: MintedKey;

type JsonObject = Record<string, unknown>;

async function posts(pathname: string): Promise<RecordedRequest[]> {
  return (await openaiStandIn.requests()).filter((request) => request.method === "POST" && request.path === pathname);
}

beforeAll(async () => {
  account = await createKey({ credits: 20 });
});

beforeEach(async () => {
  await Promise.all([openaiStandIn.reset(), anthropicStandIn.reset()]);
});

afterAll(async () => {
  await Promise.all([openaiStandIn.reset(), anthropicStandIn.reset()]);
  await closeDatabase();
});

describe("the AI SDK's default openai(model) provider", () => {
  const provider = () => createOpenAI({ baseURL: `${appBaseUrl()}/v1`, apiKey: account.key });

  for (const model of [nativeModel, anthropicModel, geminiModel]) {
    it(`generateText and streamText on ${model}`, async () => {
      const openai = provider();
      const generated = await generateText({ model: openai(model), prompt: "hello from the AI SDK" });
      expect(generated.text).toBe("You said: hello from the AI SDK");
      expect(generated.finishReason).toBe("stop");
      expect(generated.usage.inputTokens).toBeGreaterThan(0);
      expect(generated.usage.outputTokens).toBeGreaterThan(0);

      const streamed = streamText({ model: openai(model), prompt: "stream from the AI SDK" });
      let text = "";
      for await (const piece of streamed.textStream) text += piece;
      expect(text).toBe("You said: stream from the AI SDK");
      expect(await streamed.finishReason).toBe("stop");
      expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
    });
  }

  it("calls a tool and continues with its result (translated model)", async () => {
    await openaiStandIn.enqueue({ toolCall: { name: "weather", arguments: '{"city":"Da Nang"}' } });
    const openai = provider();
    const seen: JsonObject[] = [];
    const result = await generateText({
      model: openai(chatModel),
      prompt: "weather in Da Nang?",
      tools: {
        weather: tool({
          description: "Weather for a city",
          inputSchema: jsonSchema<{ city: string }>({
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
            additionalProperties: false,
          }),
          execute: async (input) => {
            seen.push(input);
            return { celsius: 30 };
          },
        }),
      },
      stopWhen: stepCountIs(2),
    });
    expect(seen).toEqual([{ city: "Da Nang" }]);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toBe("You said: weather in Da Nang?");
    const [, second] = await posts("/v1/chat/completions");
    const messages = (second.body as JsonObject).messages as JsonObject[];
    expect(messages.at(-1)).toMatchObject({ role: "tool", content: JSON.stringify({ celsius: 30 }) });
  });

  for (const model of [nativeModel, chatModel]) {
    it(`generateObject on ${model}`, async () => {
      const openai = provider();
      const { object } = await generateObject({
        model: openai(model),
        prompt: "a city",
        schema: jsonSchema<{ city: string; population: number }>({
          type: "object",
          properties: { city: { type: "string" }, population: { type: "number" } },
          required: ["city", "population"],
          additionalProperties: false,
        }),
      });
      expect(Object.keys(object).sort()).toEqual(["city", "population"]);
      expect(typeof object.city).toBe("string");
      expect(typeof object.population).toBe("number");
    });
  }
});

describe("LangChain's ChatOpenAI in Responses mode (useResponsesApi: true)", () => {
  const chat = (model: string) =>
    new ChatOpenAI({
      model,
      apiKey: account.key,
      configuration: { baseURL: `${appBaseUrl()}/v1` },
      useResponsesApi: true,
      maxRetries: 0,
    });

  for (const model of [nativeModel, anthropicModel]) {
    it(`invokes and streams on ${model}, through /v1/responses`, async () => {
      const answer = await chat(model).invoke("hello from LangChain");
      expect(answer.text).toBe("You said: hello from LangChain");
      expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
      expect(answer.usage_metadata?.output_tokens).toBeGreaterThan(0);
      let streamed = "";
      for await (const chunk of await chat(model).stream("stream from LangChain")) streamed += chunk.text;
      expect(streamed).toBe("You said: stream from LangChain");
      // An OpenAI model's two calls reached the upstream's own /v1/responses; another's went through chat.
      const native = model === nativeModel;
      expect((await posts("/v1/responses")).length).toBe(native ? 2 : 0);
    });
  }

  it("binds a tool and gets its call back (translated model)", async () => {
    await openaiStandIn.enqueue({ toolCall: { name: "weather", arguments: '{"city":"Hue"}' } });
    const model = chat(chatModel).bindTools([
      {
        type: "function",
        function: {
          name: "weather",
          description: "Weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
    ]);
    const answer = await model.invoke("weather in Hue?");
    expect(answer.tool_calls?.map((call) => [call.name, call.args])).toEqual([["weather", { city: "Hue" }]]);
    const [sent] = await posts("/v1/chat/completions");
    expect(((sent.body as JsonObject).tools as JsonObject[]).map((entry) => entry.function)).toMatchObject([
      { name: "weather" },
    ]);
  });
});

const codexBinary = path.resolve("node_modules/.bin/codex");

async function runCodex(
  model: string,
  prompt: string,
): Promise<{ code: number | null; output: string; folder: string }> {
  const folder = await mkdtemp(path.join(tmpdir(), "switchyard-codex-"));
  const home = path.join(folder, "codex-home");
  const work = path.join(folder, "work");
  await mkdir(home);
  await mkdir(work);
  await writeFile(path.join(home, "config.toml"), CONFIG_SNIPPETS.codex.code({ origin: appBaseUrl(), model }));
  await writeFile(path.join(work, "notes.txt"), "the launch code is 4729\n");
  const child = spawn(codexBinary, ["exec", "--skip-git-repo-check", prompt], {
    cwd: work,
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH ?? "",
      HOME: folder,
      CODEX_HOME: home,
      SWITCHYARD_API_KEY: account.key,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output, folder };
}

describe("Codex CLI (codex exec, wire_api = responses)", () => {
  it("completes a task with its shell tool on an OpenAI model", async () => {
    await openaiStandIn.enqueue(
      { toolCall: { name: "exec_command", arguments: JSON.stringify({ cmd: "cat notes.txt" }) } },
      { content: "The launch code is 4729." },
    );
    const { code, output, folder } = await runCodex(nativeModel, "What is the launch code in notes.txt?");
    try {
      expect(code, output).toBe(0);
      expect(output).toContain("The launch code is 4729.");
      const [first, second, ...others] = await posts("/v1/responses");
      expect(others).toEqual([]);
      const firstBody = first.body as JsonObject;
      // What Codex sends, passed on: its tools, reasoning summary, includes and cache key (store stays false).
      expect(firstBody).toMatchObject({
        model: "gpt-4o-mini",
        stream: true,
        store: false,
        tool_choice: "auto",
        reasoning: { summary: "auto" },
        include: ["reasoning.encrypted_content"],
      });
      expect(typeof firstBody.prompt_cache_key).toBe("string");
      expect((firstBody.tools as JsonObject[]).map((entry) => entry.name ?? entry.type)).toContain("exec_command");
      const input = (second.body as JsonObject).input as JsonObject[];
      const toolOutput = input.find((item) => item.type === "function_call_output");
      expect(String(toolOutput?.output)).toContain("the launch code is 4729");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("completes a task with its shell tool on a model that is not OpenAI's", async () => {
    await openaiStandIn.enqueue(
      { toolCall: { name: "exec_command", arguments: JSON.stringify({ cmd: "cat notes.txt" }) } },
      { content: "The launch code is 4729." },
    );
    const { code, output, folder } = await runCodex(chatModel, "What is the launch code in notes.txt?");
    try {
      expect(code, output).toBe(0);
      expect(output).toContain("The launch code is 4729.");
      const [first, second, ...others] = await posts("/v1/chat/completions");
      expect(others).toEqual([]);
      const tools = ((first.body as JsonObject).tools as Array<{ function: { name: string } }>).map(
        (entry) => entry.function.name,
      );
      expect(tools).toContain("exec_command");
      const messages = (second.body as JsonObject).messages as JsonObject[];
      const toolMessage = messages.find((message) => message.role === "tool");
      expect(String(toolMessage?.content)).toContain("the launch code is 4729");
      const logs = (await requestLogs(account.userId)).filter((row) => row.model === chatModel);
      expect(logs.length).toBeGreaterThanOrEqual(2);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
