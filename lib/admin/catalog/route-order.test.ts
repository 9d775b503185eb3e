import { describe, expect, it } from "vitest";
import { type RouteDeployment, routeOrder } from "./route-order";

const ready = { enabled: true, availability: "ready" as const };
const deployment = (id: string, overrides: Partial<RouteDeployment> = {}): RouteDeployment => ({
  id,
  priority: 0,
  weight: 1,
  enabled: true,
  providerEnabled: true,
  keys: [ready],
  ...overrides,
});

describe("route order", () => {
  it("serves the lowest priority first; the others are the failover order", () => {
    expect(routeOrder([deployment("b", { priority: 1 }), deployment("a")])).toEqual([
      { id: "a", state: "next", sharePercent: 100 },
      { id: "b", state: "failover", sharePercent: null },
    ]);
  });

  it("shares one priority by weight", () => {
    const verdicts = routeOrder([deployment("a", { weight: 3 }), deployment("b", { weight: 1 })]);
    expect(verdicts.map((verdict) => [verdict.id, verdict.state, verdict.sharePercent])).toEqual([
      ["a", "next", 75],
      ["b", "next", 25],
    ]);
  });

  it("says why a deployment does not serve, and passes over keys cooling down or with an open circuit", () => {
    const verdicts = routeOrder([
      deployment("cooling", { keys: [{ enabled: true, availability: "cooling" }] }),
      deployment("open", { keys: [{ enabled: true, availability: "open" }] }),
      deployment("off", { enabled: false }),
      deployment("provider-off", { providerEnabled: false }),
      deployment("keyless", { keys: [{ enabled: false, availability: "ready" }] }),
      deployment("backup", { priority: 5 }),
    ]);
    expect(verdicts.map((verdict) => [verdict.id, verdict.state])).toEqual([
      ["backup", "next"],
      ["cooling", "cooling"],
      ["open", "circuit_open"],
      ["off", "disabled"],
      ["provider-off", "provider_disabled"],
      ["keyless", "no_keys"],
    ]);
  });

  it("counts a deployment ready while any of its keys is", () => {
    const keys = [{ enabled: true, availability: "open" as const }, ready];
    expect(routeOrder([deployment("a", { keys })])[0].state).toBe("next");
  });
});
