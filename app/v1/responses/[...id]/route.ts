// GET, DELETE /v1/responses/{id} – a response this key stored (`store`, the default), read or removed; GET …/input_items
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleDeleteResponse, handleGetResponse } from "@/lib/gateway/handlers/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = withApiKey(handleGetResponse, { endpoint: "responses" });
export const DELETE = withApiKey(handleDeleteResponse, { endpoint: "responses" });
export const POST = methodNotAllowed("GET, DELETE");
export const PUT = POST;
export const PATCH = POST;
export const OPTIONS = optionsAnswer("GET, HEAD, DELETE");
