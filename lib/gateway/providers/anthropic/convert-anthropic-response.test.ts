import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors";
import { readJsonFixture } from "./__fixtures__/read-fixture";
import { convertAnthropicResponse } from "./convert-anthropic-response";

const NOW = Date.UTC(2025, 9, 1, 12, 0, 0);

describe("convertAnthropicResponse", () => {
  it("converts a plain text answer", () => {
    const completion = convertAnthropicResponse(readJsonFixture("text-response.json"), NOW);
    expect(completion).toEqual({
      id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      object: "chat.completion",
      created: NOW / 1000,
      model: "claude-sonnet-4-5-20250929",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello! How can I help you today?", refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 12,
        total_tokens: 24,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      },
    });
  });

  it("converts tool_use blocks to tool_calls with JSON-string arguments", () => {
    const completion = convertAnthropicResponse(readJsonFixture("tool-use-response.json"), NOW);
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBe("I'll check the current weather in San Francisco for you.");
    expect(choice.message.tool_calls).toEqual([
      {
        id: "toolu_01A09q90qw90lq917835lq9",
        type: "function",
        function: { name: "get_weather", arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
      },
    ]);
  });

  it("counts cache reads and writes into prompt_tokens and reports each in the details", () => {
    const completion = convertAnthropicResponse(readJsonFixture("cache-usage-response.json"), NOW);
    expect(completion.usage).toEqual({
      prompt_tokens: 21 + 10240 + 1536,
      completion_tokens: 17,
      total_tokens: 21 + 10240 + 1536 + 17,
      prompt_tokens_details: { cached_tokens: 10240, cache_write_tokens: 1536 },
    });
  });

  it("returns thinking as reasoning_content, and whole with its signature for the next turn", () => {
    const completion = convertAnthropicResponse(readJsonFixture("thinking-response.json"), NOW);
    const message = completion.choices[0].message;
    expect(message.content).toBe("27 × 453 = 12,231");
    expect(message.reasoning_content).toBe("27 * 453: 27 * 400 = 10800, 27 * 53 = 1431, total 12231.");
    expect(message.thinking_blocks).toEqual([
      {
        type: "thinking",
        thinking: "27 * 453: 27 * 400 = 10800, 27 * 53 = 1431, total 12231.",
        signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2ZmPWmqE5iJ3qUqPXcJ0cRLPTwr",
      },
    ]);
    expect(completion.usage?.completion_tokens_details).toEqual({ reasoning_tokens: 61 });
  });

  it("turns the forced JSON tool back into JSON content with finish_reason stop", () => {
    const completion = convertAnthropicResponse(readJsonFixture("json-tool-response.json"), NOW);
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.tool_calls).toBeUndefined();
    expect(JSON.parse(String(choice.message.content))).toEqual({
      city: "Paris",
      temperature: 18,
      conditions: ["rain", "wind"],
    });
  });

  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["pause_turn", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "content_filter"],
  ])("maps stop_reason %s to finish_reason %s", (stopReason, finishReason) => {
    const response = { ...(readJsonFixture("text-response.json") as Record<string, unknown>), stop_reason: stopReason };
    expect(convertAnthropicResponse(response, NOW).choices[0].finish_reason).toBe(finishReason);
  });

  it("answers content null when there is no text", () => {
    const response = {
      ...(readJsonFixture("text-response.json") as Record<string, unknown>),
      content: [],
      stop_reason: "max_tokens",
    };
    expect(convertAnthropicResponse(response, NOW).choices[0].message.content).toBeNull();
  });

  it("refuses a body that is not an Anthropic message", () => {
    expect(() => convertAnthropicResponse({ choices: [] }, NOW)).toThrow(GatewayError);
  });
});
