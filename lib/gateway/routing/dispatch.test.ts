import { describe, expect, it, vi } from "vitest";
import { AttemptFailed, dispatch, failureFromStatus } from "./dispatch";
import { availability, resetKeyHealthForTests } from "./key-health";

const takenOut: string[] = [];
vi.mock("./take-key-out", () => ({ takeKeyOut: (keyId: string) => takenOut.push(keyId) }));
import type { Candidate } from "./candidates";

function candidate(keyId: string): Candidate {
  const provider = { id: "p", name: "p", kind: "openai_compatible" as const, baseUrl: "http://127.0.0.1:1", enabled: true, keys: [] };
  return {
    key: { id: keyId, label: keyId, secret: "s", weight: 1 },
    deployment: { id: "d", provider, upstreamModel: "m", priority: 0, weight: 1 },
    model: { id: "test/model" } as Candidate["model"],
  };
}

const signal = new AbortController().signal;

describe("dispatch", () => {
  it("retries a single-key provider after a 5xx, up to the attempt limit", async () => {
    resetKeyHealthForTests();
    let calls = 0;
    const result = await dispatch([candidate("only")], 3, signal, async () => {
      calls += 1;
      if (calls < 3) throw failureFromStatus(500, "boom", undefined);
      return "ok";
    });
    expect(result.value).toBe("ok");
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(result.attempts.map((attempt) => attempt.errorClass)).toEqual(["server", "server", undefined]);
  });

  it("never tries a key again after it was refused for auth, and moves to the next", async () => {
    resetKeyHealthForTests();
    const tried: string[] = [];
    const result = await dispatch([candidate("revoked"), candidate("good")], 3, signal, async (next) => {
      tried.push(next.key.id);
      if (next.key.id === "revoked") throw failureFromStatus(401, "bad key", undefined);
      return "ok";
    });
    expect(tried).toEqual(["revoked", "good"]);
    expect(result.candidate.key.id).toBe("good");
    // Flagged for the operator and out of service for every instance.
    expect(takenOut).toEqual(["revoked"]);
  });

  it("returns a request error at once, and a timeout as 504 once every attempt timed out", async () => {
    resetKeyHealthForTests();
    let calls = 0;
    await expect(dispatch([candidate("a"), candidate("b")], 3, signal, async () => {
      calls += 1;
      throw failureFromStatus(400, "bad request", undefined);
    })).rejects.toMatchObject({ code: "invalid_value", status: 400 });
    expect(calls).toBe(1);
    await expect(dispatch([candidate("a")], 2, signal, async () => {
      throw new AttemptFailed("timed out", null, true, true);
    })).rejects.toMatchObject({ code: "upstream_timeout", status: 504 });
  });

  it("does not wait out a long Retry-After on the same key", async () => {
    resetKeyHealthForTests();
    let calls = 0;
    const started = Date.now();
    await expect(dispatch([candidate("busy")], 3, signal, async () => {
      calls += 1;
      throw failureFromStatus(429, "slow down", 30_000);
    })).rejects.toMatchObject({ code: "upstream_error", status: 502 });
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    // And the key cools down for that model, so the next request tries it last.
    expect(availability("busy", candidate("busy").model.id)).toBe("cooling");
  });
});
