// For tests: a plausible finished request's record, with what a test cares about overridden.
import type { UsageRecord } from "./usage-record";

export function testUsageRecord(userId: string, apiKeyId: string, overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    requestId: `req_${crypto.randomUUID()}`,
    userId,
    apiKeyId,
    endpoint: "chat.completions",
    model: "openai/gpt-4o-mini",
    providerId: "openai",
    upstreamModel: "gpt-4o-mini",
    stream: false,
    status: 200,
    errorCode: null,
    finishReason: "stop",
    promptTokens: 10,
    completionTokens: 5,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageSource: "reported",
    costMicros: 100n,
    reservedMicros: 0n,
    latencyMs: 120,
    ttftMs: null,
    attempts: [],
    prompt: null,
    createdAt: new Date(),
    ...overrides,
  };
}
