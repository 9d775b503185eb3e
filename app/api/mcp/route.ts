// POST /api/mcp – the control plane as MCP tools (streamable HTTP, stateless; Authorization: Bearer sy-admin-…)
import { handleMcpRequest, methodNotAllowed } from "@/lib/mcp/handle-mcp-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleMcpRequest(request);
export const GET = () => methodNotAllowed();
export const DELETE = () => methodNotAllowed();
