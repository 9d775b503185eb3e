import { describe, expect, it } from "vitest";
import { redactSecret, upstreamModelIds } from "./upstream-models";

describe("upstream model lists", () => {
  it("reads OpenAI's and Anthropic's {data:[{id}]} and Gemini's {models:[{name}]}", () => {
    expect(
      upstreamModelIds({
        object: "list",
        data: [
          { id: "gpt-4o-mini", object: "model", created: 1, owned_by: "system" },
          { id: "dall-e-3", object: "model", created: 1, owned_by: "system" },
        ],
      }),
    ).toEqual(["dall-e-3", "gpt-4o-mini"]);
    expect(upstreamModelIds({ models: [{ name: "models/gemini-2.0-flash" }] })).toEqual(["gemini-2.0-flash"]);
    expect(upstreamModelIds({ error: { message: "nope" } })).toBeNull();
    expect(upstreamModelIds("<html>")).toBeNull();
  });

  it("never echoes the key an upstream repeats back", () => {
    expect(redactSecret("Incorrect API key provided: sk-test-123456789", "sk-test-123456789")).toBe(
      "Incorrect API key provided: …6789",
    );
  });
});
