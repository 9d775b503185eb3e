// POST /v1/messages/count_tokens – an estimate of a Messages request's input tokens (free)
// Its handlers come from the /v1 table (lib/gateway/routes.ts), which npm start's server also serves directly.
import { v1Route } from "../../_lib/with-api-key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
const route = v1Route("messages/count_tokens");
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
