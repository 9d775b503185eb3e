import { describe, expect, it } from "vitest";
import { postgresJson, postgresText } from "./postgres-text";

describe("postgresText", () => {
  it("replaces NUL and lone surrogates, and keeps everything else", () => {
    expect(postgresText("free\u0000lunch")).toBe("free\uFFFDlunch");
    expect(postgresText("a\uD800b\uDC00c")).toBe("a\uFFFDb\uFFFDc");
    expect(postgresText("emoji 😀 tiếng Việt")).toBe("emoji 😀 tiếng Việt");
  });
});

describe("postgresJson", () => {
  it("replaces NUL and lone surrogates in values and keys, and leaves escaped backslashes alone", () => {
    const text = postgresJson({ "bad\u0000field": ["free\u0000lunch", "x\uD83Dy"], literal: "\\u0000 and \\\\u0000" });
    expect(text).not.toMatch(/(?<!\\)(?:\\\\)*\\u0000/);
    expect(JSON.parse(text ?? "")).toEqual({
      "bad\uFFFDfield": ["free\uFFFDlunch", "x\uFFFDy"],
      literal: "\\u0000 and \\\\u0000",
    });
  });

  it("keeps surrogate pairs (emoji) as they are", () => {
    expect(JSON.parse(postgresJson({ text: "😀" }) ?? "")).toEqual({ text: "😀" });
  });

  it("gives null for nothing", () => {
    expect(postgresJson(null)).toBeNull();
    expect(postgresJson(undefined)).toBeNull();
  });
});
