// What the Gemini adapter makes of recorded Gemini answers validates against OpenAI's published schemas, as strict
// clients check it.
import { readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { expectOpenAIChatStream, expectOpenAISchema } from "../../../../tests/support/openai-schema";
import { createEventParser } from "../../sse";
import { convertGeminiResponse } from "./convert-gemini-response";
import { createGeminiStreamTranslator } from "./gemini-stream-translator";

const RESPONSES = [
  "generate-content-text.json",
  "generate-content-function-call.json",
  "generate-content-cached-thoughts.json",
  "generate-content-safety-finish.json",
  "generate-content-prompt-blocked.json",
];
const STREAMS = ["stream-text.sse", "stream-function-call.sse", "stream-thoughts.sse", "stream-prompt-blocked.sse"];

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
}

/** The chunks of a recorded stream as `data:` payloads, ended by [DONE] as the gateway ends a completed stream. */
function streamPayloads(name: string): string[] {
  const parser = createEventParser();
  const translate = createGeminiStreamTranslator();
  const events = [...parser.push(new TextEncoder().encode(fixture(name))), ...parser.flush()];
  const payloads: string[] = [];
  for (const event of events) {
    const step = translate(event);
    if (step.kind === "chunks") payloads.push(...step.chunks.map((chunk) => JSON.stringify(chunk)));
    if (step.kind === "error") throw new Error(step.message);
  }
  return [...payloads, "[DONE]"];
}

describe("Gemini → OpenAI, against OpenAI's schemas", () => {
  it.each(RESPONSES)("%s converts to a valid chat.completion", (name) => {
    expectOpenAISchema("CreateChatCompletionResponse", convertGeminiResponse(JSON.parse(fixture(name))));
  });

  it.each(STREAMS)("%s streams valid chat.completion.chunk objects", (name) => {
    expectOpenAIChatStream(streamPayloads(name));
  });
});
