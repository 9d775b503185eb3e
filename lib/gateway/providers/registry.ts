// Every provider Switchyard knows, and the adapter that speaks its wire format.
import { createAnthropicAdapter } from "./anthropic/adapter";
import { createGeminiAdapter } from "./gemini/adapter";
import { createOpenAICompatibleAdapter } from "./openai-compatible/adapter";
import type { ProviderAdapter } from "./types";
import type { ExtraParams } from "./upstream-params";

export type ProviderKindName = "openai_compatible" | "anthropic" | "gemini";

export interface ProviderDefinition {
  id: string;
  name: string;
  kind: ProviderKindName;
  /** <PREFIX>_API_KEY and <PREFIX>_BASE_URL bootstrap the provider (CONTRACT.md §3). */
  envPrefix: string;
  defaultBaseUrl: string;
  /** Local servers (Ollama, vLLM) take no key; they are enabled by setting their base URL. */
  keyless?: boolean;
  /** Whether the upstream accepts `stream_options.include_usage`; the others report usage in the stream anyway. */
  streamOptions?: boolean;
  /**
   * OpenAI-compatible upstreams: what they take beyond OpenAI's own parameters ("any" for servers that accept extra
   * sampling parameters). Anything else is dropped and named in x-switchyard-dropped-params. Providers an operator or a
   * customer adds (custom OpenAI-compatible servers) take "any".
   */
  extraParams?: ExtraParams;
}

export const PROVIDERS: ProviderDefinition[] = [
  {
    id: "openai",
    name: "OpenAI",
    kind: "openai_compatible",
    envPrefix: "OPENAI",
    defaultBaseUrl: "https://api.openai.com/v1",
    streamOptions: true,
    extraParams: [],
  },
  {
    id: "anthropic",
    name: "Anthropic",
    kind: "anthropic",
    envPrefix: "ANTHROPIC",
    defaultBaseUrl: "https://api.anthropic.com",
  },
  {
    id: "google",
    name: "Google Gemini",
    kind: "gemini",
    envPrefix: "GEMINI",
    defaultBaseUrl: "https://generativelanguage.googleapis.com",
  },
  {
    id: "deepseek",
    name: "DeepSeek",
    kind: "openai_compatible",
    envPrefix: "DEEPSEEK",
    defaultBaseUrl: "https://api.deepseek.com/v1",
    streamOptions: true,
    extraParams: [],
  },
  {
    id: "zhipu",
    name: "Zhipu AI (GLM)",
    kind: "openai_compatible",
    envPrefix: "ZHIPU",
    defaultBaseUrl: "https://open.bigmodel.cn/api/paas/v4",
    streamOptions: false,
    extraParams: ["do_sample", "request_id", "thinking", "tool_stream"],
  },
  {
    id: "moonshot",
    name: "Moonshot AI (Kimi)",
    kind: "openai_compatible",
    envPrefix: "MOONSHOT",
    defaultBaseUrl: "https://api.moonshot.ai/v1",
    streamOptions: true,
    extraParams: [],
  },
  {
    id: "qwen",
    name: "Qwen (DashScope)",
    kind: "openai_compatible",
    envPrefix: "DASHSCOPE",
    defaultBaseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    streamOptions: true,
    extraParams: [
      "enable_thinking",
      "thinking_budget",
      "top_k",
      "repetition_penalty",
      "enable_search",
      "search_options",
    ],
  },
  {
    id: "minimax",
    name: "MiniMax",
    kind: "openai_compatible",
    envPrefix: "MINIMAX",
    defaultBaseUrl: "https://api.minimax.io/v1",
    streamOptions: true,
    extraParams: [],
  },
  {
    id: "mistral",
    name: "Mistral AI",
    kind: "openai_compatible",
    envPrefix: "MISTRAL",
    defaultBaseUrl: "https://api.mistral.ai/v1",
    streamOptions: false,
    extraParams: ["safe_prompt", "random_seed", "prompt_mode"],
  },
  {
    id: "groq",
    name: "Groq",
    kind: "openai_compatible",
    envPrefix: "GROQ",
    defaultBaseUrl: "https://api.groq.com/openai/v1",
    streamOptions: true,
    extraParams: ["reasoning_format", "include_reasoning", "search_settings"],
  },
  {
    id: "xai",
    name: "xAI",
    kind: "openai_compatible",
    envPrefix: "XAI",
    defaultBaseUrl: "https://api.x.ai/v1",
    streamOptions: true,
    extraParams: ["search_parameters"],
  },
  {
    id: "openrouter",
    name: "OpenRouter",
    kind: "openai_compatible",
    envPrefix: "OPENROUTER",
    defaultBaseUrl: "https://openrouter.ai/api/v1",
    streamOptions: true,
    extraParams: "any",
  },
  {
    id: "ollama",
    name: "Ollama / vLLM (OpenAI-compatible server)",
    kind: "openai_compatible",
    envPrefix: "OLLAMA",
    defaultBaseUrl: "http://127.0.0.1:11434/v1",
    keyless: true,
    streamOptions: true,
    extraParams: "any",
  },
];

const byId = new Map(PROVIDERS.map((definition) => [definition.id, definition]));

export function providerDefinition(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}

const adapters = new Map<string, ProviderAdapter>();

/** The adapter for a provider; providers added by operators (not in PROVIDERS) follow their kind. */
export function adapterFor(providerId: string, kind: ProviderKindName): ProviderAdapter {
  let adapter = adapters.get(providerId);
  if (!adapter) {
    if (kind === "anthropic") adapter = createAnthropicAdapter();
    else if (kind === "gemini") adapter = createGeminiAdapter();
    else {
      const definition = byId.get(providerId);
      adapter = createOpenAICompatibleAdapter({
        streamOptions: definition?.streamOptions ?? true,
        extraParams: definition?.extraParams ?? "any",
      });
    }
    adapters.set(providerId, adapter);
  }
  return adapter;
}
