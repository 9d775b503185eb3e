// POST /v1/responses – the OpenAI Responses API, on any model (Codex CLI, the AI SDK's default OpenAI provider)
import { withApiKey } from "../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleCreateResponse } from "@/lib/gateway/handlers/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleCreateResponse);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
