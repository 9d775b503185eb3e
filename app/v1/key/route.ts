// GET /v1/key – this key's credits, spend and limits
import { withApiKey } from "../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleKey } from "@/lib/gateway/handlers/key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = withApiKey(handleKey);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = optionsAnswer("GET, HEAD");
