import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { convertGeminiResponse } from "./convert-gemini-response";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));
}

describe("Gemini generateContent response → OpenAI chat.completion", () => {
  it("turns a plain text answer into one assistant message with usage", () => {
    const completion = convertGeminiResponse(fixture("generate-content-text.json"));
    expect(completion).toMatchObject({
      id: "chatcmpl-kq3XaMnOEpWo1dkP2eLJiA4",
      object: "chat.completion",
      model: "gemini-2.0-flash",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Lisbon is the capital of Portugal." },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 7, total_tokens: 15 },
    });
    expect(completion.choices[0].message.tool_calls).toBeUndefined();
  });

  it("turns function calls into tool_calls with call_<n> ids and JSON arguments, finishing with tool_calls", () => {
    const completion = convertGeminiResponse(fixture("generate-content-function-call.json"));
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: "I'll look up both cities.",
          refusal: null,
          tool_calls: [
            {
              id: "call_0",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Lisbon","unit":"celsius"}' },
            },
            {
              id: "call_1",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Porto","unit":"celsius"}' },
            },
          ],
        },
        logprobs: null,
        finish_reason: "tool_calls",
      },
    ]);
    // Thinking is billed as output.
    expect(completion.usage).toMatchObject({
      prompt_tokens: 61,
      completion_tokens: 42 + 84,
      total_tokens: 187,
      completion_tokens_details: { reasoning_tokens: 84 },
    });
  });

  it("puts thought parts in reasoning_content and reads cached and thinking tokens", () => {
    const completion = convertGeminiResponse(fixture("generate-content-cached-thoughts.json"));
    expect(completion.choices[0].message).toEqual({
      role: "assistant",
      content: "The cap in clause 4 does not apply to gross negligence (clause 9).",
      refusal: null,
      reasoning_content:
        "**Weighing the clauses**\n\nClause 4 caps liability; clause 9 carves out gross negligence, so the cap does not reach it.\n",
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 12850,
      completion_tokens: 19 + 434,
      total_tokens: 13303,
      prompt_tokens_details: { cached_tokens: 12288 },
      completion_tokens_details: { reasoning_tokens: 434 },
    });
  });

  it("answers a prompt blocked by safety with one empty choice finished by content_filter", () => {
    const completion = convertGeminiResponse(fixture("generate-content-prompt-blocked.json"));
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: null, refusal: null },
        logprobs: null,
        finish_reason: "content_filter",
      },
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 14, completion_tokens: 0, total_tokens: 14 });
  });

  it("reports an answer stopped for safety as content_filter with no content", () => {
    const completion = convertGeminiResponse(fixture("generate-content-safety-finish.json"));
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: null, refusal: null },
        logprobs: null,
        finish_reason: "content_filter",
      },
    ]);
  });

  it("refuses a body that is not a GenerateContentResponse", () => {
    expect(() => convertGeminiResponse({ candidates: "nope" })).toThrow(/not a GenerateContentResponse/);
  });
});

describe("Gemini finish reasons", () => {
  it("maps every reason to OpenAI's vocabulary", () => {
    expect(mapGeminiFinishReason("STOP", false)).toBe("stop");
    expect(mapGeminiFinishReason("STOP", true)).toBe("tool_calls");
    expect(mapGeminiFinishReason("MAX_TOKENS", true)).toBe("length");
    for (const reason of ["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"]) {
      expect(mapGeminiFinishReason(reason, false)).toBe("content_filter");
    }
    for (const reason of ["OTHER", "LANGUAGE", "MALFORMED_FUNCTION_CALL", "FINISH_REASON_UNSPECIFIED"]) {
      expect(mapGeminiFinishReason(reason, false)).toBe("stop");
    }
  });
});
