// What the Anthropic adapter makes of recorded Anthropic answers validates against OpenAI's published schemas, as
// strict clients check it.
import { describe, it } from "vitest";
import { expectOpenAIChatStream, expectOpenAISchema } from "../../../../tests/support/openai-schema";
import { createEventParser } from "../../sse";
import { readFixture, readJsonFixture } from "./__fixtures__/read-fixture";
import { createAnthropicStreamTranslator } from "./anthropic-stream-translator";
import { convertAnthropicResponse } from "./convert-anthropic-response";

const RESPONSES = [
  "text-response.json",
  "tool-use-response.json",
  "json-tool-response.json",
  "thinking-response.json",
  "cache-usage-response.json",
];
const STREAMS = ["text-stream.sse", "tool-call-stream.sse", "json-tool-stream.sse", "thinking-stream.sse"];

/** The chunks of a recorded stream as `data:` payloads, ended by [DONE] as the gateway ends a completed stream. */
function streamPayloads(fixture: string): string[] {
  const parser = createEventParser();
  const translate = createAnthropicStreamTranslator();
  const events = [...parser.push(new TextEncoder().encode(readFixture(fixture))), ...parser.flush()];
  const payloads: string[] = [];
  for (const event of events) {
    const step = translate(event);
    if (step.kind === "chunks") payloads.push(...step.chunks.map((chunk) => JSON.stringify(chunk)));
    if (step.kind === "error") throw new Error(step.message);
  }
  return [...payloads, "[DONE]"];
}

describe("Anthropic → OpenAI, against OpenAI's schemas", () => {
  it.each(RESPONSES)("%s converts to a valid chat.completion", (fixture) => {
    expectOpenAISchema("CreateChatCompletionResponse", convertAnthropicResponse(readJsonFixture(fixture)));
  });

  it.each(STREAMS)("%s streams valid chat.completion.chunk objects", (fixture) => {
    expectOpenAIChatStream(streamPayloads(fixture));
  });
});
