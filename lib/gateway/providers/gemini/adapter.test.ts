import { describe, expect, it } from "vitest";
import { createGeminiAdapter } from "./adapter";

const SECRET = "AIzaSy-test-secret-key-0000";
const adapter = createGeminiAdapter();

function chatRequest(stream: boolean, baseUrl = "https://generativelanguage.googleapis.com") {
  return adapter.buildChatRequest({
    baseUrl,
    apiKey: SECRET,
    upstreamModel: "gemini-2.5-flash",
    body: { model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], stream },
    stream,
  });
}

describe("Gemini adapter requests", () => {
  it("calls generateContent, or streamGenerateContent with alt=sse when streaming", () => {
    expect(chatRequest(false)).toMatchObject({
      url: "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(chatRequest(true)).toMatchObject({
      url: "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
      headers: { accept: "text/event-stream" },
    });
    expect(chatRequest(false, "https://gemini.internal.example/").url).toBe(
      "https://gemini.internal.example/v1beta/models/gemini-2.5-flash:generateContent",
    );
  });

  it("puts the key in x-goog-api-key and nowhere else (URLs get logged)", () => {
    for (const request of [chatRequest(false), chatRequest(true)]) {
      expect(request.headers["x-goog-api-key"]).toBe(SECRET);
      expect(request.url).not.toContain(SECRET);
      expect(request.url).not.toContain("key=");
      expect(request.body).not.toContain(SECRET);
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it("sends only Gemini fields in the body: no model, stream or other OpenAI-only keys", () => {
    const sent = JSON.parse(chatRequest(true).body ?? "{}") as Record<string, unknown>;
    expect(Object.keys(sent)).toEqual(["contents"]);
  });

  it("builds batchEmbedContents requests with the key in the header", () => {
    const request = adapter.buildEmbeddingsRequest?.({
      baseUrl: "https://generativelanguage.googleapis.com",
      apiKey: SECRET,
      upstreamModel: "gemini-embedding-001",
      body: { input: "hello" },
    });
    expect(request?.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents",
    );
    expect(request?.headers["x-goog-api-key"]).toBe(SECRET);
    expect(request?.url).not.toContain(SECRET);
  });
});
