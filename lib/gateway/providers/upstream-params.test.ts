import { describe, expect, it } from "vitest";
import type { ChatRequestBody } from "../schemas/chat";
import { adapterFor } from "./registry";
import { noteDroppedParams, unreadParams } from "./upstream-params";

const body: ChatRequestBody = {
  model: "m",
  messages: [{ role: "user", content: "hi" }],
  temperature: 0.2,
  top_k: 40,
  repetition_penalty: 1.1,
  chat_template_kwargs: { enable_thinking: false },
  provider: { order: ["openai"] },
  models: ["a/b"],
};

function sentUpstream(providerId: string, kind: "openai_compatible" | "anthropic" | "gemini" = "openai_compatible") {
  const adapter = adapterFor(providerId, kind);
  const request = adapter.buildChatRequest({
    baseUrl: "http://127.0.0.1:1/v1",
    apiKey: "k",
    upstreamModel: "u",
    body,
    stream: false,
  });
  return { sent: JSON.parse(request.body ?? "{}") as Record<string, unknown>, adapter };
}

describe("which fields reach the upstream", () => {
  it("drops what OpenAI does not document, and never sends the gateway's own fields", () => {
    const { sent, adapter } = sentUpstream("openai");
    expect(Object.keys(sent).sort()).toEqual(["messages", "model", "temperature"]);
    expect(unreadParams(body, adapter.chatParams)).toEqual(["top_k", "repetition_penalty", "chat_template_kwargs"]);
  });

  it("keeps a vendor's own documented parameters (Qwen's top_k)", () => {
    const { sent } = sentUpstream("qwen");
    expect(sent.top_k).toBe(40);
    expect(sent.repetition_penalty).toBe(1.1);
    expect(sent.chat_template_kwargs).toBeUndefined();
  });

  it("passes every extra parameter to servers that take them (Ollama/vLLM, custom providers), never provider or models", () => {
    for (const providerId of ["ollama", "my-vllm-box"]) {
      const { sent, adapter } = sentUpstream(providerId);
      expect(sent).toMatchObject({
        top_k: 40,
        repetition_penalty: 1.1,
        chat_template_kwargs: { enable_thinking: false },
      });
      expect(sent.provider).toBeUndefined();
      expect(sent.models).toBeUndefined();
      expect(unreadParams(body, adapter.chatParams)).toEqual([]);
    }
  });

  it("names what Anthropic and Gemini cannot take", () => {
    expect(unreadParams(body, adapterFor("anthropic", "anthropic").chatParams)).toEqual([
      "repetition_penalty",
      "chat_template_kwargs",
    ]);
    expect(unreadParams(body, adapterFor("google", "gemini").chatParams)).toEqual([
      "repetition_penalty",
      "chat_template_kwargs",
    ]);
  });

  it("writes the header once per name, and none when nothing was dropped", () => {
    const headers = new Headers();
    noteDroppedParams(headers, ["top_k", "top_k", "logprobs"]);
    expect(headers.get("x-switchyard-dropped-params")).toBe("top_k, logprobs");
    noteDroppedParams(headers, []);
    expect(headers.has("x-switchyard-dropped-params")).toBe(false);
  });
});
