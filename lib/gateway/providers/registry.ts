// Every provider Switchyard knows, and the adapter that speaks its wire format.
import { createAnthropicAdapter } from "./anthropic/adapter";
import { createGeminiAdapter } from "./gemini/adapter";
import { createOpenAICompatibleAdapter } from "./openai-compatible/adapter";
import type { ProviderAdapter } from "./types";

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
}

export const PROVIDERS: ProviderDefinition[] = [
  {
    id: "openai",
    name: "OpenAI",
    kind: "openai_compatible",
    envPrefix: "OPENAI",
    defaultBaseUrl: "https://api.openai.com/v1",
    streamOptions: true,
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
  },
  {
    id: "zhipu",
    name: "Zhipu AI (GLM)",
    kind: "openai_compatible",
    envPrefix: "ZHIPU",
    defaultBaseUrl: "https://open.bigmodel.cn/api/paas/v4",
    streamOptions: false,
  },
  {
    id: "moonshot",
    name: "Moonshot AI (Kimi)",
    kind: "openai_compatible",
    envPrefix: "MOONSHOT",
    defaultBaseUrl: "https://api.moonshot.ai/v1",
    streamOptions: true,
  },
  {
    id: "qwen",
    name: "Qwen (DashScope)",
    kind: "openai_compatible",
    envPrefix: "DASHSCOPE",
    defaultBaseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    streamOptions: true,
  },
  {
    id: "minimax",
    name: "MiniMax",
    kind: "openai_compatible",
    envPrefix: "MINIMAX",
    defaultBaseUrl: "https://api.minimax.io/v1",
    streamOptions: true,
  },
  {
    id: "mistral",
    name: "Mistral AI",
    kind: "openai_compatible",
    envPrefix: "MISTRAL",
    defaultBaseUrl: "https://api.mistral.ai/v1",
    streamOptions: false,
  },
  {
    id: "groq",
    name: "Groq",
    kind: "openai_compatible",
    envPrefix: "GROQ",
    defaultBaseUrl: "https://api.groq.com/openai/v1",
    streamOptions: true,
  },
  {
    id: "xai",
    name: "xAI",
    kind: "openai_compatible",
    envPrefix: "XAI",
    defaultBaseUrl: "https://api.x.ai/v1",
    streamOptions: true,
  },
  {
    id: "openrouter",
    name: "OpenRouter",
    kind: "openai_compatible",
    envPrefix: "OPENROUTER",
    defaultBaseUrl: "https://openrouter.ai/api/v1",
    streamOptions: true,
  },
  {
    id: "ollama",
    name: "Ollama / vLLM (OpenAI-compatible server)",
    kind: "openai_compatible",
    envPrefix: "OLLAMA",
    defaultBaseUrl: "http://127.0.0.1:11434/v1",
    keyless: true,
    streamOptions: true,
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
    else adapter = createOpenAICompatibleAdapter({ streamOptions: byId.get(providerId)?.streamOptions ?? true });
    adapters.set(providerId, adapter);
  }
  return adapter;
}
