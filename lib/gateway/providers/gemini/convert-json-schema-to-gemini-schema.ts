// Function `parameters` on Gemini are not JSON Schema but Google's Schema message, a subset of OpenAPI 3.0. The API
// parses it as a protobuf, so any key outside that message fails the whole request with 400 INVALID_ARGUMENT
// ("Unknown name \"additionalProperties\" … Cannot find field"). OpenAI clients routinely send `additionalProperties:
// false`, `$schema` and `strict`-mode schemas, so we keep only the keys Gemini knows, at every level.

/** The fields of Gemini's v1beta Schema message. */
const GEMINI_SCHEMA_KEYS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "default",
  "example",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "propertyOrdering",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "anyOf",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNullSchema(value: unknown): boolean {
  return isRecord(value) && value.type === "null";
}

/**
 * One JSON Schema node as a Gemini Schema. Besides dropping unknown keys it rewrites the common JSON Schema idioms
 * Gemini spells differently: `type: ["x", "null"]` and `anyOf: [x, {type: "null"}]` become `nullable`, `const`
 * becomes a one-value `enum`, `oneOf` becomes `anyOf`, and enum values become strings (Gemini's enum is string-only).
 */
export function convertJsonSchemaToGeminiSchema(schema: unknown): Record<string, unknown> {
  if (!isRecord(schema)) return {};
  const converted: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(schema)) {
    if (!GEMINI_SCHEMA_KEYS.has(key)) continue;
    if (key === "properties" && isRecord(value)) {
      // Keys of `properties` are the caller's field names, not schema keywords: keep every one.
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, convertJsonSchemaToGeminiSchema(property)]),
      );
    } else if (key === "items") {
      converted.items = convertJsonSchemaToGeminiSchema(Array.isArray(value) ? value[0] : value);
    } else if (key === "enum" && Array.isArray(value)) {
      converted.enum = value.filter((item) => item !== null).map(String);
    } else if (key !== "type" && key !== "anyOf") {
      converted[key] = value;
    }
  }

  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type): type is string => typeof type === "string");
    const nonNull = types.filter((type) => type !== "null");
    if (nonNull.length < types.length) converted.nullable = true;
    if (nonNull.length === 1) converted.type = nonNull[0];
    else if (nonNull.length > 1) converted.anyOf = nonNull.map((type) => ({ type }));
  } else if (typeof schema.type === "string") {
    converted.type = schema.type;
  }

  if (schema.const !== undefined && schema.const !== null && converted.enum === undefined)
    converted.enum = [String(schema.const)];

  const alternatives = [schema.anyOf, schema.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
  if (alternatives.length > 0) {
    const nonNull = alternatives.filter((alternative) => !isNullSchema(alternative));
    if (nonNull.length < alternatives.length) converted.nullable = true;
    if (nonNull.length === 1 && converted.type === undefined)
      Object.assign(converted, convertJsonSchemaToGeminiSchema(nonNull[0]));
    else if (nonNull.length > 0) converted.anyOf = nonNull.map(convertJsonSchemaToGeminiSchema);
  }

  return converted;
}

/**
 * A tool's parameters for a function declaration, or undefined when the tool takes none: Gemini rejects an OBJECT
 * schema with empty `properties` ("should be non-empty for OBJECT type"), so a no-argument tool sends no schema.
 */
export function convertToolParameters(parameters: unknown): Record<string, unknown> | undefined {
  if (!isRecord(parameters)) return undefined;
  const converted = convertJsonSchemaToGeminiSchema(parameters);
  const properties = converted.properties;
  if (converted.type === "object" && (!isRecord(properties) || Object.keys(properties).length === 0)) return undefined;
  return converted;
}
