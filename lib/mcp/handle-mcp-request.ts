// POST /api/mcp: MCP over streamable HTTP, stateless (a new server and transport per request, as the SDK's stateless
// examples do), with JSON answers rather than SSE: every tool answers at once, so there is nothing to stream.
// Authenticated by an admin access token (lib/admin/tokens.ts) on every request; anything else gets 401.
import "../server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import packageJson from "../../package.json" with { type: "json" };
import { authenticateAdminToken } from "../admin/tokens";
import { env } from "../env";
import { trustedOrigin } from "../site-origin";
import { createMcpServer } from "./server";

function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}

function unauthorised(): Response {
  return Response.json(
    {
      error: {
        message:
          "An admin access token is required: Authorization: Bearer sy-admin-… (mint one on /admin/tokens). " +
          "A revoked token, or one whose user is no longer an admin, is refused.",
        type: "authentication_error",
        code: "invalid_admin_token",
        param: null,
      },
    },
    { status: 401, headers: { "www-authenticate": 'Bearer realm="switchyard-mcp"' } },
  );
}

export async function handleMcpRequest(request: Request): Promise<Response> {
  const actor = await authenticateAdminToken(bearerToken(request.headers));
  if (!actor) return unauthorised();
  const origin = trustedOrigin({ authUrl: env().AUTH_URL, header: (name) => request.headers.get(name) });
  const server = createMcpServer({ actor, origin }, packageJson.version);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  try {
    await server.connect(transport);
    // In JSON mode the answer is whole when it is returned, so the server can close right after.
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}

/** GET (a server-sent stream) and DELETE (end a session) mean nothing without sessions. */
export function methodNotAllowed(): Response {
  return Response.json(
    {
      jsonrpc: "2.0",
      error: { code: -32000, message: "Method not allowed: this MCP server takes POST only." },
      id: null,
    },
    { status: 405, headers: { allow: "POST" } },
  );
}
