// POST /v1/messages/count_tokens – an estimate of a Messages request's input tokens (free)
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleCountTokens } from "@/lib/gateway/handlers/count-tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleCountTokens, { errorShape: "anthropic" });
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
