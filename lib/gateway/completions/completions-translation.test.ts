import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import type { ChatCompletion, ChatCompletionChunk } from "../schemas/chat";
import { parseCompletionRequest } from "../schemas/completions";
import { createChunkRetold, toTextCompletion } from "./chat-to-text-completion";
import { toChatRequest } from "./prompt-to-chat";

const request = (body: Record<string, unknown>) => parseCompletionRequest({ model: "openai/gpt-4o-mini", ...body });

function refusal(body: Record<string, unknown>): GatewayError {
  try {
    toChatRequest(request(body));
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const logprobs = {
  content: [
    {
      token: "Hi",
      logprob: -0.1,
      top_logprobs: [
        { token: "Hi", logprob: -0.1 },
        { token: "Hey", logprob: -2 },
      ],
    },
    { token: "!", logprob: -0.5, top_logprobs: [] },
  ],
  refusal: null,
};

describe("a legacy completion served through chat", () => {
  it("sends the prompt as one user message, OpenAI's default of 16 tokens, logprobs as chat's, and other fields on", () => {
    expect(toChatRequest(request({ prompt: ["Once"], logprobs: 2, temperature: 0.3, top_k: 5 }))).toEqual({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "Once" }],
      max_tokens: 16,
      logprobs: true,
      top_logprobs: 2,
      temperature: 0.3,
      top_k: 5,
    });
  });

  it.each([
    [{ prompt: "x", suffix: "end" }, "suffix"],
    [{ prompt: ["a", "b"] }, "prompt"],
    [{ prompt: [1, 2, 3] }, "prompt"],
    [{ prompt: "x", best_of: 3 }, "best_of"],
    [{ prompt: "x", echo: true, logprobs: 1 }, "echo"],
  ])("refuses %j naming %s", (body, param) => {
    const error = refusal(body);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });

  it("retells the answer as text_completion, with the echoed prompt first and legacy logprobs after it", () => {
    const completion = {
      id: "chatcmpl-abc",
      object: "chat.completion",
      created: 1,
      model: "m",
      choices: [
        { index: 0, message: { role: "assistant", content: "Hi!", refusal: null }, logprobs, finish_reason: "stop" },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    } as ChatCompletion;
    expect(toTextCompletion(completion, "Say: ")).toEqual({
      id: "cmpl-abc",
      object: "text_completion",
      created: 1,
      model: "m",
      choices: [
        {
          text: "Say: Hi!",
          index: 0,
          logprobs: {
            tokens: ["Hi", "!"],
            token_logprobs: [-0.1, -0.5],
            top_logprobs: [{ Hi: -0.1, Hey: -2 }, null],
            text_offset: [5, 7],
          },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it("retells chunks, the echo in each choice's first one, offsets counting on across chunks", () => {
    const retell = createChunkRetold("P");
    const chunk = (content: string, chunkLogprobs: unknown, finish: string | null = null) =>
      ({
        id: "chatcmpl-1",
        object: "chat.completion.chunk",
        created: 1,
        model: "m",
        choices: [{ index: 0, delta: { content }, logprobs: chunkLogprobs, finish_reason: finish }],
      }) as ChatCompletionChunk;
    const first = retell(chunk("Hi", { content: [logprobs.content[0]] })) as unknown as {
      object: string;
      choices: Array<{ text: string; logprobs: { text_offset: number[] } | null }>;
    };
    expect(first.object).toBe("text_completion");
    expect(first.choices[0].text).toBe("PHi");
    expect(first.choices[0].logprobs?.text_offset).toEqual([1]);
    const second = retell(chunk("!", { content: [logprobs.content[1]] }, "stop")) as unknown as typeof first;
    expect(second.choices[0].text).toBe("!");
    expect(second.choices[0].logprobs?.text_offset).toEqual([3]);
  });
});
