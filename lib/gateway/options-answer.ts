// OPTIONS on a /v1 route. Next would answer it itself (204 and Allow) but without a request id, which every answer of
// the API carries.
import { newRequestId } from "./request-id";

/** `allowed` lists the route's methods ("POST"); OPTIONS is added. */
export function optionsAnswer(allowed: string) {
  const allow = `${allowed}, OPTIONS`;
  return async (): Promise<Response> =>
    new Response(null, { status: 204, headers: { allow, "x-request-id": newRequestId() } });
}
