// How fast each (provider, model) has answered on this instance: what `provider.sort: "latency" | "throughput"`
// orders deployments by. Exponentially weighted, from served requests only (a refused or failed one says nothing
// about speed), kept in memory: an instance that has seen no traffic orders by the catalog's own priorities.
const WEIGHT_OF_NEWEST = 0.3;
const MAX_ENTRIES = 10_000;

interface Speed {
  /** Milliseconds to the first token. */
  latencyMs: number;
  /** Completion tokens per second over the whole request. */
  tokensPerSecond: number;
}

const speeds = new Map<string, Speed>();

const keyOf = (providerId: string, modelId: string) => `${providerId}\u0000${modelId}`;

export function recordSpeed(
  providerId: string,
  modelId: string,
  sample: { ttftMs: number | null; totalMs: number; completionTokens: number },
): void {
  if (sample.totalMs <= 0) return;
  const latencyMs = sample.ttftMs ?? sample.totalMs;
  const tokensPerSecond = sample.completionTokens / (sample.totalMs / 1000);
  const key = keyOf(providerId, modelId);
  const previous = speeds.get(key);
  if (!previous && speeds.size >= MAX_ENTRIES) return;
  speeds.set(
    key,
    previous
      ? {
          latencyMs: previous.latencyMs + WEIGHT_OF_NEWEST * (latencyMs - previous.latencyMs),
          tokensPerSecond: previous.tokensPerSecond + WEIGHT_OF_NEWEST * (tokensPerSecond - previous.tokensPerSecond),
        }
      : { latencyMs, tokensPerSecond },
  );
}

export function speedOf(providerId: string, modelId: string): Speed | undefined {
  return speeds.get(keyOf(providerId, modelId));
}

/** For tests. */
export function forgetSpeeds(): void {
  speeds.clear();
}
