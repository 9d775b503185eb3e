import { describe, expect, it } from "vitest";
import { GatewayError } from "../gateway/errors";
import { parseDemoRequest } from "./demo-request";

function refusal(body: unknown): { code: string; param: string | null; message: string } {
  try {
    parseDemoRequest(typeof body === "string" ? body : JSON.stringify(body));
  } catch (error) {
    if (error instanceof GatewayError) return { code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("what the free demo accepts", () => {
  it("takes a conversation of user and assistant turns, with or without a model", () => {
    expect(parseDemoRequest(JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }))).toEqual({
      messages: [{ role: "user", content: "Hi" }],
    });
    const long = "a".repeat(3_000);
    expect(
      parseDemoRequest(
        JSON.stringify({
          model: "zhipu/glm-4-flash",
          messages: [
            { role: "user", content: "Hi" },
            { role: "assistant", content: long },
            { role: "user", content: "More" },
          ],
        }),
      ).messages,
    ).toHaveLength(3);
  });

  it("refuses what it does not take, naming the field", () => {
    expect(refusal({ messages: [{ role: "user", content: "Hi" }], max_tokens: 4000 })).toMatchObject({
      code: "invalid_value",
      param: "max_tokens",
    });
    expect(refusal({ messages: [{ role: "system", content: "Hi" }] })).toMatchObject({
      code: "invalid_value",
      param: "messages[0].role",
    });
    expect(refusal({ messages: [] })).toMatchObject({ param: "messages" });
    expect(refusal({})).toMatchObject({ code: "missing_field", param: "messages" });
    expect(refusal({ messages: Array.from({ length: 11 }, () => ({ role: "user", content: "again" })) })).toMatchObject(
      { param: "messages" },
    );
    expect(refusal({ messages: [{ role: "user", content: "x".repeat(1_001) }] })).toMatchObject({
      param: "messages[0].content",
    });
    expect(refusal({ messages: [{ role: "user", content: "   " }] })).toMatchObject({ param: "messages[0].content" });
    expect(refusal({ messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] })).toMatchObject({
      param: "messages[0].content",
    });
    expect(
      refusal({
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello" },
        ],
      }),
    ).toMatchObject({ param: "messages[1].role", message: "The last message must be the user's question" });
    expect(refusal("not json")).toMatchObject({ code: "invalid_json" });
  });
});
