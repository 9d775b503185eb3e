import { beforeEach, describe, expect, it, vi } from "vitest";
import { AttemptFailed, failureFromAnswer } from "./attempt-failure";
import type { Candidate } from "./candidates";
import { dispatch } from "./dispatch";
import { availability, resetKeyHealthForTests } from "./key-health";

const refusals: Array<{ keyId: string; verdict: string | undefined }> = [];
vi.mock("./key-refusals", () => ({
  reportKeyRefusal: (candidate: Candidate, failure: { verdict?: string }) =>
    refusals.push({ keyId: candidate.key.id, verdict: failure.verdict }),
}));

function candidate(keyId: string, deploymentId = "d"): Candidate {
  const provider = {
    id: "p",
    name: "p",
    kind: "openai_compatible" as const,
    baseUrl: "http://127.0.0.1:1",
    enabled: true,
    keys: [],
    keysOutOfService: 0,
    owner: "operator" as const,
  };
  return {
    key: { id: keyId, label: keyId, secret: "s", weight: 1 },
    deployment: { id: deploymentId, provider, upstreamModel: `m-${deploymentId}`, priority: 0, weight: 1 },
    model: { id: "test/model", kind: "chat" } as Candidate["model"],
  };
}

const answer = (status: number, message = "refused", retryAfterMs?: number) =>
  new AttemptFailed(failureFromAnswer(status, { message }, retryAfterMs));

const signal = new AbortController().signal;

beforeEach(() => {
  resetKeyHealthForTests();
  refusals.length = 0;
});

describe("dispatch", () => {
  it("retries a single-key provider after a 5xx, up to the attempt limit", async () => {
    let calls = 0;
    const result = await dispatch([candidate("only")], 3, signal, async () => {
      calls += 1;
      if (calls < 3) throw answer(500, "boom");
      return "ok";
    });
    if (!result.ok) throw result.error;
    expect(result.value).toBe("ok");
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(result.attempts.map((attempt) => attempt.errorClass)).toEqual(["server", "server", undefined]);
  });

  it("does not use a refused key again for the request, moves to the next, and leaves the verdict to a probe", async () => {
    const tried: string[] = [];
    const result = await dispatch([candidate("revoked"), candidate("good")], 3, signal, async (next) => {
      tried.push(next.key.id);
      if (next.key.id === "revoked") throw answer(401, "bad key");
      return "ok";
    });
    if (!result.ok) throw result.error;
    expect(tried).toEqual(["revoked", "good"]);
    expect(result.candidate.key.id).toBe("good");
    expect(refusals).toEqual([{ keyId: "revoked", verdict: undefined }]);
    expect(availability("revoked", "test/model"), "a refusal opens no circuit").toBe("ready");
  });

  it("answers 502 naming the refusals when every key refused the request", async () => {
    const result = await dispatch([candidate("a"), candidate("b")], 3, signal, async () => {
      throw answer(403, "You do not have permission to access the File 9fk2");
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "upstream_error", status: 502 });
    expect(result.attempts.map((attempt) => attempt.keyId)).toEqual(["a", "b"]);
    expect(refusals.map((refusal) => refusal.keyId)).toEqual(["a", "b"]);
  });

  it("returns a request error at once and changes no key's health", async () => {
    let calls = 0;
    const result = await dispatch([candidate("a"), candidate("b")], 3, signal, async () => {
      calls += 1;
      throw answer(400, "bad request");
    });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_value", status: 400 } });
    expect(calls).toBe(1);
    expect(refusals).toEqual([]);
    expect(availability("a", "test/model")).toBe("ready");
  });

  it("moves past a deployment that answers 404 to another deployment, never another key of it, and opens no circuit", async () => {
    const tried: string[] = [];
    const candidates = [candidate("k1", "missing"), candidate("k2", "missing"), candidate("k1", "serves")];
    const result = await dispatch(candidates, 3, signal, async (next) => {
      tried.push(`${next.deployment.id}/${next.key.id}`);
      if (next.deployment.id === "missing") throw answer(404, "The model `m-missing` does not exist");
      return "ok";
    });
    if (!result.ok) throw result.error;
    expect(tried).toEqual(["missing/k1", "serves/k1"]);
    expect(availability("k1", "test/model")).toBe("ready");
  });

  it("never counts repeated 404s toward a circuit, and answers 502 when no deployment serves the model", async () => {
    for (let round = 0; round < 4; round += 1) {
      const result = await dispatch([candidate("k1"), candidate("k2")], 3, signal, async () => {
        throw answer(404, "no such model");
      });
      expect(result).toMatchObject({ ok: false, error: { code: "upstream_error" } });
      expect(result.attempts).toHaveLength(1);
    }
    expect(availability("k1", "test/model")).toBe("ready");
  });

  it("treats an exception of our own as a 500 with one attempt, held against no key", async () => {
    let calls = 0;
    const result = await dispatch([candidate("a"), candidate("b")], 3, signal, async () => {
      calls += 1;
      throw new RangeError("Maximum call stack size exceeded");
    });
    expect(result).toMatchObject({ ok: false, error: { code: "internal_error", status: 500 } });
    expect(calls).toBe(1);
    expect(result.attempts[0].errorClass).toBe("internal");
    expect(availability("a", "test/model")).toBe("ready");
  });

  it("answers 504 once every attempt timed out", async () => {
    const result = await dispatch([candidate("a")], 2, signal, async () => {
      throw new AttemptFailed({ kind: "upstream", status: null, message: "timed out", cause: "timeout", counts: true });
    });
    expect(result).toMatchObject({ ok: false, error: { code: "upstream_timeout", status: 504 } });
  });

  it("does not wait out a long Retry-After on the same key, and cools the key for that model", async () => {
    let calls = 0;
    const started = Date.now();
    const result = await dispatch([candidate("busy")], 3, signal, async () => {
      calls += 1;
      throw answer(429, "slow down", 30_000);
    });
    expect(result).toMatchObject({ ok: false, error: { code: "upstream_error", status: 502 } });
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(availability("busy", "test/model")).toBe("cooling");
  });
});

describe("failureFromAnswer", () => {
  it("returns a 429 for a request larger than the key's per-minute limit to the client as 413, holding nothing against the key", () => {
    const failure = failureFromAnswer(429, { message: "Request too large for gpt-4o", causedByRequest: true });
    expect(failure).toMatchObject({ kind: "request", clientError: { code: "request_too_large" } });
  });

  it("takes what the adapter says about the key over the status", () => {
    expect(failureFromAnswer(400, { message: "API key not valid", keyVerdict: "key_invalid" })).toMatchObject({
      kind: "key_refused",
    });
    expect(failureFromAnswer(429, { message: "quota", keyVerdict: "key_exhausted" })).toMatchObject({
      kind: "key_refused",
      verdict: "key_exhausted",
    });
  });
});
