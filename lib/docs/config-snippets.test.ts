import { describe, expect, it } from "vitest";
import { SEED_MODELS } from "../catalog/seed-data";
import { CONFIG_SNIPPETS, type ConfigProtocol, KEY_PLACEHOLDER, readSettings } from "./config-snippets";

const ORIGIN = "https://switchyard.example";
const CALLABLE_CHAT = new Set(
  SEED_MODELS.filter((model) => model.kind === "chat" && (model.status === "live" || model.status === "free")).map(
    (model) => model.id,
  ),
);

/** The variables each kind of tool reads (Claude Code's, the OpenAI SDKs' and aider's), as their docs name them. */
const VARIABLES: Record<ConfigProtocol, string[]> = {
  "anthropic-messages": [
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL",
  ],
  "openai-chat": ["OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_API_KEY"],
  "openai-responses": ["SWITCHYARD_API_KEY"],
};

describe("the docs' configuration snippets", () => {
  const snippets = Object.values(CONFIG_SNIPPETS);

  for (const model of ["openai/gpt-4o-mini", "anthropic/claude-sonnet-4", "google/gemini-2.5-flash"]) {
    it(`point at this site with the key placeholder and callable models (picked: ${model})`, () => {
      for (const snippet of snippets) {
        const settings = readSettings(snippet, { origin: ORIGIN, model });
        const expectedBase = snippet.protocol === "anthropic-messages" ? ORIGIN : `${ORIGIN}/v1`;
        expect(settings.baseUrl, `${snippet.id}: base URL`).toBe(expectedBase);
        expect(settings.apiKey, `${snippet.id}: key`).toBe(KEY_PLACEHOLDER);
        for (const used of settings.models) expect(CALLABLE_CHAT.has(used), `${snippet.id}: ${used}`).toBe(true);
        if (snippet.id !== "openai-environment")
          expect(settings.models, `${snippet.id} follows the pick`).toContain(model);
        for (const variable of settings.variables) expect(VARIABLES[snippet.protocol]).toContain(variable);
      }
    });
  }

  it("never sets ANTHROPIC_API_KEY beside the auth token, and never shows a URL but this site's", () => {
    for (const snippet of snippets) {
      const code = snippet.code({ origin: ORIGIN, model: "openai/gpt-4o-mini" });
      expect(code).not.toContain("ANTHROPIC_API_KEY");
      for (const url of code.match(/https?:\/\/[^\s"']+/g) ?? []) expect([ORIGIN, `${ORIGIN}/v1`]).toContain(url);
    }
  });

  it("reads what a snippet says, so a wrong one fails", () => {
    const broken = {
      ...CONFIG_SNIPPETS.cline,
      code: () => `Base URL:      ${ORIGIN}\nAPI Key:       ${KEY_PLACEHOLDER}\nModel ID:      gpt-5-turbo`,
    };
    const settings = readSettings(broken, { origin: ORIGIN, model: "openai/gpt-4o-mini" });
    expect(settings.baseUrl).toBe(ORIGIN);
    expect(settings.models).toEqual(["gpt-5-turbo"]);
    expect(CALLABLE_CHAT.has("gpt-5-turbo")).toBe(false);
  });
});
