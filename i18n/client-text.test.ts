import { describe, expect, it } from "vitest";
import { fill, plural, relativeTime } from "./client-text";

describe("client messages", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("Your question goes to {model}.", { model: "GLM-4 Flash" })).toBe("Your question goes to GLM-4 Flash.");
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("chooses the plural form by the language's rules and writes the count as the language does", () => {
    const en = { one: "{count} token", other: "{count} tokens" };
    expect(plural(en, 1, "en")).toBe("1 token");
    expect(plural(en, 0, "en")).toBe("0 tokens");
    expect(plural(en, 1234, "en")).toBe("1,234 tokens");
    // Vietnamese has one form; its numbers group with dots.
    expect(plural({ one: "{count} token", other: "{count} token" }, 1234, "vi")).toBe("1.234 token");
  });

  it("says how long until a moment in the nearest unit", () => {
    const now = 1_000_000;
    expect(relativeTime(now + 42_000, now, "en")).toBe("in 42 seconds");
    expect(relativeTime(now + 60_000, now, "en")).toBe("in 1 minute");
    expect(relativeTime(now + 150_000, now, "en")).toBe("in 3 minutes");
    expect(relativeTime(now + 2 * 3_600_000, now, "en")).toBe("in 2 hours");
    expect(relativeTime(now - 5_000, now, "en")).toBe("now");
    expect(relativeTime(now + 30_000, now, "vi")).toBe("sau 30 giây nữa");
  });
});
