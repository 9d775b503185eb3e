// The MCP docs page's table of tools, derived from the tools the server registers (lib/mcp/tools): a tool or an
// argument added there appears on the page by itself, with the type and description its schema gives.
import { z } from "zod";
import { MCP_TOOLS } from "../mcp/tools";

export interface McpArgumentRow {
  name: string;
  /** "string", "number", "integer", "boolean", "string[]", an enum's values joined by " | "; "or null" when nullable. */
  type: string;
  required: boolean;
  description: string;
}

export interface McpToolRow {
  name: string;
  description: string;
  mutates: boolean;
  arguments: McpArgumentRow[];
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" or ");
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  if (schema.type === "array") return `${schema.items ? typeOf(schema.items) : "any"}[]`;
  return schema.type ?? "any";
}

function descriptionOf(schema: JsonSchema): string {
  return schema.description ?? schema.anyOf?.find((option) => option.description)?.description ?? "";
}

export function mcpToolReference(): McpToolRow[] {
  return MCP_TOOLS.map((tool) => {
    const schema = z.toJSONSchema(tool.input, { io: "input" }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    return {
      name: tool.name,
      description: tool.description,
      mutates: tool.mutates,
      arguments: Object.entries(schema.properties ?? {}).map(([name, property]) => ({
        name,
        type: typeOf(property),
        required: required.has(name),
        description: descriptionOf(property),
      })),
    };
  });
}
