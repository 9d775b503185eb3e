import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../../catalog/catalog";
import { fitSystemMessages, SYSTEM_MESSAGES_CAPABILITY } from "./system-messages";

const claude = (capabilities: string[] = []) => ({ capabilities }) as CatalogModel;

const request = {
  model: "anthropic/claude-sonnet-4",
  system: [{ type: "text", text: "You are Claude Code.", cache_control: { type: "ephemeral" } }],
  messages: [
    { role: "user", content: "hi" },
    { role: "system", content: "Available agent types: general-purpose" },
    { role: "user", content: [{ type: "text", text: "go" }] },
  ],
};

describe("fitSystemMessages", () => {
  it("folds mid-conversation system messages into the system prompt after what it held, in order", () => {
    expect(fitSystemMessages(request, claude())).toEqual({
      model: "anthropic/claude-sonnet-4",
      system: [
        { type: "text", text: "You are Claude Code.", cache_control: { type: "ephemeral" } },
        { type: "text", text: "Available agent types: general-purpose" },
      ],
      messages: [
        { role: "user", content: "hi" },
        { role: "user", content: [{ type: "text", text: "go" }] },
      ],
    });
  });

  it("turns a string system prompt into blocks before folding", () => {
    const folded = fitSystemMessages({ ...request, system: "Be brief." }, claude());
    expect(folded.system).toEqual([
      { type: "text", text: "Be brief." },
      { type: "text", text: "Available agent types: general-purpose" },
    ]);
  });

  it("sends the request as it came to a model that takes system messages, and one without any untouched", () => {
    expect(fitSystemMessages(request, claude([SYSTEM_MESSAGES_CAPABILITY]))).toBe(request);
    const plain = { ...request, messages: [request.messages[0]] };
    expect(fitSystemMessages(plain, claude())).toBe(plain);
  });
});
