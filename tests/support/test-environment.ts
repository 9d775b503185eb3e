// What the integration run is configured with, shared by the global set-up and the tests.
import { fileURLToPath } from "node:url";

/**
 * The test app's output: tests/.app.log, or tests/.app-<n>.log in shard n of a run split by scripts/test.ts
 * (TEST_SHARD), whose shards each start an app of their own.
 */
export function testAppLogPath(): string {
  const shard = process.env.TEST_SHARD;
  return fileURLToPath(new URL(shard ? `../.app-${shard}.log` : "../.app.log", import.meta.url));
}

/** The provider keys the app is started with; only these may reach the upstream. */
export const upstreamOpenAIKey = "sk-test-upstream-key";
/** DeepSeek gets two keys, so that failing over from one key to the next can be watched. */
export const upstreamDeepSeekKeys = ["sk-test-deepseek", "sk-test-deepseek-second"] as const;
export const upstreamAnthropicKey = "sk-ant-test-upstream";
export const upstreamGeminiKey = "gemini-test-upstream";
/** Zhipu (the free demo's model, zhipu/glm-4-flash) is served by the OpenAI stand-in with this key. */
export const upstreamZhipuKey = "sk-test-zhipu";
/** UPSTREAM_TIMEOUT_MS given to the app, so timeouts can be provoked in seconds. */
export const upstreamTimeoutMs = 3_000;
/** A stream's upstream must answer within this (UPSTREAM_FIRST_BYTE_TIMEOUT_MS), else the request fails over. */
export const upstreamFirstByteTimeoutMs = 1_500;
/** A stream's upstream may be silent this long (UPSTREAM_STREAM_TIMEOUT_MS) before the stream ends in an error. */
export const upstreamStreamIdleTimeoutMs = 4_000;
/** REQUEST_BODY_TIMEOUT_MS given to the app, so a stalled body is refused in seconds. */
export const requestBodyTimeoutMs = 3_000;

/** Provider settings that must not leak in from the developer's shell: only the stand-in is an upstream. */
const inheritedVariablesToDrop =
  /^(OPENAI|ANTHROPIC|GEMINI|DEEPSEEK|ZHIPU|MOONSHOT|DASHSCOPE|MINIMAX|MISTRAL|GROQ|XAI|OPENROUTER|OLLAMA)_(API_KEY|BASE_URL)$|^UPSTASH_|^STRIPE_/;

/** The environment of a child process (the app, the CLI): this shell's, minus upstream settings, plus `settings`. */
export function childEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(environment)) {
    if (inheritedVariablesToDrop.test(name)) delete environment[name];
  }
  return Object.assign(environment, settings);
}
