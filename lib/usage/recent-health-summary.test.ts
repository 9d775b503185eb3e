import { describe, expect, it } from "vitest";
import { summarizeHealth, type HealthRow } from "./recent-health-summary";

const CATALOG: Record<string, { id: string; providerId: string }> = {
  "openai/gpt-4o-mini": { id: "openai/gpt-4o-mini", providerId: "openai" },
  "gpt-4o-mini": { id: "openai/gpt-4o-mini", providerId: "openai" },
  "deepseek/deepseek-chat": { id: "deepseek/deepseek-chat", providerId: "deepseek" },
  "deepseek-v3.2": { id: "deepseek/deepseek-chat", providerId: "deepseek" },
};
const resolve = (logged: string) => CATALOG[logged];
const window = { since: new Date("2026-12-05T07:00:00Z"), computedAt: new Date("2026-12-05T08:00:00Z") };

function row(level: number, fields: Partial<HealthRow>): HealthRow {
  return { model: null, providerId: null, level, served: 0, failed: 0, p50LatencyMs: null, p50TtftMs: null, ...fields };
}

describe("summarizeHealth", () => {
  // 10 served and 1 failed on gpt-4o-mini by its id, 2 failures asked for by its bare name (no provider reached);
  // deepseek-chat: 4 served, 1 failed mid-stream (logged with its provider).
  const rows: HealthRow[] = [
    row(0, { model: "openai/gpt-4o-mini", providerId: "openai", served: 10, failed: 1 }),
    row(0, { model: "gpt-4o-mini", providerId: null, failed: 2 }),
    row(0, { model: "deepseek/deepseek-chat", providerId: "deepseek", served: 4, failed: 1 }),
    row(0, { model: "nobody/unknown", providerId: null, failed: 3 }),
    row(1, { model: "openai/gpt-4o-mini", served: 10, failed: 1, p50LatencyMs: 420, p50TtftMs: 180 }),
    row(1, { model: "gpt-4o-mini", failed: 2 }),
    row(1, { model: "deepseek/deepseek-chat", served: 4, failed: 1, p50LatencyMs: 900, p50TtftMs: null }),
    row(1, { model: "nobody/unknown", failed: 3 }),
    row(2, { providerId: "openai", served: 10, failed: 1, p50LatencyMs: 420, p50TtftMs: 180 }),
    row(2, { providerId: "deepseek", served: 4, failed: 1, p50LatencyMs: 900 }),
    row(2, { providerId: null, failed: 5 }),
    row(3, { served: 14, failed: 7, p50LatencyMs: 500, p50TtftMs: 180 }),
  ];
  const health = summarizeHealth(rows, resolve, window);

  it("counts a model's failures under whatever id they were asked for, and its latency from what it served", () => {
    expect(health.models.get("openai/gpt-4o-mini")).toEqual({
      served: 10,
      failed: 3,
      requests: 13,
      errorRate: 3 / 13,
      p50LatencyMs: 420,
      p50TtftMs: 180,
    });
    expect(health.models.get("deepseek/deepseek-chat")).toMatchObject({ served: 4, failed: 1, errorRate: 0.2 });
    expect(health.models.has("gpt-4o-mini")).toBe(false);
    expect(health.models.has("nobody/unknown")).toBe(false);
  });

  it("counts failures that reached no provider against the provider of the model asked for", () => {
    expect(health.providers.get("openai")).toMatchObject({ served: 10, failed: 3, requests: 13, p50LatencyMs: 420 });
    expect(health.providers.get("deepseek")).toMatchObject({ served: 4, failed: 1, p50LatencyMs: 900 });
    expect([...health.providers.keys()].sort()).toEqual(["deepseek", "openai"]);
  });

  it("keeps the whole gateway's numbers and the window", () => {
    expect(health.overall).toMatchObject({ served: 14, failed: 7, requests: 21, p50LatencyMs: 500 });
    expect(health.overall.errorRate).toBeCloseTo(1 / 3);
    expect(health.since).toEqual(window.since);
    expect(health.computedAt).toEqual(window.computedAt);
  });

  it("has an error rate of 0, not NaN, without traffic", () => {
    const quiet = summarizeHealth([row(3, {})], resolve, window);
    expect(quiet.overall).toEqual({
      served: 0,
      failed: 0,
      requests: 0,
      errorRate: 0,
      p50LatencyMs: null,
      p50TtftMs: null,
    });
    expect(quiet.models.size).toBe(0);
  });
});
