// Any other /v1 path – an OpenAI-shaped 404, never an HTML page
import { GatewayError } from "@/lib/gateway/errors";
import { errorResponse, newRequestId } from "@/lib/gateway/pipeline";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  const headers = new Headers({ "x-request-id": newRequestId() });
  return errorResponse(new GatewayError("not_found", `Unknown endpoint ${request.method} ${path}; see the API reference in the docs`), headers);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
