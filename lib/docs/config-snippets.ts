// Settings and configuration files the docs show for tools (Claude Code, Cursor, Continue, Cline, aider, Codex CLI)
// and for the OpenAI SDKs' environment variables. They are not requests, so the sample runner does not run them; instead
// config-snippets.test.ts reads each one back (its URLs, variable names and model ids) and checks them against the
// gateway, and tests/docs-config-snippets.test.ts calls the app with exactly what each one says.
import type { SampleContext } from "./sample";

/** What a tool sends, read from its settings: OpenAI's chat completions or Responses API, or Anthropic's Messages API. */
export type ConfigProtocol = "openai-chat" | "openai-responses" | "anthropic-messages";

export interface ConfigSnippet {
  id: string;
  protocol: ConfigProtocol;
  code: (context: SampleContext) => string;
}

/** Where the reader's key goes: never a real key in the docs. */
export const KEY_PLACEHOLDER = "sy-live-…";

/** Claude Code's small model for background work: a fast Claude, so the reader's pick stays the main model. */
export const CLAUDE_CODE_SMALL_MODEL = "anthropic/claude-haiku-4-5";

/** aider sends a model named openai/<id> to an OpenAI-compatible API as <id>. */
export const AIDER_PREFIX = "openai/";

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const CONFIG_SNIPPETS = {
  claudeCodeShell: {
    id: "claude-code-shell",
    protocol: "anthropic-messages",
    code: ({ origin, model }) =>
      [
        `export ANTHROPIC_BASE_URL="${origin}"`,
        `export ANTHROPIC_AUTH_TOKEN="${KEY_PLACEHOLDER}"`,
        `export ANTHROPIC_MODEL="${model}"`,
        `export ANTHROPIC_DEFAULT_HAIKU_MODEL="${CLAUDE_CODE_SMALL_MODEL}"`,
        "claude",
      ].join("\n"),
  },
  claudeCodeSettings: {
    id: "claude-code-settings",
    protocol: "anthropic-messages",
    code: ({ origin, model }) =>
      json({
        env: {
          ANTHROPIC_BASE_URL: origin,
          ANTHROPIC_AUTH_TOKEN: KEY_PLACEHOLDER,
          ANTHROPIC_MODEL: model,
          ANTHROPIC_DEFAULT_HAIKU_MODEL: CLAUDE_CODE_SMALL_MODEL,
        },
      }),
  },
  cursor: {
    id: "cursor",
    protocol: "openai-chat",
    code: ({ origin, model }) =>
      [
        `OpenAI API Key:            ${KEY_PLACEHOLDER}`,
        "Override OpenAI Base URL:  on",
        `Base URL:                  ${origin}/v1`,
        `Add model:                 ${model}`,
      ].join("\n"),
  },
  continue: {
    id: "continue",
    protocol: "openai-chat",
    code: ({ origin, model }) =>
      [
        "name: Switchyard",
        "version: 0.0.1",
        "schema: v1",
        "models:",
        `  - name: ${model}`,
        "    provider: openai",
        `    model: ${model}`,
        `    apiBase: ${origin}/v1`,
        `    apiKey: ${KEY_PLACEHOLDER}`,
        "    roles:",
        "      - chat",
        "      - edit",
        "      - apply",
      ].join("\n"),
  },
  cline: {
    id: "cline",
    protocol: "openai-chat",
    code: ({ origin, model }) =>
      [
        "API Provider:  OpenAI Compatible",
        `Base URL:      ${origin}/v1`,
        `API Key:       ${KEY_PLACEHOLDER}`,
        `Model ID:      ${model}`,
      ].join("\n"),
  },
  aider: {
    id: "aider",
    protocol: "openai-chat",
    code: ({ origin, model }) =>
      [
        `export OPENAI_API_BASE="${origin}/v1"`,
        `export OPENAI_API_KEY="${KEY_PLACEHOLDER}"`,
        `aider --model ${AIDER_PREFIX}${model}`,
      ].join("\n"),
  },
  // Codex CLI speaks only the Responses API: a custom model provider with wire_api = "responses", its key read from
  // the variable env_key names (tests/responses-clients.test.ts runs `codex exec` with exactly this file).
  codex: {
    id: "codex",
    protocol: "openai-responses",
    code: ({ origin, model }) =>
      [
        `# ~/.codex/config.toml, with the key in your shell: export SWITCHYARD_API_KEY="${KEY_PLACEHOLDER}"`,
        `model = "${model}"`,
        `model_provider = "switchyard"`,
        "",
        "[model_providers.switchyard]",
        `name = "Switchyard"`,
        `base_url = "${origin}/v1"`,
        `env_key = "SWITCHYARD_API_KEY"`,
        `wire_api = "responses"`,
      ].join("\n"),
  },
  openaiEnvironment: {
    id: "openai-environment",
    protocol: "openai-chat",
    code: ({ origin }) =>
      [`export OPENAI_BASE_URL="${origin}/v1"`, `export OPENAI_API_KEY="${KEY_PLACEHOLDER}"`].join("\n"),
  },
} satisfies Record<string, ConfigSnippet>;

/** What a snippet tells its tool, read back from the text the reader copies. */
export interface ReadSettings {
  baseUrl: string | undefined;
  apiKey: string | undefined;
  /** Every model the tool will ask for, as it will send it. */
  models: string[];
  /** Every environment variable the snippet sets. */
  variables: string[];
}

/** `export NAME="value"` lines, `"NAME": "value"` JSON entries and `Label: value` lines alike. */
function fields(code: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of code.split("\n")) {
    const exported = line.match(/^(?:# .*)?export ([A-Z_]+)="([^"]*)"$/);
    const quoted = line.match(/^\s*"([A-Z_]+)": "([^"]*)",?$/);
    const toml = line.match(/^([a-z_]+) = "([^"]*)"$/);
    const labelled = line.match(/^\s*(?:- )?([A-Za-z][A-Za-z ]*?):\s+(\S.*)$/);
    const match = exported ?? quoted ?? toml ?? labelled;
    if (match) found.set(match[1], match[2].trim());
  }
  return found;
}

export function readSettings(snippet: ConfigSnippet, context: SampleContext): ReadSettings {
  const code = snippet.code(context);
  const found = fields(code);
  const variables = [...code.matchAll(/(?:^export |^# .*export |^\s*")([A-Z][A-Z0-9_]+)(?:=|": )/gm)].map(
    (match) => match[1],
  );
  const pick = (...names: string[]) => names.map((name) => found.get(name)).find((value) => value !== undefined);
  const aider = code.match(/^aider --model (\S+)$/m)?.[1];
  const models = [
    pick("ANTHROPIC_MODEL", "Add model", "model", "Model ID"),
    pick("ANTHROPIC_DEFAULT_HAIKU_MODEL"),
    aider?.startsWith(AIDER_PREFIX) ? aider.slice(AIDER_PREFIX.length) : aider,
  ].filter((model): model is string => model !== undefined);
  return {
    baseUrl: pick("ANTHROPIC_BASE_URL", "OPENAI_API_BASE", "OPENAI_BASE_URL", "Base URL", "apiBase", "base_url"),
    // Codex reads its key from the variable its provider's env_key names.
    apiKey: pick(
      "ANTHROPIC_AUTH_TOKEN",
      "OPENAI_API_KEY",
      "OpenAI API Key",
      "API Key",
      "apiKey",
      found.get("env_key") ?? "",
    ),
    models,
    variables,
  };
}
