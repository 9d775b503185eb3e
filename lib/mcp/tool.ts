// One MCP tool: its name, words, input schema (zod, checked by the SDK before `run`), and what it does. The server
// (lib/mcp/server.ts) registers every tool of lib/mcp/tools; the docs page's table is made from the same list, so the
// documented names and arguments are the ones served.
import { z } from "zod";
import type { TokenActor } from "../admin/tokens";

/** What a tool gets besides its arguments. */
export interface ToolContext {
  actor: TokenActor;
  /** The site's origin as the request reached it (for Checkout's return URLs); undefined when it cannot be trusted. */
  origin: string | undefined;
}

/** A tool's answer: a line for people, and the same facts as JSON (`structuredContent`). */
export interface ToolOutput {
  summary: string;
  data: Record<string, unknown>;
}

export interface McpTool {
  name: string;
  title: string;
  description: string;
  /** Strict: an argument the tool does not know is refused, not ignored (a misspelt `usd` must not pass silently). */
  input: z.ZodObject;
  /** Writes audit themselves (in the service, in the change's transaction); reads are audited as "mcp.read". */
  mutates: boolean;
  run: (args: Record<string, unknown>, context: ToolContext) => Promise<ToolOutput>;
}

export function defineTool<Shape extends z.ZodRawShape>(tool: {
  name: string;
  title: string;
  description: string;
  input: Shape;
  mutates: boolean;
  run: (args: z.infer<z.ZodObject<Shape>>, context: ToolContext) => Promise<ToolOutput>;
}): McpTool {
  return {
    ...tool,
    input: z.strictObject(tool.input),
    // The SDK parses the arguments with `input` before calling: what arrives here has the schema's type.
    run: (args, context) => tool.run(args as z.infer<z.ZodObject<Shape>>, context),
  };
}

// Argument conventions shared by every tool: a user by `email`, money as `usd` (a number), a key by `key_id`, a model
// by `model` (a catalog id).
export const email = z.string().max(320).describe("The user's email address");
export const usd = z.number().describe("An amount in US dollars, such as 25 or 2.5");
export const keyId = z.string().min(1).max(100).describe("A key's id (see list_keys)");
export const model = z.string().min(1).max(200).describe("A catalog model id, such as openai/gpt-4o-mini");

/** Dates as ISO text and nothing else changed: money is converted to USD numbers by each tool, by name. */
export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}
