// GET /v1/models, GET /v1/models/{id} – the models this key may call (ids contain "/")
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleModels } from "@/lib/gateway/handlers/models";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = withApiKey(handleModels);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = optionsAnswer("GET, HEAD");
