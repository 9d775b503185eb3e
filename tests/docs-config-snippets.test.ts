// The tools' settings the docs show (lib/docs/config-snippets.ts: Claude Code, Cursor, Continue, Cline, aider, Codex, the
// OpenAI SDKs' environment) cannot be run as they are, so each is read back and the app is called exactly as the tool
// would call it with those settings: the base URL as written, the key where the snippet puts it, every model it
// names, over the protocol the tool speaks. A snippet with a wrong URL, path or model id fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIG_SNIPPETS, type ConfigSnippet, KEY_PLACEHOLDER, readSettings } from "../lib/docs/config-snippets";
import { DEFAULT_DOCS_MODEL } from "../lib/docs/site-samples";
import { appBaseUrl } from "./support/app-client";
import { closeDatabase, createKey } from "./support/keys";

let apiKey = "";

beforeAll(async () => {
  apiKey = (await createKey({ credits: 5, name: "docs config snippets" })).key;
}, 60_000);

afterAll(async () => {
  await closeDatabase();
});

type JsonOutput = { content?: Array<{ text?: string }> };

/** One request as the tool sends it: OpenAI's chat completions under the base URL, or Claude Code's Messages call. */
async function callAsTheTool(snippet: ConfigSnippet, baseUrl: string, key: string, model: string) {
  const prompt = `Hello from ${snippet.id}`;
  if (snippet.protocol === "openai-chat") {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, stream: false, messages: [{ role: "user", content: prompt }] }),
    });
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }>; model?: string };
    return { status: response.status, model: body.model, text: body.choices?.[0]?.message?.content };
  }
  if (snippet.protocol === "openai-responses") {
    const response = await fetch(`${baseUrl}/responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, input: prompt, store: false }),
    });
    const body = (await response.json()) as { output_text?: string; model?: string; output?: JsonOutput[] };
    const text = body.output
      ?.flatMap((item) => item.content ?? [])
      .map((part) => part.text ?? "")
      .join("");
    return { status: response.status, model: body.model, text };
  }
  // ANTHROPIC_AUTH_TOKEN goes as a Bearer token; Claude Code appends /v1/messages to ANTHROPIC_BASE_URL.
  const response = await fetch(`${baseUrl}/v1/messages`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    },
    body: JSON.stringify({ model, max_tokens: 64, messages: [{ role: "user", content: prompt }] }),
  });
  const body = (await response.json()) as { type?: string; model?: string; content?: Array<{ text?: string }> };
  return { status: response.status, model: body.model, text: body.type === "message" ? body.content?.[0]?.text : "" };
}

describe.each(Object.values(CONFIG_SNIPPETS).map((snippet) => [snippet.id, snippet] as const))(
  "the %s settings",
  (_id, snippet) => {
    for (const picked of [DEFAULT_DOCS_MODEL, "anthropic/claude-sonnet-4"]) {
      it(`reach the app and serve every model they name (picked: ${picked})`, async () => {
        const settings = readSettings(snippet, { origin: appBaseUrl(), model: picked });
        expect(settings.apiKey, "the snippet shows the placeholder, never a key").toBe(KEY_PLACEHOLDER);
        expect(settings.baseUrl).toBeDefined();
        // The OpenAI SDKs' environment names no model: the docs' default stands for the reader's.
        const models = settings.models.length > 0 ? settings.models : [picked];
        for (const model of models) {
          const answer = await callAsTheTool(snippet, settings.baseUrl ?? "", apiKey, model);
          expect(answer.status, `${snippet.id} calling ${model}`).toBe(200);
          expect(answer.model).toBe(model);
          expect(answer.text, `${snippet.id} calling ${model}`).toBeTruthy();
        }
      });
    }
  },
);
