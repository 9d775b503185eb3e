// POST /v1/responses – the OpenAI Responses API, on any model (Codex CLI, the AI SDK's default OpenAI provider)
// Its handlers come from the /v1 table (lib/gateway/routes.ts), which npm start's server also serves directly.
import { v1Route } from "../_lib/with-api-key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = v1Route("responses");
