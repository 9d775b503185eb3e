// The control plane as MCP tools, for one admin: a new server per request (stateless), every tool of MCP_TOOLS
// registered with its strict zod input. A tool's refusal (bad input, no such user, a rule of the service) is a tool
// error (`isError: true`) in words; anything unexpected is logged and answered as a tool error too, never a crash and
// never a stack trace.
import "../server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AdminError } from "../admin/admin-error";
import { CatalogInputError } from "../admin/catalog/catalog-input";
import { catalogRefusal } from "../admin/catalog/refusal";
import { SpendingLimitError } from "../billing/spending-limit-settings";
import { recordAudit } from "../admin/audit";
import { db } from "../db/client";
import { GatewayError } from "../gateway/errors";
import { log } from "../log";
import type { McpTool, ToolContext } from "./tool";
import { MCP_TOOLS } from "./tools";

export const MCP_SERVER_NAME = "switchyard";

/** A message a person can act on, or undefined for a failure of ours (which is logged, not shown). */
function refusalMessage(error: unknown): string | undefined {
  if (error instanceof AdminError) return error.message;
  if (error instanceof GatewayError && error.status < 500) return error.message;
  if (error instanceof GatewayError && error.code === "not_implemented") return error.message;
  if (error instanceof SpendingLimitError) return error.message;
  if (error instanceof CatalogInputError) return catalogRefusal(error).message;
  return undefined;
}

async function callTool(tool: McpTool, args: Record<string, unknown>, context: ToolContext): Promise<CallToolResult> {
  try {
    const output = await tool.run(args, context);
    // Writes were audited by their service in the change's own transaction; a read is one row of its own.
    if (!tool.mutates) {
      await db().$transaction((tx) =>
        recordAudit(tx, context.actor, {
          action: "mcp.read",
          target: { type: "mcp_tool", id: tool.name },
          after: { tool: tool.name, arguments: args },
        }),
      );
    }
    return {
      content: [{ type: "text", text: `${output.summary}\n${JSON.stringify(output.data, null, 2)}` }],
      structuredContent: output.data,
    };
  } catch (error) {
    const message = refusalMessage(error);
    if (message === undefined) {
      log.error("mcp.tool_failed", {
        tool: tool.name,
        actor: context.actor.email,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return {
      isError: true,
      content: [
        { type: "text", text: message ?? `${tool.name} failed on the server; it was logged. Try again later.` },
      ],
    };
  }
}

export function createMcpServer(context: ToolContext, version: string): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version },
    {
      instructions:
        "Switchyard's control plane. Users are named by `email`, money is `usd` (a number), keys by `key_id`, " +
        "models by `model` (a catalog id from list_models). Every call is recorded in the audit log under your admin.",
    },
  );
  for (const tool of MCP_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: !tool.mutates, destructiveHint: tool.name === "revoke_key" },
      },
      (args: Record<string, unknown>) => callTool(tool, args, context),
    );
  }
  return server;
}
