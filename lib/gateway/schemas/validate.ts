// zod issues → the contract's 400s: `missing_field` or `invalid_value`, with `param` naming the field.
import type { z } from "zod";
import { GatewayError } from "../errors";
import { jsonTextDepth, MAX_JSON_DEPTH, tooDeepPath } from "./json-depth";

export function parseJsonBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError(
      "invalid_json",
      `The request body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GatewayError("invalid_json", "The request body must be a JSON object");
  }
  // The text is measured first (cheap); only a body that is too deep is walked, to name the field.
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    const param = paramOf(fieldPrefix(tooDeepPath(value) ?? [])) || null;
    throw new GatewayError(
      "invalid_value",
      `'${param ?? "body"}' nests deeper than ${MAX_JSON_DEPTH} levels, the most this gateway accepts`,
      { param },
    );
  }
  return value as Record<string, unknown>;
}

/** The field a too-deep path starts in, to its third name: "tools[0].function.parameters", not 64 levels of it. */
function fieldPrefix(path: Array<string | number>): Array<string | number> {
  let names = 0;
  const end = path.findIndex((segment) => typeof segment === "string" && ++names === 3);
  return end === -1 ? path : path.slice(0, end + 1);
}

function paramOf(path: ReadonlyArray<PropertyKey>): string {
  let param = "";
  for (const segment of path) {
    if (typeof segment === "number") param += `[${segment}]`;
    else param += param ? `.${String(segment)}` : String(segment);
  }
  return param;
}

/**
 * A union issue holds one list of issues per branch. The branch that got furthest into the value is the one the
 * client meant (for `content`, the array branch once the value is an array), so its first issue is the one reported.
 */
function innermostIssue(issue: z.core.$ZodIssue): { issue: z.core.$ZodIssue; path: PropertyKey[] } {
  let current = issue;
  let path: PropertyKey[] = [...issue.path];
  while (current.code === "invalid_union" && current.errors.length > 0) {
    let chosen: z.core.$ZodIssue | undefined;
    for (const branch of current.errors) {
      const first = branch[0];
      if (first && (!chosen || first.path.length > chosen.path.length)) chosen = first;
    }
    if (!chosen) break;
    path = [...path, ...chosen.path];
    current = chosen;
  }
  return { issue: current, path };
}

/**
 * Validates `body` against `schema`; throws the first problem as a GatewayError whose `param` names the field:
 * `missing_field` for an absent one (the `required` top-level fields are checked first), `invalid_value` otherwise.
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  body: Record<string, unknown>,
  required: string[],
  rules: Record<string, string>,
): z.infer<Schema> {
  for (const field of required) {
    if (body[field] === undefined || body[field] === null) {
      throw new GatewayError(
        "missing_field",
        `Missing required parameter: '${field}' (${rules[field] ?? "required"})`,
        { param: field },
      );
    }
  }
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const { issue, path } = innermostIssue(result.error.issues[0]);
  const param = paramOf(path);
  // With reportInput on, only an absent field reaches a type check as undefined: JSON has no undefined value.
  if (issue.code === "invalid_type" && issue.input === undefined) {
    throw new GatewayError("missing_field", `Missing required parameter: '${param}'`, { param });
  }
  const field = [...path].reverse().find((segment): segment is string => typeof segment === "string");
  const rule = field === undefined ? undefined : rules[field];
  throw new GatewayError(
    "invalid_value",
    rule ? `Invalid '${param}': must be ${rule}` : `Invalid '${param}': ${issue.message}`,
    { param },
  );
}
