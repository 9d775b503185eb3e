// Any path under /v1 that no route serves, with any method Next can route: an OpenAI-shaped 404 with a request id,
// never Next's HTML page or its empty 405.
import { GatewayError } from "@/lib/gateway/errors";
import { errorResponse, newRequestId } from "@/lib/gateway/pipeline";

export async function unknownEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const headers = new Headers({ "x-request-id": newRequestId() });
  const message = `Unknown endpoint ${request.method} ${path}; see the API reference in the docs`;
  return errorResponse(new GatewayError("not_found", message), headers);
}
