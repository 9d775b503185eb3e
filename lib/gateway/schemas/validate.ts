// zod issues → the contract's 400s: `missing_field` or `invalid_value`, with `param` naming the field.
import type { z } from "zod";
import { GatewayError } from "../errors";

export function parseJsonBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GatewayError("invalid_json", "The request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function paramOf(path: ReadonlyArray<PropertyKey>): string {
  let param = "";
  for (const segment of path) {
    if (typeof segment === "number") param += `[${segment}]`;
    else param += param ? `.${String(segment)}` : String(segment);
  }
  return param;
}

/** Validates `body` against `schema`; throws the first problem as a GatewayError. Required fields named in `required` are checked first. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  body: Record<string, unknown>,
  required: string[],
  rules: Record<string, string>,
): z.infer<Schema> {
  for (const field of required) {
    if (body[field] === undefined || body[field] === null) {
      throw new GatewayError("missing_field", `Missing required parameter: '${field}' (${rules[field] ?? "required"})`, { param: field });
    }
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = paramOf(issue.path);
  const field = [...issue.path].reverse().find((segment) => typeof segment === "string") as string | undefined;
  const rule = field ? rules[field] : undefined;
  throw new GatewayError("invalid_value", rule ? `Invalid '${param}': must be ${rule}` : `Invalid '${param}': ${issue.message}`, { param });
}
