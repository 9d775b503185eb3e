import { describe, expect, it } from "vitest";
import type { GatewayStatus } from "../gateway/handlers/status";
import type { HealthStats, RecentHealth } from "../usage/recent-health-summary";
import { statusOverview } from "./public-status";

function report(overrides: Partial<GatewayStatus> = {}): GatewayStatus {
  return {
    status: "ok",
    version: "0.1.0",
    uptime_s: 10,
    database: "ok",
    ratelimit: "memory",
    providers: [
      { id: "openai", name: "OpenAI", status: "ok" },
      { id: "anthropic", name: "Anthropic", status: "no_keys" },
      { id: "deepseek", name: "DeepSeek", status: "ok" },
      { id: "groq", name: "Groq", status: "disabled" },
    ],
    ...overrides,
  };
}

function stats(served: number, failed: number): HealthStats {
  const requests = served + failed;
  return { served, failed, requests, errorRate: requests ? failed / requests : 0, p50LatencyMs: 400, p50TtftMs: null };
}

function health(providers: Record<string, HealthStats>): RecentHealth {
  return {
    since: new Date(0),
    computedAt: new Date(0),
    overall: stats(0, 0),
    models: new Map(),
    providers: new Map(Object.entries(providers)),
  };
}

const states = (overview: ReturnType<typeof statusOverview>) =>
  Object.fromEntries(overview.components.map((component) => [component.id, [component.state, component.reasons]]));

describe("statusOverview", () => {
  it("is all normal when everything answers, listing providers without keys apart", () => {
    const overview = statusOverview(report(), health({ openai: stats(100, 1) }));
    expect(overview.state).toBe("operational");
    expect(states(overview)).toEqual({
      gateway: ["operational", []],
      database: ["operational", []],
      ratelimit: ["operational", []],
      deepseek: ["operational", []],
      openai: ["operational", []],
    });
    expect(overview.notConfigured.map((provider) => provider.name)).toEqual(["Anthropic", "Groq"]);
    expect(overview.components.find((component) => component.id === "openai")?.health?.requests).toBe(101);
    expect(overview.trafficKnown).toBe(true);
  });

  it("says a provider is degraded when some keys are out, down when all are", () => {
    const overview = statusOverview(
      report({
        providers: [
          { id: "openai", name: "OpenAI", status: "degraded", keys_out_of_service: 1 },
          { id: "deepseek", name: "DeepSeek", status: "down", keys_out_of_service: 2 },
        ],
      }),
      health({}),
    );
    expect(overview.state).toBe("down");
    expect(states(overview)).toMatchObject({
      openai: ["degraded", ["keys_partly_out"]],
      deepseek: ["down", ["keys_all_out"]],
    });
  });

  it("calls a provider degraded on 10% failures over at least 10 requests, not on a few unlucky ones", () => {
    expect(states(statusOverview(report(), health({ openai: stats(9, 1) }))).openai).toEqual([
      "degraded",
      ["elevated_errors"],
    ]);
    expect(states(statusOverview(report(), health({ openai: stats(91, 9) }))).openai).toEqual(["operational", []]);
    expect(states(statusOverview(report(), health({ openai: stats(0, 9) }))).openai).toEqual(["operational", []]);
  });

  it("reports the database down, and unreadable provider keys as a degraded gateway", () => {
    const databaseDown = statusOverview(report({ database: "down", status: "degraded", providers: [] }), undefined);
    expect(databaseDown.state).toBe("down");
    expect(states(databaseDown).database).toEqual(["down", ["database_down"]]);
    expect(databaseDown.trafficKnown).toBe(false);

    const unreadable = statusOverview(report({ status: "degraded", provider_keys_unreadable: 2 }), health({}));
    expect(unreadable.state).toBe("degraded");
    expect(states(unreadable).gateway).toEqual(["degraded", ["keys_unreadable"]]);
  });
});
