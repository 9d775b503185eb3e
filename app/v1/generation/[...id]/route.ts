// GET /v1/generation/{request_id} – the stored record of one request of this key
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleGeneration } from "@/lib/gateway/handlers/generation";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = withApiKey(handleGeneration);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = optionsAnswer("GET, HEAD");
