import { describe, expect, it } from "vitest";
import { convertJsonSchemaToGeminiSchema, convertToolParameters } from "./convert-json-schema-to-gemini-schema";

describe("JSON Schema → Gemini Schema", () => {
  it("drops the keys Gemini rejects at every level, and keeps a property that happens to be named like one", () => {
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: false,
      properties: {
        additionalProperties: { type: "string", description: "a field the caller really has" },
        address: {
          type: "object",
          additionalProperties: false,
          $comment: "nested",
          properties: {
            lines: { type: "array", items: { type: "string", additionalProperties: false }, uniqueItems: true },
          },
          required: ["lines"],
        },
      },
      required: ["address"],
    };
    expect(convertJsonSchemaToGeminiSchema(schema)).toEqual({
      type: "object",
      properties: {
        additionalProperties: { type: "string", description: "a field the caller really has" },
        address: {
          type: "object",
          properties: { lines: { type: "array", items: { type: "string" } } },
          required: ["lines"],
        },
      },
      required: ["address"],
    });
  });

  it("spells nullable, const and oneOf the way Gemini does", () => {
    expect(convertJsonSchemaToGeminiSchema({ type: ["string", "null"], maxLength: 40 })).toEqual({
      type: "string",
      nullable: true,
      maxLength: 40,
    });
    expect(convertJsonSchemaToGeminiSchema({ anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }] })).toEqual({
      type: "integer",
      minimum: 1,
      nullable: true,
    });
    expect(convertJsonSchemaToGeminiSchema({ type: "string", const: "fixed" })).toEqual({
      type: "string",
      enum: ["fixed"],
    });
    expect(convertJsonSchemaToGeminiSchema({ oneOf: [{ type: "string" }, { type: "number" }] })).toEqual({
      anyOf: [{ type: "string" }, { type: "number" }],
    });
    expect(convertJsonSchemaToGeminiSchema({ type: "integer", enum: [1, 2, 3] })).toEqual({
      type: "integer",
      enum: ["1", "2", "3"],
    });
  });

  it("sends no parameters for a tool that takes none (Gemini refuses an OBJECT with no properties)", () => {
    expect(convertToolParameters({ type: "object", properties: {}, additionalProperties: false })).toBeUndefined();
    expect(convertToolParameters(undefined)).toBeUndefined();
    expect(convertToolParameters({ type: "object", properties: { q: { type: "string" } } })).toEqual({
      type: "object",
      properties: { q: { type: "string" } },
    });
  });
});
