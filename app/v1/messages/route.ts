// POST /v1/messages – the Anthropic Messages API, on any model (Anthropic SDK, Claude Code)
import { withApiKey } from "../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleMessages } from "@/lib/gateway/handlers/messages";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleMessages, { errorShape: "anthropic" });
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
