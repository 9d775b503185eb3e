// JSON helpers the upstream stand-ins share: a plain-object check, and a value that satisfies a tool's schema, so a
// stand-in can answer a forced tool call or a JSON-schema response with arguments the caller's schema accepts.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A value satisfying a simple JSON schema, or a Gemini schema (type names in either case). Strings carry `text`, so
 * round trips can be checked. Objects get every property (`fill: "all"`, as the OpenAI stand-in answers) or only their
 * required ones (`"required"`, as the Anthropic and Gemini stand-ins do).
 */
export function sampleForSchema(schema: unknown, text: string, fill: "all" | "required"): unknown {
  if (!isObject(schema)) return text;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (String(schema.type).toLowerCase()) {
    case "object": {
      const result: JsonObject = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      const names =
        fill === "all"
          ? Object.keys(properties)
          : Array.isArray(schema.required)
            ? schema.required.filter((name): name is string => typeof name === "string")
            : [];
      for (const name of names) result[name] = sampleForSchema(properties[name], text, fill);
      return result;
    }
    case "array":
      return [sampleForSchema(schema.items, text, fill)];
    case "integer":
    case "number":
      return 42;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return text;
  }
}
