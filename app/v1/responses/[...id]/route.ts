// GET, DELETE /v1/responses/{id} – a response this key stored (`store`, the default), read or removed; GET …/input_items
// Its handlers come from the /v1 table (lib/gateway/routes.ts), which npm start's server also serves directly.
import { v1Route } from "../../_lib/with-api-key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = v1Route("responses/*");
