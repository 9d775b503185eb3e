// POST /v1/completions – legacy text completions, streamed or not, on any model
import { withApiKey } from "../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleCompletions } from "@/lib/gateway/handlers/completions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleCompletions);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
