// What the OpenAI-compatible adapter passes on from vendors that leave out fields validates against OpenAI's
// published schemas, as strict clients check it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectOpenAISchema, schemaProblems } from "../../../../tests/support/openai-schema";
import { createOpenAICompatibleAdapter } from "./adapter";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));
}

const adapter = createOpenAICompatibleAdapter({ streamOptions: true, extraParams: [] });

describe("OpenAI-compatible vendors → OpenAI, against OpenAI's schemas", () => {
  const vendorBodies = ["deepseek-chat-completion.json", "mistral-chat-completion.json"];

  it.each(vendorBodies)("%s is passed on as a valid chat.completion", (name) => {
    // The recorded body itself is not valid: the adapter is what makes it so.
    expect(schemaProblems("CreateChatCompletionResponse", fixture(name))).not.toEqual([]);
    expectOpenAISchema("CreateChatCompletionResponse", adapter.parseChatResponse(fixture(name)));
  });

  it("keeps what the vendor did send", () => {
    const completion = adapter.parseChatResponse(fixture("mistral-chat-completion.json"));
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: "Bonjour ! Comment puis-je vous aider ?", refusal: null, prefix: false },
      logprobs: null,
      finish_reason: "stop",
    });
  });
});
