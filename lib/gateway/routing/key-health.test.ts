import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../db/testing";

type HealthModule = typeof import("./key-health");

async function freshInstance(): Promise<HealthModule> {
  vi.resetModules();
  return import("./key-health");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("circuit breaker", () => {
  it("opens after three failures in a row, half-opens to a single probe, and closes on its success", async () => {
    vi.useFakeTimers();
    const health = await freshInstance();
    for (let failure = 0; failure < 3; failure++) {
      expect(health.availability("k", "m")).toBe("ready");
      health.recordFailure("k", "m", "server");
    }
    expect(health.availability("k", "m")).toBe("open");
    vi.advanceTimersByTime(10_001);
    expect(health.availability("k", "m")).toBe("ready");
    health.beginAttempt("k", "m");
    // While the probe is out, nobody else is sent to the key.
    expect(health.availability("k", "m")).toBe("open");
    health.recordSuccess("k", "m");
    expect(health.availability("k", "m")).toBe("ready");
    health.recordFailure("k", "m", "timeout");
    expect(health.availability("k", "m")).toBe("ready");
  });

  it("opens for longer each time a probe fails", async () => {
    vi.useFakeTimers();
    const health = await freshInstance();
    for (let failure = 0; failure < 3; failure++) health.recordFailure("k", "m", "connection");
    vi.advanceTimersByTime(10_001);
    health.beginAttempt("k", "m");
    health.recordFailure("k", "m", "server");
    vi.advanceTimersByTime(10_001);
    expect(health.availability("k", "m")).toBe("open");
    vi.advanceTimersByTime(10_000);
    expect(health.availability("k", "m")).toBe("ready");
  });

  it("cools a key down for its Retry-After, or exponentially without one, per model", async () => {
    vi.useFakeTimers();
    const health = await freshInstance();
    health.recordFailure("k", "m", "rate_limited", { retryAfterMs: 5_000 });
    expect(health.availability("k", "m")).toBe("cooling");
    expect(health.availability("k", "other-model")).toBe("ready");
    vi.advanceTimersByTime(5_001);
    expect(health.availability("k", "m")).toBe("ready");
    health.recordFailure("k", "n", "rate_limited");
    health.recordFailure("k", "n", "rate_limited");
    vi.advanceTimersByTime(1_500);
    expect(health.availability("k", "n")).toBe("cooling");
    vi.advanceTimersByTime(600);
    expect(health.availability("k", "n")).toBe("ready");
  });
});

describe("shared through the database", () => {
  let keyId: string;
  beforeAll(async () => {
    process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_key_health");
    const { db } = await import("../../db/client");
    await db().provider.create({
      data: { id: "p", name: "P", kind: "openai_compatible", baseUrl: "http://127.0.0.1:1" },
    });
    keyId = (
      await db().providerKey.create({
        data: { providerId: "p", label: "k", encryptedKey: "x", fingerprint: "f", lastFour: "abcd" },
      })
    ).id;
  });

  it("lets one instance's open circuit and cool-down reach another", async () => {
    const { databaseHealthStore } = await import("./key-health-store");
    const first = await freshInstance();
    first.shareKeyHealth(databaseHealthStore);
    for (let failure = 0; failure < 3; failure++)
      first.recordFailure(keyId, "model-a", "server", { message: "500 boom" });
    first.recordFailure(keyId, "model-b", "rate_limited", { retryAfterMs: 30_000 });
    await first.syncKeyHealthNow();

    const second = await freshInstance();
    expect(second.availability(keyId, "model-a")).toBe("ready");
    second.shareKeyHealth(databaseHealthStore);
    await second.syncKeyHealthNow();
    expect(second.availability(keyId, "model-a")).toBe("open");
    expect(second.availability(keyId, "model-b")).toBe("cooling");
  });
});
