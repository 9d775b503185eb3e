import { afterEach, describe, expect, it } from "vitest";
import { setEnvForTests } from "../env";
import { admitDemo, spokenDuration } from "./demo-admission";

afterEach(() => setEnvForTests({ DEMO_REQUESTS_PER_MINUTE: undefined, DEMO_DAILY_REQUESTS: undefined }));

describe("demo admission", () => {
  it("answers 404 when a limit of 0 turns the demo off, before counting anything", async () => {
    for (const settings of [{ DEMO_REQUESTS_PER_MINUTE: "0" }, { DEMO_DAILY_REQUESTS: "0" }]) {
      setEnvForTests(settings);
      const headers = new Headers();
      await expect(
        admitDemo(new Request("http://127.0.0.1/api/demo/chat"), "203.0.113.1", headers),
      ).rejects.toMatchObject({ code: "not_found", message: "The free demo is turned off on this gateway" });
      expect([...headers.keys()]).toEqual([]);
    }
  });
});

describe("how long until a limit resets", () => {
  it("is said as a person says it", () => {
    expect(spokenDuration(42)).toBe("42 s");
    expect(spokenDuration(60)).toBe("1 min");
    expect(spokenDuration(61)).toBe("2 min");
    expect(spokenDuration(3_600)).toBe("1 h");
    expect(spokenDuration(5 * 3_600 + 3 * 60)).toBe("5 h 3 min");
  });
});
