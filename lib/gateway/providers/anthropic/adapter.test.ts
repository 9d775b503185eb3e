import { describe, expect, it } from "vitest";
import type { ChatRequestBody } from "../../schemas/chat";
import { readJsonFixture } from "./__fixtures__/read-fixture";
import { createAnthropicAdapter } from "./adapter";

const body = { model: "anthropic/claude-sonnet-4.5", messages: [{ role: "user", content: "Hi" }] } as ChatRequestBody;

describe("createAnthropicAdapter", () => {
  const adapter = createAnthropicAdapter();

  it("posts to /v1/messages with Anthropic's headers", () => {
    const request = adapter.buildChatRequest({
      baseUrl: "https://api.anthropic.com",
      apiKey: "sk-ant-test",
      upstreamModel: "claude-sonnet-4-5-20250929",
      body,
      stream: false,
    });
    expect(request.url).toBe("https://api.anthropic.com/v1/messages");
    expect(request.method).toBe("POST");
    expect(request.headers).toMatchObject({
      "x-api-key": "sk-ant-test",
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    });
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.body ?? "")).toEqual({
      model: "claude-sonnet-4-5-20250929",
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      max_tokens: 8192,
    });
  });

  it("asks for a stream, and tolerates a base URL configured with /v1 or a trailing slash", () => {
    for (const baseUrl of [
      "https://api.anthropic.com/v1",
      "https://api.anthropic.com/",
      "https://api.anthropic.com/v1/",
    ]) {
      const request = adapter.buildChatRequest({
        baseUrl,
        apiKey: "k",
        upstreamModel: "claude-haiku-4-5",
        body,
        stream: true,
      });
      expect(request.url).toBe("https://api.anthropic.com/v1/messages");
      expect(request.headers.accept).toBe("text/event-stream");
      expect(JSON.parse(request.body ?? "").stream).toBe(true);
    }
  });

  it("parses responses, streams and errors through the same translation", () => {
    expect(adapter.parseChatResponse(readJsonFixture("text-response.json")).choices[0].message.content).toBe(
      "Hello! How can I help you today?",
    );
    const translate = adapter.createStreamTranslator();
    expect(translate({ event: "message_stop", data: '{"type":"message_stop"}' })).toEqual({ kind: "done" });
    expect(adapter.parseError(529, JSON.stringify(readJsonFixture("error-529-overloaded.json"))).message).toBe(
      "Overloaded",
    );
  });
});
