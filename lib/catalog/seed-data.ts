/**
 * Model catalog seed data: the models, aliases and public list prices the
 * catalog starts with. The database is the source of truth once seeded; this
 * file is what a fresh install (and the seed script) loads.
 *
 * Prices are USD per 1M tokens (per image for image models), written as decimal
 * strings exactly as the provider lists them, so they convert to integer
 * micro-USD without floating point. At most 6 decimals.
 *
 * Sources: the providers' public pricing pages (OpenAI, Anthropic, Google AI
 * for Developers, DeepSeek, Moonshot, Alibaba Model Studio international,
 * MiniMax, Mistral, Groq, xAI, Zhipu BigModel). Lines marked "best-known"
 * could not be re-confirmed when this file was written; check them against the
 * provider page before relying on them for billing.
 */

export type SeedModelKind = "chat" | "embedding" | "image" | "speech" | "transcription";
export type SeedModelStatus = "live" | "free" | "soon" | "disabled";

export interface SeedModel {
  /** Public id "<provider>/<model>", provider one of SEED_PROVIDER_IDS */
  id: string;
  /** The upstream provider's own model name, sent upstream */
  upstreamModel: string;
  displayName: string;
  kind: SeedModelKind;
  status: SeedModelStatus;
  contextLength?: number;
  maxOutputTokens?: number;
  /** subset of SEED_CAPABILITIES */
  capabilities: string[];
  /** USD per 1M tokens, as decimal strings exactly as the provider lists them, e.g. "0.15" */
  inputPerMillionUsd?: string;
  cachedInputPerMillionUsd?: string;
  /** Writing the prompt cache, where the provider prices it apart (Anthropic: 1.25× input, 5-minute cache) */
  cacheWritePerMillionUsd?: string;
  outputPerMillionUsd?: string;
  /** image models: USD per image keyed "quality:size" (e.g. "standard:1024x1024", "hd:1024x1792", "low:1024x1024") */
  imagePricesUsd?: Record<string, string>;
  /** audio models: USD per 1M input characters (speech) or per minute of audio (transcription) */
  audioPriceUsd?: string;
  /** extra ids that resolve to this model, e.g. "deepseek-v3.2" */
  aliases?: string[];
}

export const SEED_PROVIDER_IDS = [
  "openai",
  "anthropic",
  "google",
  "deepseek",
  "zhipu",
  "moonshot",
  "qwen",
  "minimax",
  "mistral",
  "groq",
  "xai",
  "openrouter",
  "ollama",
] as const;

export type SeedProviderId = (typeof SEED_PROVIDER_IDS)[number];

/** The capability names a seed model may list. */
export const SEED_CAPABILITIES = [
  "streaming",
  "tools",
  "vision",
  "json",
  "reasoning",
  "completions",
  "system-messages",
] as const;

export const SEED_MODELS: SeedModel[] = [
  // ───────────────────────────── OpenAI ─────────────────────────────
  {
    id: "openai/gpt-4o",
    upstreamModel: "gpt-4o",
    displayName: "GPT-4o",
    kind: "chat",
    status: "live",
    contextLength: 128000,
    maxOutputTokens: 16384,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "2.50",
    cachedInputPerMillionUsd: "1.25",
    outputPerMillionUsd: "10.00",
  },
  {
    // The one legacy completions model OpenAI still serves: /v1/completions goes to its upstream as it came.
    id: "openai/gpt-3.5-turbo-instruct",
    upstreamModel: "gpt-3.5-turbo-instruct",
    displayName: "GPT-3.5 Turbo Instruct",
    kind: "chat",
    status: "live",
    contextLength: 4096,
    maxOutputTokens: 4096,
    capabilities: ["streaming", "completions"],
    inputPerMillionUsd: "1.50",
    outputPerMillionUsd: "2.00",
  },
  {
    id: "openai/gpt-4o-mini",
    upstreamModel: "gpt-4o-mini",
    displayName: "GPT-4o mini",
    kind: "chat",
    status: "live",
    contextLength: 128000,
    maxOutputTokens: 16384,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "0.15",
    cachedInputPerMillionUsd: "0.075",
    outputPerMillionUsd: "0.60",
  },
  {
    id: "openai/gpt-4.1",
    upstreamModel: "gpt-4.1",
    displayName: "GPT-4.1",
    kind: "chat",
    status: "live",
    contextLength: 1047576,
    maxOutputTokens: 32768,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "2.00",
    cachedInputPerMillionUsd: "0.50",
    outputPerMillionUsd: "8.00",
  },
  {
    id: "openai/gpt-4.1-mini",
    upstreamModel: "gpt-4.1-mini",
    displayName: "GPT-4.1 mini",
    kind: "chat",
    status: "live",
    contextLength: 1047576,
    maxOutputTokens: 32768,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "0.40",
    cachedInputPerMillionUsd: "0.10",
    outputPerMillionUsd: "1.60",
  },
  {
    id: "openai/gpt-4.1-nano",
    upstreamModel: "gpt-4.1-nano",
    displayName: "GPT-4.1 nano",
    kind: "chat",
    status: "live",
    contextLength: 1047576,
    maxOutputTokens: 32768,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "0.10",
    cachedInputPerMillionUsd: "0.025",
    outputPerMillionUsd: "0.40",
  },
  {
    id: "openai/o4-mini",
    upstreamModel: "o4-mini",
    displayName: "o4-mini",
    kind: "chat",
    status: "live",
    contextLength: 200000,
    maxOutputTokens: 100000,
    capabilities: ["streaming", "tools", "vision", "json", "reasoning"],
    inputPerMillionUsd: "1.10",
    cachedInputPerMillionUsd: "0.275",
    outputPerMillionUsd: "4.40",
  },
  {
    id: "openai/text-embedding-3-small",
    upstreamModel: "text-embedding-3-small",
    displayName: "text-embedding-3-small",
    kind: "embedding",
    status: "live",
    contextLength: 8191,
    capabilities: [],
    inputPerMillionUsd: "0.02",
  },
  {
    id: "openai/text-embedding-3-large",
    upstreamModel: "text-embedding-3-large",
    displayName: "text-embedding-3-large",
    kind: "embedding",
    status: "live",
    contextLength: 8191,
    capabilities: [],
    inputPerMillionUsd: "0.13",
  },
  {
    id: "openai/gpt-image-1",
    upstreamModel: "gpt-image-1",
    displayName: "GPT Image 1",
    kind: "image",
    status: "live",
    capabilities: [],
    // Token prices: text input, cached text input, image output tokens.
    inputPerMillionUsd: "5.00",
    cachedInputPerMillionUsd: "1.25",
    outputPerMillionUsd: "40.00",
    imagePricesUsd: {
      "low:1024x1024": "0.011",
      "low:1024x1536": "0.016",
      "low:1536x1024": "0.016",
      "medium:1024x1024": "0.042",
      "medium:1024x1536": "0.063",
      "medium:1536x1024": "0.063",
      "high:1024x1024": "0.167",
      "high:1024x1536": "0.25",
      "high:1536x1024": "0.25",
    },
  },
  // Audio. tts-1 and whisper-1 are listed per character and per minute; the gpt-4o transcribe models are billed by
  // OpenAI in tokens, with the per-minute figure OpenAI gives as their estimated cost, which is what is charged here.
  {
    id: "openai/tts-1",
    upstreamModel: "tts-1",
    displayName: "TTS-1",
    kind: "speech",
    status: "live",
    capabilities: [],
    audioPriceUsd: "15.00",
  },
  {
    id: "openai/tts-1-hd",
    upstreamModel: "tts-1-hd",
    displayName: "TTS-1 HD",
    kind: "speech",
    status: "live",
    capabilities: [],
    audioPriceUsd: "30.00",
  },
  {
    id: "openai/whisper-1",
    upstreamModel: "whisper-1",
    displayName: "Whisper",
    kind: "transcription",
    status: "live",
    capabilities: [],
    audioPriceUsd: "0.006",
  },
  {
    id: "openai/gpt-4o-transcribe",
    upstreamModel: "gpt-4o-transcribe",
    displayName: "GPT-4o Transcribe",
    kind: "transcription",
    status: "live",
    capabilities: [],
    audioPriceUsd: "0.006",
  },
  {
    id: "openai/gpt-4o-mini-transcribe",
    upstreamModel: "gpt-4o-mini-transcribe",
    displayName: "GPT-4o mini Transcribe",
    kind: "transcription",
    status: "live",
    capabilities: [],
    audioPriceUsd: "0.003",
  },
  {
    id: "openai/dall-e-3",
    upstreamModel: "dall-e-3",
    displayName: "DALL·E 3",
    kind: "image",
    status: "live",
    capabilities: [],
    imagePricesUsd: {
      "standard:1024x1024": "0.04",
      "standard:1024x1792": "0.08",
      "standard:1792x1024": "0.08",
      "hd:1024x1024": "0.08",
      "hd:1024x1792": "0.12",
      "hd:1792x1024": "0.12",
    },
  },

  // ──────────────────────────── Anthropic ───────────────────────────
  // cachedInput = "cache hits & refreshes" (cache read) price.
  {
    id: "anthropic/claude-sonnet-4",
    upstreamModel: "claude-sonnet-4-20250514",
    displayName: "Claude Sonnet 4",
    kind: "chat",
    status: "live",
    contextLength: 200000,
    maxOutputTokens: 64000,
    capabilities: ["streaming", "tools", "vision", "reasoning"],
    inputPerMillionUsd: "3",
    cacheWritePerMillionUsd: "3.75",
    cachedInputPerMillionUsd: "0.30",
    outputPerMillionUsd: "15",
    aliases: ["claude-sonnet-4-0"],
  },
  {
    id: "anthropic/claude-opus-4",
    upstreamModel: "claude-opus-4-20250514",
    displayName: "Claude Opus 4",
    kind: "chat",
    status: "live",
    contextLength: 200000,
    maxOutputTokens: 32000,
    capabilities: ["streaming", "tools", "vision", "reasoning"],
    inputPerMillionUsd: "15",
    cacheWritePerMillionUsd: "18.75",
    cachedInputPerMillionUsd: "1.50",
    outputPerMillionUsd: "75",
    aliases: ["claude-opus-4-0"],
  },
  {
    id: "anthropic/claude-3-5-haiku",
    upstreamModel: "claude-3-5-haiku-20241022",
    displayName: "Claude Haiku 3.5",
    kind: "chat",
    status: "live",
    contextLength: 200000,
    maxOutputTokens: 8192,
    capabilities: ["streaming", "tools", "vision"],
    inputPerMillionUsd: "0.80",
    cacheWritePerMillionUsd: "1",
    cachedInputPerMillionUsd: "0.08",
    outputPerMillionUsd: "4",
    aliases: ["claude-3-5-haiku-latest"],
  },
  {
    id: "anthropic/claude-sonnet-4-5",
    upstreamModel: "claude-sonnet-4-5-20250929",
    displayName: "Claude Sonnet 4.5",
    kind: "chat",
    status: "live",
    contextLength: 200000,
    maxOutputTokens: 64000,
    capabilities: ["streaming", "tools", "vision", "reasoning"],
    inputPerMillionUsd: "3",
    cacheWritePerMillionUsd: "3.75",
    cachedInputPerMillionUsd: "0.30",
    outputPerMillionUsd: "15",
  },
  {
    id: "anthropic/claude-haiku-4-5",
    upstreamModel: "claude-haiku-4-5-20251001",
    displayName: "Claude Haiku 4.5",
    kind: "chat",
    status: "live",
    contextLength: 200000,
    maxOutputTokens: 64000,
    capabilities: ["streaming", "tools", "vision", "reasoning"],
    inputPerMillionUsd: "1",
    cacheWritePerMillionUsd: "1.25",
    cachedInputPerMillionUsd: "0.10",
    outputPerMillionUsd: "5",
  },

  // ───────────────────────────── Google ─────────────────────────────
  // Prices are the <=200k-token prompt tier; cachedInput = context-cache read price.
  {
    id: "google/gemini-2.5-pro",
    upstreamModel: "gemini-2.5-pro",
    displayName: "Gemini 2.5 Pro",
    kind: "chat",
    status: "live",
    contextLength: 1048576,
    maxOutputTokens: 65536,
    capabilities: ["streaming", "tools", "vision", "json", "reasoning"],
    inputPerMillionUsd: "1.25",
    cachedInputPerMillionUsd: "0.31",
    outputPerMillionUsd: "10.00",
  },
  {
    id: "google/gemini-2.5-flash",
    upstreamModel: "gemini-2.5-flash",
    displayName: "Gemini 2.5 Flash",
    kind: "chat",
    status: "live",
    contextLength: 1048576,
    maxOutputTokens: 65536,
    capabilities: ["streaming", "tools", "vision", "json", "reasoning"],
    inputPerMillionUsd: "0.30",
    cachedInputPerMillionUsd: "0.075",
    outputPerMillionUsd: "2.50",
  },
  {
    id: "google/gemini-2.5-flash-lite",
    upstreamModel: "gemini-2.5-flash-lite",
    displayName: "Gemini 2.5 Flash-Lite",
    kind: "chat",
    status: "live",
    contextLength: 1048576,
    maxOutputTokens: 65536,
    capabilities: ["streaming", "tools", "vision", "json", "reasoning"],
    inputPerMillionUsd: "0.10",
    cachedInputPerMillionUsd: "0.025",
    outputPerMillionUsd: "0.40",
  },
  {
    id: "google/gemini-embedding-001",
    upstreamModel: "gemini-embedding-001",
    displayName: "Gemini Embedding",
    kind: "embedding",
    status: "live",
    contextLength: 2048,
    capabilities: [],
    inputPerMillionUsd: "0.15", // best-known list price
  },
  {
    id: "google/gemini-2.5-flash-image",
    upstreamModel: "gemini-2.5-flash-image",
    displayName: "Gemini 2.5 Flash Image",
    kind: "image",
    status: "soon",
    capabilities: [],
  },

  // ──────────────────────────── DeepSeek ────────────────────────────
  // DeepSeek-V3.2 pricing; cachedInput = cache-hit price, input = cache-miss price.
  {
    id: "deepseek/deepseek-chat",
    upstreamModel: "deepseek-chat",
    displayName: "DeepSeek V3.2",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    maxOutputTokens: 8192,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.28",
    cachedInputPerMillionUsd: "0.028",
    outputPerMillionUsd: "0.42",
    aliases: ["deepseek-v3.2"],
  },
  {
    id: "deepseek/deepseek-reasoner",
    upstreamModel: "deepseek-reasoner",
    displayName: "DeepSeek V3.2 (thinking)",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    maxOutputTokens: 65536,
    capabilities: ["streaming", "tools", "json", "reasoning"],
    inputPerMillionUsd: "0.28",
    cachedInputPerMillionUsd: "0.028",
    outputPerMillionUsd: "0.42",
  },

  // ───────────────────────────── Zhipu ──────────────────────────────
  // BigModel lists prices in CNY, same rate for input and output; USD below is
  // converted at ~7.2 CNY/USD and rounded.
  {
    id: "zhipu/glm-4-flash",
    upstreamModel: "glm-4-flash",
    displayName: "GLM-4-Flash",
    kind: "chat",
    status: "free",
    contextLength: 128000,
    maxOutputTokens: 16384,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0",
    outputPerMillionUsd: "0",
  },
  {
    id: "zhipu/glm-4-air",
    upstreamModel: "glm-4-air-250414",
    displayName: "GLM-4-Air",
    kind: "chat",
    status: "live",
    contextLength: 128000,
    maxOutputTokens: 16384,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.07", // best-known: 0.5 CNY / 1M tokens, converted
    outputPerMillionUsd: "0.07", // best-known: 0.5 CNY / 1M tokens, converted
  },
  {
    id: "zhipu/glm-4-plus",
    upstreamModel: "glm-4-plus",
    displayName: "GLM-4-Plus",
    kind: "chat",
    status: "live",
    contextLength: 128000,
    maxOutputTokens: 4096,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.69", // 5 CNY / 1M tokens (BigModel docs), converted
    outputPerMillionUsd: "0.69", // 5 CNY / 1M tokens (BigModel docs), converted
  },

  // ──────────────────────────── Moonshot ────────────────────────────
  {
    id: "moonshot/kimi-k2",
    upstreamModel: "kimi-k2-0905-preview",
    displayName: "Kimi K2",
    kind: "chat",
    status: "live",
    contextLength: 262144,
    maxOutputTokens: 32768,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.60",
    cachedInputPerMillionUsd: "0.15",
    outputPerMillionUsd: "2.50",
  },

  // ────────────────────────────── Qwen ──────────────────────────────
  // Alibaba Cloud Model Studio (DashScope) international, OpenAI-compatible mode:
  // https://dashscope-intl.aliyuncs.com/compatible-mode/v1. Prices are the
  // lowest (0-32K input) tier.
  {
    id: "qwen/qwen3-max",
    upstreamModel: "qwen3-max",
    displayName: "Qwen3 Max",
    kind: "chat",
    status: "live",
    contextLength: 262144,
    maxOutputTokens: 65536,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "1.2",
    outputPerMillionUsd: "6",
  },
  {
    id: "qwen/qwen-plus",
    upstreamModel: "qwen-plus",
    displayName: "Qwen Plus",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    maxOutputTokens: 16384,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.4", // best-known list price (0-256K tier)
    outputPerMillionUsd: "1.2", // best-known list price (non-thinking output)
  },

  // ───────────────────────────── MiniMax ────────────────────────────
  {
    id: "minimax/minimax-text-01",
    upstreamModel: "MiniMax-Text-01",
    displayName: "MiniMax-Text-01",
    kind: "chat",
    status: "live",
    contextLength: 1000192,
    capabilities: ["streaming", "tools"],
    inputPerMillionUsd: "0.2", // best-known list price
    outputPerMillionUsd: "1.1", // best-known list price
  },

  // ───────────────────────────── Mistral ────────────────────────────
  {
    id: "mistral/mistral-large",
    upstreamModel: "mistral-large-latest",
    displayName: "Mistral Large",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "2",
    outputPerMillionUsd: "6",
  },
  {
    id: "mistral/mistral-medium",
    upstreamModel: "mistral-medium-latest",
    displayName: "Mistral Medium 3",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "0.4",
    outputPerMillionUsd: "2",
  },
  {
    id: "mistral/mistral-small",
    upstreamModel: "mistral-small-latest",
    displayName: "Mistral Small",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    capabilities: ["streaming", "tools", "vision", "json"],
    inputPerMillionUsd: "0.1", // best-known list price for Small 3.x (some sources list 0.2/0.6)
    outputPerMillionUsd: "0.3", // best-known list price for Small 3.x
  },
  {
    id: "mistral/codestral",
    upstreamModel: "codestral-latest",
    displayName: "Codestral",
    kind: "chat",
    status: "live",
    contextLength: 256000,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.3",
    outputPerMillionUsd: "0.9",
  },
  {
    id: "mistral/magistral-medium",
    upstreamModel: "magistral-medium-latest",
    displayName: "Magistral Medium",
    kind: "chat",
    status: "soon",
    contextLength: 128000,
    capabilities: ["streaming", "tools", "json", "reasoning"],
  },

  // ────────────────────────────── Groq ──────────────────────────────
  {
    id: "groq/llama-3.3-70b-versatile",
    upstreamModel: "llama-3.3-70b-versatile",
    displayName: "Llama 3.3 70B (Groq)",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    maxOutputTokens: 32768,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.59",
    outputPerMillionUsd: "0.79",
  },
  {
    id: "groq/llama-3.1-8b-instant",
    upstreamModel: "llama-3.1-8b-instant",
    displayName: "Llama 3.1 8B Instant (Groq)",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    maxOutputTokens: 131072,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "0.05",
    outputPerMillionUsd: "0.08",
  },

  // ─────────────────────────────── xAI ──────────────────────────────
  {
    id: "xai/grok-4",
    upstreamModel: "grok-4-0709",
    displayName: "Grok 4",
    kind: "chat",
    status: "live",
    contextLength: 256000,
    capabilities: ["streaming", "tools", "vision", "json", "reasoning"],
    inputPerMillionUsd: "3.00",
    cachedInputPerMillionUsd: "0.75",
    outputPerMillionUsd: "15.00",
  },
  {
    id: "xai/grok-3",
    upstreamModel: "grok-3",
    displayName: "Grok 3",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    capabilities: ["streaming", "tools", "json"],
    inputPerMillionUsd: "3.00",
    cachedInputPerMillionUsd: "0.75",
    outputPerMillionUsd: "15.00",
  },
  {
    id: "xai/grok-3-mini",
    upstreamModel: "grok-3-mini",
    displayName: "Grok 3 Mini",
    kind: "chat",
    status: "live",
    contextLength: 131072,
    capabilities: ["streaming", "tools", "json", "reasoning"],
    inputPerMillionUsd: "0.30",
    cachedInputPerMillionUsd: "0.075",
    outputPerMillionUsd: "0.50",
  },

  // ─────────────────────────── OpenRouter ───────────────────────────
  {
    id: "openrouter/auto",
    upstreamModel: "openrouter/auto",
    displayName: "OpenRouter Auto",
    kind: "chat",
    status: "soon",
    capabilities: ["streaming", "tools"],
  },

  // ───────────────────────────── Ollama ─────────────────────────────
  // Self-hosted: no upstream charge.
  {
    id: "ollama/llama3.2",
    upstreamModel: "llama3.2",
    displayName: "Llama 3.2 3B (local)",
    kind: "chat",
    status: "free",
    contextLength: 131072,
    capabilities: ["streaming", "tools"],
    inputPerMillionUsd: "0",
    outputPerMillionUsd: "0",
  },
];
